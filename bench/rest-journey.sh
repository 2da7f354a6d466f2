#!/usr/bin/env bash
# wrk, 64 connections: environment list and ticket list, each next to its service's /q/health/live in the same run (step 7). [seconds, default 20]
# Needs a running suite (bin/slipway up). Figures and how to read them: docs/performance.md.
exec "$(dirname "${BASH_SOURCE[0]}")/run" rest-journey "$@"
