#!/usr/bin/env bash
# git push over SSH to master serving the commit (step 7, empty hooks, one node), each hop. [n, default 30] [warm-up, default 5]
# Needs a running suite (bin/slipway up). Figures and how to read them: docs/performance.md.
exec "$(dirname "${BASH_SOURCE[0]}")/run" push "$@"
