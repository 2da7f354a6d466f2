#!/usr/bin/env bash
# One service alone: start to ready and resident memory when idle. [rounds, default 3] [service, default environment-service]
# Needs a running suite (bin/slipway up). Figures and how to read them: docs/performance.md.
exec "$(dirname "${BASH_SOURCE[0]}")/run" startup "$@"
