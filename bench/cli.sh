#!/usr/bin/env bash
# The command-line client (step 10): wall time of `slipway-cli --help` and of `slipway-cli environment:list` against a
# running suite, p50 over [runs] (default 20) with hyperfine, beside the same GET made with curl in the same run; and
# the client without its launcher's JVM options or its AppCDS archive, to show what they give. Writes hyperfine's JSON
# and Markdown into [dir] when given. Needs hyperfine (apt-get install -y hyperfine), curl, jq and a suite
# (bin/slipway up). SLIPWAY_CLI_URL: the origin (default http://127.0.0.1:8080); SLIPWAY_CLI_TOKEN: alice's token, else
# minted by the suite of SLIPWAY_ROOT (default this checkout: bin/slipway token alice); SLIPWAY_BENCH_PROJECT: reuse a
# project made earlier (ids: cli...).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
checkout="$(cd "$here/.." && pwd)"
runs="${1:-20}"
out="${2:-}"
url="${SLIPWAY_CLI_URL:-http://127.0.0.1:8080}"
suite_root="${SLIPWAY_ROOT:-$checkout}"
cli="$checkout/bin/slipway-cli"
jar="$checkout/cli/target/slipway-cli.jar"
for tool in hyperfine curl jq; do
  command -v "$tool" >/dev/null || { echo "bench/cli.sh needs $tool (apt-get install -y $tool)" >&2; exit 1; }
done
[ -f "$jar" ] || (cd "$checkout" && ./mvnw -B -q -o -pl cli package -DskipTests)

# The client's own contexts in a folder of the run; the token through the environment, as scripts pass it.
export XDG_CONFIG_HOME="$(mktemp -d)"
trap 'rm -rf "$XDG_CONFIG_HOME"' EXIT
export SLIPWAY_CLI_URL="$url"
export SLIPWAY_CLI_TOKEN="${SLIPWAY_CLI_TOKEN:-$(cd "$suite_root" && bin/slipway token alice)}"

project="${SLIPWAY_BENCH_PROJECT:-}"
if [ -z "$project" ]; then
  # Made with the client itself: 3 environments of ENV-1 and 7 branches of master, 10 rows (as bench/rest-list.sh lists).
  project="cli$(date +%s | tail -c 9)"
  "$cli" project:create "$project" --title "CLI benchmark" >/dev/null
  for i in 1 2 3 4 5 6 7; do "$cli" branch "bench$i" master -p "$project" >/dev/null 2>&1; done
fi
rows=$("$cli" environment:list -p "$project" --format json | jq length)
"$cli" --help >/dev/null   # makes the AppCDS archive when the jar is newer than it (once per build)

echo "== bench/cli.sh: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), commit $(git -C "$checkout" rev-parse --short HEAD)"
echo "   $(java -version 2>&1 | head -1); $(hyperfine --version); project $project with $rows environments at $url"
opts=(-N --warmup 3 --runs "$runs" --style basic)
[ -n "$out" ] && mkdir -p "$out" && opts+=(--export-json "$out/cli.json" --export-markdown "$out/cli.md")
hyperfine "${opts[@]}" \
  -n "slipway-cli --help" "$cli --help" \
  -n "slipway-cli environment:list" "$cli environment:list -p $project" \
  -n "curl GET environments" "curl -sf -H 'Authorization: Bearer $SLIPWAY_CLI_TOKEN' $url/api/v1/projects/$project/environments?limit=200" \
  -n "java -jar (no launcher options, no archive) --help" "java -jar $jar --help" \
  -n "java -jar (no launcher options, no archive) environment:list" "java -jar $jar environment:list -p $project" \
  -n "slipway-cli environment:list, SLIPWAY_CLI_CDS=0" "env SLIPWAY_CLI_CDS=0 $cli environment:list -p $project"
if [ -n "$out" ]; then
  # hyperfine keeps each command line; the token is not kept with the results.
  sed -i "s|$SLIPWAY_CLI_TOKEN|\$TOKEN|g" "$out/cli.json" "$out/cli.md"
  echo "== p50 (median) per command, ms"
  jq -r '.results[] | "\(.median * 1000 | floor) ms p50   (mean \(.mean * 1000 | floor), min \(.min * 1000 | floor), max \(.max * 1000 | floor))   \(.command)"' "$out/cli.json"
  echo "== after the runs: load average $(cut -d' ' -f1-3 /proc/loadavg)"
fi
