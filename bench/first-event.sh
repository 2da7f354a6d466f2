#!/usr/bin/env bash
# The first event after ssh-gateway (re)started and reported ready. [rounds, default 5]
# Needs a running suite (bin/slipway up). Figures and how to read them: docs/performance.md.
exec "$(dirname "${BASH_SOURCE[0]}")/run" first-event "$@"
