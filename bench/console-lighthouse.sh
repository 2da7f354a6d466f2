#!/usr/bin/env bash
# The web console (step 9): Lighthouse 12.2.3 (pinned; 13 wants Node 22) with Debian's Chromium on the project
# overview with 50 environments: performance and accessibility, mobile and desktop, [runs] each (default 3);
# the JSON reports into [folder] when given. Same variables as console-overview.sh.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
[ -d "$here/console/node_modules" ] || (cd "$here/console" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=warn)
exec node "$here/console/lighthouse.mjs" "${1:-3}" ${2:+"$2"}
