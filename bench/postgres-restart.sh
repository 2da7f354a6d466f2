#!/usr/bin/env bash
# PostgreSQL restarted under a running suite (restarts the machine's cluster: development machines only). [seconds, default 20]
# Needs a running suite (bin/slipway up). Figures and how to read them: docs/performance.md.
exec "$(dirname "${BASH_SOURCE[0]}")/run" postgres-restart "$@"
