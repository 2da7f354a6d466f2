#!/usr/bin/env bash
# GET environments (10 of them) against the light endpoint, wrk with 64 connections. [seconds, default 20]
# Needs a running suite (bin/slipway up). Figures and how to read them: docs/performance.md.
exec "$(dirname "${BASH_SOURCE[0]}")/run" rest list "$@"
