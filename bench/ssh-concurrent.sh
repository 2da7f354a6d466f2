#!/usr/bin/env bash
# n concurrent sessions through the gateway, each running `sleep <hold>; echo ok`: failures, sessions open at once, the gateway's resident memory. [n, default 1000] [hold seconds, default 2]
# Needs a running suite (bin/slipway up) and ulimit -n above 2n. Figures: docs/performance.md.
exec "$(dirname "${BASH_SOURCE[0]}")/run" ssh-concurrent "$@"
