#!/usr/bin/env bash
# git clone of 5 000 files / 200 commits through the gateway against OpenSSH + git-upload-pack on the same bare repository. [n, default 7] [warm-up, default 2]
# Needs a running suite (bin/slipway up) and runs as root (a private sshd on 2223). Figures: docs/performance.md.
exec "$(dirname "${BASH_SOURCE[0]}")/run" git-clone "$@"
