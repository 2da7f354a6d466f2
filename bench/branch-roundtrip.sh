#!/usr/bin/env bash
# Branch activity round trip: environment-service -> git host -> environment-service. [n branches, default 30] [warm-up branches, default 40]
# Needs a running suite (bin/slipway up). Figures and how to read them: docs/performance.md.
exec "$(dirname "${BASH_SOURCE[0]}")/run" branch "$@"
