#!/usr/bin/env bash
# A deployment with empty hooks on one node (step 5): deployment-requested committed -> deployment.succeeded applied by environment-service, per phase; one at a time, then environments at once. [n, default 100] [warm-up, default 20] [environments at once, default 20] [rounds, default 5]
# Needs a running suite (bin/slipway up). Figures and how to read them: docs/performance.md.
exec "$(dirname "${BASH_SOURCE[0]}")/run" deploy "$@"
