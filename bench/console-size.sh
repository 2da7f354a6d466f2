#!/usr/bin/env bash
# The web console's JavaScript by what a first load fetches (step 9): a production build of console/ with
# Vite's manifest into a folder of its own (console/dist is left alone), then bench/console/size.mjs: the
# entry and its static imports (every first load), each page's chunks loaded on demand, raw and gzip -9.
# Needs console/node_modules (cd console && npm ci) and the generated API types (npm run generate); no suite.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
(cd "$here/../console" && npx vite build --manifest --outDir "$out" --emptyOutDir --logLevel warn)
echo "# console size | $(git -C "$here/.." rev-parse --short HEAD)$(git -C "$here/.." diff --quiet -- console/src || echo ' + changes') | node $(node --version)"
node "$here/console/size.mjs" "$out"
