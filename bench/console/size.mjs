// The console's JavaScript by what a first load fetches (docs/performance.md, "Web console (step 9)"),
// from a production build's Vite manifest, with no suite and no browser: the entry and what it imports
// statically (every first load), then each page's own chunks loaded on demand (React.lazy), and the
// first load of the project overview (entry + its page). Raw and gzip -9, in KB (1024 bytes).
//   node size.mjs <dist folder built with --manifest>
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = process.argv[2];
const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'));
const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
const size = (file) => {
  const bytes = readFileSync(join(dist, file));
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};
/** The chunk's file and every chunk it imports statically, transitively (what loading it fetches). */
const closure = (key, seen = new Set()) => {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const next of manifest[key].imports ?? []) closure(next, seen);
  return seen;
};
const total = (keys) => [...keys].filter((k) => manifest[k].file.endsWith('.js')).map((k) => size(manifest[k].file))
  .reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip }), { raw: 0, gzip: 0 });
const kb = ({ raw, gzip }) => `${(raw / 1024).toFixed(1)} KB, gzip -9 ${(gzip / 1024).toFixed(1)} KB`;

const entry = closure(entryKey);
const all = Object.keys(manifest);
console.log(`all JavaScript: ${all.filter((k) => manifest[k].file.endsWith('.js')).length} files, ${kb(total(all))}`);
console.log(`first load, every page (entry and its static imports): ${entry.size} files, ${kb(total(entry))}`);
for (const page of manifest[entryKey].dynamicImports ?? []) {
  const own = [...closure(page)].filter((k) => !entry.has(k));
  console.log(`  + ${page.replace(/^src\//, '')} on demand: ${own.length} files, ${kb(total(own))}`);
}
const overview = (manifest[entryKey].dynamicImports ?? []).find((k) => k.endsWith('/ProjectOverview.tsx'));
if (overview) console.log(`first load of the project overview: ${kb(total(new Set([...entry, ...closure(overview)])))}`);
