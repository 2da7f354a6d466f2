// Every page the journey reaches is checked the same way, at 1280 px and at 390 px wide: axe-core
// (injected into the page) finds no serious or critical violation, nothing is wider than the
// window (no sideways scrolling at 390 px), and a full-page screenshot is kept with the test output.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, type Page, type TestInfo } from '@playwright/test';
import { outputDir } from './environment';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export const WIDTHS = [1280, 390] as const;
const HEIGHT = { 1280: 900, 390: 844 } as const;

interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations;
  });
}

/**
 * Checks the page as it is now at each width and keeps `screenshots/<name>-<width>.png` and
 * `axe/<name>-<width>.json`; puts the window back to 1280 px afterwards.
 */
export async function checkPage(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const problems: string[] = [];
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: HEIGHT[width] });
    // One frame for the layout to follow the new width.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined))));
    const violations = await axeViolations(page);
    mkdirSync(`${outputDir}/axe`, { recursive: true });
    writeFileSync(`${outputDir}/axe/${name}-${width}.json`, JSON.stringify(violations, null, 2));
    for (const v of violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) {
      problems.push(`${name} at ${width} px: axe ${v.impact} ${v.id} (${v.help}) on ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
    }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 0) problems.push(`${name} at ${width} px: the page is ${overflow} px wider than the window`);
    const path = `${outputDir}/screenshots/${name}-${width}.png`;
    await page.screenshot({ path, fullPage: true });
    await testInfo.attach(`${name}-${width}`, { path, contentType: 'image/png' });
  }
  await page.setViewportSize({ width: 1280, height: HEIGHT[1280] });
  expect(problems, problems.join('\n')).toEqual([]);
}
