#!/usr/bin/env bash
# SSH authentication time with ~10 keys registered and with 100 000 (SSH-1, SSH-3): ssh git@host true. [n per phase, default 100] [keys, default 100000] [rounds, default 2]
# Needs a running suite (bin/slipway up). Figures and how to read them: docs/performance.md.
exec "$(dirname "${BASH_SOURCE[0]}")/run" ssh-auth-keys "$@"
