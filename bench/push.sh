#!/usr/bin/env bash
# git push over SSH to master serving the commit (step 7, empty hooks, one node), each hop. [n, default 30] [warm-up, default 5]
# SLIPWAY_BENCH_SSH_OPTIONS adds options to the ssh client, e.g. "-o KexAlgorithms=curve25519-sha256".
# Needs a running suite (bin/slipway up). Figures and how to read them: docs/performance.md.
exec "$(dirname "${BASH_SOURCE[0]}")/run" push "$@"
