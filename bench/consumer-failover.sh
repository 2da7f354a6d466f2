#!/usr/bin/env bash
# A consumer killed with SIGKILL: restarted at once, and with two instances. [rounds, default 3]
# Needs a running suite (bin/slipway up). Figures and how to read them: docs/performance.md.
exec "$(dirname "${BASH_SOURCE[0]}")/run" failover "$@"
