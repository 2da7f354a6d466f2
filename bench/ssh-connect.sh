#!/usr/bin/env bash
# Connect, authenticate and run `true`: through the gateway (<project>-master, relayed to the exec stand-in) and against a private OpenSSH sshd, alternating. [n, default 200] [warm-up, default 20]
# Needs a running suite (bin/slipway up), root and /usr/sbin/sshd (apt-get install -y openssh-server). Figures: docs/performance.md.
exec "$(dirname "${BASH_SOURCE[0]}")/run" ssh-connect "$@"
