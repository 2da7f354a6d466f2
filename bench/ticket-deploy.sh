#!/usr/bin/env bash
# DEPLOY tickets to staging approved by support (step 7): approval -> deployment started, -> ticket RESOLVED. [n, default 20] [warm-up, default 3]
# Needs a running suite (bin/slipway up). Figures and how to read them: docs/performance.md.
exec "$(dirname "${BASH_SOURCE[0]}")/run" ticket-deploy "$@"
