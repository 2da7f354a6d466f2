#!/usr/bin/env bash
# The server's half of each SSH key exchange the gateway could offer, per connection, as MINA SSHD computes it:
# in a default JVM, then with the services' JVM options (C1 only, serial GC). [n, default 50] [warm-up, default 20]
# Why the gateway does not offer sntrup761: ssh-gateway/README.md. Figures: docs/performance.md (step 7).
set -euo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"
"$here/run" kex "$@"
echo "# with the services' JIT and GC (-XX:+UseSerialGC -XX:TieredStopAtLevel=1)"
SLIPWAY_BENCH_JAVA_OPTIONS="-XX:+UseSerialGC -XX:TieredStopAtLevel=1" "$here/run" kex "$@"
