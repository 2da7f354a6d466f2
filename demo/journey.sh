#!/usr/bin/env bash
# The Slipway journey, told against a running suite (bin/slipway up): a project from its first push
# to Production going live, through Integration environments and support tickets. Each step prints
# what it does, the request or command it makes and what came back; a table closes the run.
#
#   bin/slipway demo                 (or demo/journey.sh)
#
# Requirements: a running suite (`bin/slipway up`), bash, curl, git, ssh, ssh-keygen and jq
# (Debian: `apt-get install -y jq curl git openssh-client`). Each run uses a fresh project id
# (SLIPWAY_DEMO_PROJECT overrides it), so it can be run again on the same suite.
# Exits non-zero at the first step that does not end as the story says.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
for tool in curl git ssh ssh-keygen jq; do
  command -v "$tool" >/dev/null 2>&1 || { echo "demo: $tool is missing (Debian: apt-get install -y ${tool/ssh-keygen/openssh-client})" >&2; exit 2; }
done

ENV_API=${SLIPWAY_ENV_URL:-http://127.0.0.1:8081}
DEP_API=${SLIPWAY_DEPLOY_URL:-http://127.0.0.1:8082}
TKT_API=${SLIPWAY_TICKET_URL:-http://127.0.0.1:8083}
GW_API=${SLIPWAY_GATEWAY_URL:-http://127.0.0.1:8084}
SSH_HOST=${SLIPWAY_SSH_HOST:-127.0.0.1}
SSH_PORT=${SLIPWAY_SSH_PORT:-2222}
PATIENCE=${SLIPWAY_DEMO_TIMEOUT:-90}   # seconds any one wait may take
P=${SLIPWAY_DEMO_PROJECT:-demo$(date +%m%d%H%M%S)}
VAR_NAME="env:SHOP_GREETING"
VAR_VALUE="hello from production"
DOMAIN="shop.example.com"

work=$(mktemp -d /tmp/slipway-demo-XXXXXX)
trap 'rm -rf "$work"' EXIT

if [ -t 1 ]; then B=$'\e[1m'; DIM=$'\e[2m'; G=$'\e[32m'; R=$'\e[31m'; N=$'\e[0m'; else B=; DIM=; G=; R=; N=; fi

# ---- the story's bookkeeping: steps, their outcome and time -------------------------------------

rows=()
step_no=0
step_name=
step_start=0

now_ms() { date +%s%3N; }

step() {
  step_no=$((step_no + 1))
  step_name=$1
  step_start=$(now_ms)
  printf '\n%s== %d. %s%s\n' "$B" "$step_no" "$step_name" "$N"
  [ $# -gt 1 ] && printf '   %s\n' "$2"
  return 0
}

done_step() {
  local ms=$(( $(now_ms) - step_start ))
  rows+=("$step_no|$step_name|${1:-ok}|$ms")
  printf '   %s✓ %s%s %s(%d ms)%s\n' "$G" "${1:-ok}" "$N" "$DIM" "$ms" "$N"
}

table() {
  printf '\n%s%-3s %-62s %-46s %9s%s\n' "$B" "#" "step" "outcome" "time" "$N"
  local row no name outcome ms total=0
  for row in "${rows[@]}"; do
    IFS='|' read -r no name outcome ms <<<"$row"
    printf '%-3s %-62s %-46s %7.1f s\n' "$no" "${name:0:62}" "${outcome:0:46}" "$(echo "$ms" | awk '{print $1/1000}')"
    total=$((total + ms))
  done
  printf '%-3s %-62s %-46s %7.1f s\n' "" "total" "" "$(echo "$total" | awk '{print $1/1000}')"
}

fail() {
  local ms=$(( $(now_ms) - step_start ))
  printf '   %s✗ %s%s\n' "$R" "$1" "$N"
  rows+=("$step_no|$step_name|FAILED: $1|$ms")
  table
  printf '\n%sThe demo stopped at step %d (%s). Project %s is left as it is; logs: bin/slipway logs%s\n' "$R" "$step_no" "$step_name" "$P" "$N"
  exit 1
}

say() { printf '   %s\n' "$*"; }
run_shown() { printf '   %s$ %s%s\n' "$DIM" "$*" "$N"; }
# shown_args: the arguments as a person would type them (quoted where they hold spaces).
shown_args() { local a out=(); for a in "$@"; do [[ $a == *" "* ]] && out+=("\"$a\"") || out+=("$a"); done; echo "${out[*]}"; }

# ---- HTTP: every request is printed as the curl line that makes it ------------------------------

status=
body=

# api METHOD URL USER [JSON]: sets $status and $body; prints the curl line and the status.
api() {
  local method=$1 url=$2 user=$3 data=${4:-} token shown
  token=$(tok "$user")
  shown="curl -X $method -H \"Authorization: Bearer \$$(echo "$user" | tr a-z A-Z)\""
  local args=(-s -o "$work/body" -w '%{http_code}' -X "$method" -H "Authorization: Bearer $token")
  if [ -n "$data" ]; then
    args+=(-H 'Content-Type: application/json' --data "$data")
    shown+=" -H 'Content-Type: application/json' -d '$data'"
  fi
  run_shown "$shown $url"
  status=$(curl "${args[@]}" "$url") || status=000
  body=$(cat "$work/body" 2>/dev/null)
  printf '   → %s\n' "$status"
}

# quiet_api: the same request, not printed (polling).
quiet_api() {
  local method=$1 url=$2 user=$3 data=${4:-}
  local args=(-s -o "$work/body" -w '%{http_code}' -X "$method" -H "Authorization: Bearer $(tok "$user")")
  [ -n "$data" ] && args+=(-H 'Content-Type: application/json' --data "$data")
  status=$(curl "${args[@]}" "$url") || status=000
  body=$(cat "$work/body" 2>/dev/null)
}

expect() {
  [ "$status" = "$1" ] || fail "expected HTTP $1, got $status: $(echo "$body" | head -c 400)"
}

# fields JQ: prints the key fields of the last body, one per line, indented.
fields() {
  echo "$body" | jq -r "$1" 2>/dev/null | sed 's/^/     /'
}

field() { echo "$body" | jq -r "$1" 2>/dev/null; }

tok() {
  case "$1" in
    alice) echo "$ALICE" ;;
    bob) echo "$BOB" ;;
    carol) echo "$CAROL" ;;
  esac
}

# ---- waits --------------------------------------------------------------------------------------

# await_deployment ENV COMMIT: polls deployment-service's list until ENV has a finished deployment of COMMIT; sets $deployment.
await_deployment() {
  local env=$1 commit=$2 deadline=$(( $(date +%s) + PATIENCE )) url="$DEP_API/api/v1/projects/$P/deployments?environment=$1"
  run_shown "curl -H \"Authorization: Bearer \$ALICE\" '$url'   # polled until $env's deployment of ${commit:0:7} ends"
  while :; do
    quiet_api GET "$url" alice
    if [ "$status" = 200 ]; then
      deployment=$(echo "$body" | jq -c --arg c "$commit" '[.items[] | select(.commit == $c and (.state == "SUCCEEDED" or .state == "FAILED" or .state == "CANCELLED"))][0] // empty')
      if [ -n "$deployment" ]; then
        printf '   → 200: deployment %s trigger %s state %s%s\n' "$(echo "$deployment" | jq -r .id)" "$(echo "$deployment" | jq -r .trigger)" \
          "$(echo "$deployment" | jq -r .state)" "$(echo "$deployment" | jq -r 'if .detail then " (" + .detail + ")" else "" end')"
        [ "$(echo "$deployment" | jq -r .state)" = SUCCEEDED ] || fail "$env's deployment of ${commit:0:7} ended $(echo "$deployment" | jq -r '.state + ": " + (.detail // "")')"
        return 0
      fi
    fi
    [ "$(date +%s)" -lt "$deadline" ] || fail "no finished deployment of ${commit:0:7} on $env after ${PATIENCE}s (last answer $status)"
    sleep 0.2
  done
}

# show_log ID: the deployment's log, by phase, with the hooks' evidence.
show_log() {
  local url="$DEP_API/api/v1/projects/$P/deployments/$1/log"
  api GET "$url" alice
  expect 200
  say "phases: $(echo "$body" | grep -o '\[[A-Z_]*\]' | awk '!seen[$0]++' | tr '\n' ' ')"
  echo "$body" | grep -E 'evidence|skipping|node [0-9]' | grep -E 'evidence|skipping|switch|release' | head -8 | sed 's/^/     /'
}

# await_ticket ID: polls the ticket until RESOLVED or FAILED; sets $body to it.
await_ticket() {
  local deadline=$(( $(date +%s) + PATIENCE )) url="$TKT_API/api/v1/tickets/$1" state
  run_shown "curl -H \"Authorization: Bearer \$CAROL\" $url   # polled until RESOLVED or FAILED"
  while :; do
    quiet_api GET "$url" carol
    state=$(field .state)
    case "$state" in RESOLVED|FAILED) break ;; esac
    [ "$(date +%s)" -lt "$deadline" ] || fail "ticket $1 still $state after ${PATIENCE}s"
    sleep 0.2
  done
  printf '   → %s: state %s\n' "$status" "$state"
  fields '"history: " + ([.history[] | .to + " by " + (.actor // .by // "?")] | join(" → ")), "result: " + (.result | tostring)'
}

# open_ticket USER TYPE ENV SUBJECT PAYLOAD: bob (or another member) opens a ticket; sets $ticket.
open_ticket() {
  local data
  data=$(jq -cn --arg t "$2" --arg p "$P" --arg e "$3" --arg s "$4" --argjson pl "$5" \
    '{type: $t, projectId: $p, environmentId: $e, subject: $s, payload: $pl}')
  api POST "$TKT_API/api/v1/tickets" "$1" "$data"
  expect 201
  ticket=$(field .id)
  fields '"ticket " + .id + ": " + .type + " on " + .environmentId + ", state " + .state + ", requester " + (.requester // .requestedBy // "?")'
}

approve() {
  api POST "$TKT_API/api/v1/tickets/$1/approve" carol '{"reason":"checked by support"}'
  expect 200
  fields '"state " + .state'
}

env_view() {
  api GET "$ENV_API/api/v1/projects/$P/environments/$1" alice
  expect 200
}

ssh_opts() { echo "-i $work/$1 -o IdentitiesOnly=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=$work/known_hosts -o LogLevel=ERROR"; }

# git_as USER DIR ARGS...: git with the user's key, printed as the command a person would type.
git_as() {
  local user=$1 dir=$2; shift 2
  run_shown "git $(shown_args "$@")"
  (cd "$dir" && GIT_SSH_COMMAND="ssh $(ssh_opts "$user")" git -c user.name="$user" -c user.email="$user@example.com" "$@" 2>&1) \
    | sed 's/^/     /' > "$work/git.out"
  local rc=${PIPESTATUS[0]}
  cat "$work/git.out"
  return "$rc"
}

# ==== the journey =================================================================================

printf '%sSlipway demo: project %s on %s (deployments %s, tickets %s, git/ssh %s:%s)%s\n' "$B" "$P" "$ENV_API" "$DEP_API" "$TKT_API" "$SSH_HOST" "$SSH_PORT" "$N"

# SSH-1: a fresh ed25519 key for $1 in $work, registered through ssh-gateway's API.
register_key() {
  run_shown "ssh-keygen -t ed25519 -N '' -C $1@demo -f $work/$1"
  ssh-keygen -q -t ed25519 -N '' -C "$1@demo" -f "$work/$1" || fail "ssh-keygen failed"
  api POST "$GW_API/api/v1/ssh-keys" "$1" "$(jq -cn --arg k "$(cat "$work/$1.pub")" --arg t "$1 laptop" '{publicKey: $k, title: $t}')"
  expect 201
}

step "Tokens for alice (owner), bob (developer) and carol (support)" "development JWTs from bin/slipway token"
run_shown 'ALICE=$(bin/slipway token alice); BOB=$(bin/slipway token bob); CAROL=$(bin/slipway token carol --groups support)'
ALICE=$("$root/bin/slipway" token alice 2>/dev/null) || fail "bin/slipway token alice failed"
BOB=$("$root/bin/slipway" token bob 2>/dev/null) || fail "bin/slipway token bob failed"
CAROL=$("$root/bin/slipway" token carol --groups support 2>/dev/null) || fail "bin/slipway token carol failed"
for s in "$ENV_API" "$DEP_API" "$TKT_API" "$GW_API"; do
  curl -sf "$s/q/health/ready" >/dev/null || fail "$s is not ready: start the suite with bin/slipway up"
done
done_step "3 tokens; the 4 services are ready"

step "alice creates project $P" "ENV-1: a git repository and master, staging, production"
api POST "$ENV_API/api/v1/projects" alice "{\"id\":\"$P\",\"title\":\"Demo shop\"}"
expect 201
fields '"project " + .id + ", created by " + .createdBy + ", environments: " + ([.environments[]?.id] | join(", "))'
done_step "201 $P"

step "alice adds bob as contributor" "ENV-9"
api POST "$ENV_API/api/v1/projects/$P/members" alice '{"userId":"bob","role":"contributor"}'
expect 201
fields '.userId + " is " + .role'
done_step "201 bob contributor"

step "carol (support) reads the project, not being a member" "SEC-1: the token's group support"
api GET "$ENV_API/api/v1/projects/$P/access" carol
expect 200
fields '"support: " + (.support | tostring) + ", role: " + (.role | tostring)'
done_step "200 support: $(field .support)"

step "alice registers an SSH key" "SSH-1: a fresh ed25519 key in $work"
register_key alice
fields '"fingerprint " + .fingerprint'
done_step "201 $(field .fingerprint | cut -c1-20)..."

step "alice clones $P.git" "SSH-4: ssh://git@$SSH_HOST:$SSH_PORT/$P.git"
deadline=$(( $(date +%s) + PATIENCE ))
until quiet_api GET "$GW_API/api/v1/projects/$P/repository" alice; [ "$status" = 200 ]; do
  [ "$(date +%s)" -lt "$deadline" ] || fail "the repository of $P did not appear (ssh-gateway applies project.created)"
  sleep 0.2
done
git_as alice "$work" clone "ssh://git@$SSH_HOST:$SSH_PORT/$P.git" alice-work || fail "git clone failed: $(tail -3 "$work/git.out")"
done_step "cloned (empty repository)"

step "alice commits .slipway/app.yaml and pushes master" "CFG-2: hooks build, deploy and post_deploy echo evidence"
mkdir -p "$work/alice-work/.slipway"
cat > "$work/alice-work/.slipway/app.yaml" <<'YAML'
name: demo
type: php:8.3
hooks:
  build: |
    echo "evidence: build of $SLIPWAY_BRANCH, tree $SLIPWAY_TREE_ID"
  deploy: |
    echo "evidence: deploy on node $SLIPWAY_NODE of $SLIPWAY_ENVIRONMENT serves: $(cat index.html)"
  post_deploy: |
    echo "evidence: post_deploy, $SLIPWAY_ENVIRONMENT of $SLIPWAY_PROJECT is up"
YAML
echo "Welcome to the demo shop" > "$work/alice-work/index.html"
sed 's/^/     | /' "$work/alice-work/.slipway/app.yaml"
git_as alice "$work/alice-work" add -A
git_as alice "$work/alice-work" commit -q -m "First version of the shop" || fail "git commit failed"
master_sha=$(git -C "$work/alice-work" rev-parse HEAD)
git_as alice "$work/alice-work" push origin master || fail "git push failed"
grep -q 'Slipway: deploying master' "$work/git.out" || fail "the push did not say it deploys master"
done_step "pushed ${master_sha:0:7}"

step "master deploys the push" "DEP-2: VALIDATE, BUILD, DEPLOY, POST_DEPLOY"
await_deployment master "$master_sha"
master_deployment=$(echo "$deployment" | jq -r .id)
show_log "$master_deployment"
env_view master
fields '"master: status " + .status + ", deployedCommit " + .deployedCommit[0:7] + ", store " + .urls.store'
done_step "SUCCEEDED ${master_sha:0:7}"

step "bob registers his key and pushes feature1" "SSH-4: a new branch is a new Integration environment"
register_key bob
git_as bob "$work" clone -q "ssh://git@$SSH_HOST:$SSH_PORT/$P.git" bob-work || fail "bob's clone failed"
git_as bob "$work/bob-work" checkout -q -b feature1
echo "Welcome to the demo shop, now with a basket" > "$work/bob-work/index.html"
git_as bob "$work/bob-work" commit -q -am "Feature 1: a basket" || fail "git commit failed"
feature_sha=$(git -C "$work/bob-work" rev-parse HEAD)
git_as bob "$work/bob-work" push origin feature1 || fail "bob's push failed"
grep -q 'environment feature1 will be created' "$work/git.out" || fail "the push did not announce environment feature1"
done_step "pushed ${feature_sha:0:7} to feature1"

step "feature1 is created and deploys" "ENV-2, DEP-1 (trigger PUSH)"
await_deployment feature1 "$feature_sha"
env_view feature1
fields '"feature1: " + .type + ", status " + .status + ", parent " + (.parent // "-") + ", deployedCommit " + .deployedCommit[0:7] + ", store " + .urls.store'
done_step "SUCCEEDED on a new Integration environment"

step "DEPLOY staging: bob asks, carol approves" "TKT-1 DEPLOY, TKT-4, TKT-5"
open_ticket bob DEPLOY staging "Deploy the first version to staging" "{\"commit\":\"$master_sha\"}"
staging_ticket=$ticket
approve "$staging_ticket"
await_ticket "$staging_ticket"
[ "$(field .state)" = RESOLVED ] || fail "the staging DEPLOY ticket ended $(field .state): $(field .result.detail)"
staging_deployment=$(field .result.resultId)
show_log "$staging_deployment"
env_view staging
fields '"staging: deployedCommit " + .deployedCommit[0:7] + ", nodes " + ([.nodes[] | (.node | tostring) + ":" + (.commit // "-")[0:7] + " " + .health] | join(", "))'
[ "$(field .deployedCommit)" = "$master_sha" ] || fail "staging shows deployedCommit $(field .deployedCommit)"
done_step "RESOLVED, staging runs ${master_sha:0:7}"

step "DEPLOY production: feature1's commit, never on staging" "DEP-5: refused at VALIDATE"
open_ticket bob DEPLOY production "Ship the basket" "{\"commit\":\"$feature_sha\"}"
refused_ticket=$ticket
fields '"preview: promotion holds = " + (.preview.deploy.promotion.holds | tostring)'
approve "$refused_ticket"
await_ticket "$refused_ticket"
[ "$(field .state)" = FAILED ] || fail "expected FAILED, the ticket is $(field .state)"
field .result.detail | grep -q 'DEP-5' || fail "the failure does not name DEP-5: $(field .result.detail)"
done_step "FAILED naming DEP-5"

step "DEPLOY production: the staged commit" "DEP-5 holds; ENV-6: 3 nodes, one at a time"
open_ticket bob DEPLOY production "Ship the first version" "{\"commit\":\"$master_sha\"}"
prod_ticket=$ticket
approve "$prod_ticket"
await_ticket "$prod_ticket"
[ "$(field .state)" = RESOLVED ] || fail "the production DEPLOY ticket ended $(field .state): $(field .result.detail)"
show_log "$(field .result.resultId)"
env_view production
fields '"production: deployedCommit " + .deployedCommit[0:7] + ", hardware " + .hardware.kind + " " + (.hardware.nodes | tostring) + " nodes", (.nodes[] | "  node " + (.node | tostring) + ": release " + (.release // "-") + ", commit " + (.commit // "-")[0:7] + ", " + .health)'
nodes_on=$(field "[.nodes[] | select(.commit == \"$master_sha\")] | length")
[ "$nodes_on" = 3 ] || fail "production runs the commit on $nodes_on of 3 nodes"
done_step "RESOLVED, 3 nodes on ${master_sha:0:7}"

step "DEPLOYMENT_SETTINGS: a variable on production" "ENV-5, VAR-4: Production changes only by ticket"
api POST "$ENV_API/api/v1/projects/$P/environments/production/variables" alice "{\"name\":\"$VAR_NAME\",\"value\":\"$VAR_VALUE\"}"
expect 403
fields '"refused: " + .type + ": " + .detail'
open_ticket bob DEPLOYMENT_SETTINGS production "Greeting for production" \
  "$(jq -cn --arg n "$VAR_NAME" --arg v "$VAR_VALUE" '{variables: [{action: "SET", name: $n, value: $v}]}')"
settings_ticket=$ticket
approve "$settings_ticket"
await_ticket "$settings_ticket"
[ "$(field .state)" = RESOLVED ] || fail "the settings ticket ended $(field .state): $(field .result.detail)"
api GET "$ENV_API/api/v1/projects/$P/environments/production/variables" alice
expect 200
fields '(.items // .)[] | .name + " = " + (.value | tostring)'
done_step "RESOLVED, $VAR_NAME set"

step "ADD_SSH_KEY: bob's key on production, then ssh there" "SSH-2: tiers only through grants; SSH-3"
open_ticket bob ADD_SSH_KEY production "bob needs production access" "$(jq -cn --arg k "$(cat "$work/bob.pub")" '{publicKey: $k, title: "bob laptop"}')"
key_ticket=$ticket
approve "$key_ticket"
await_ticket "$key_ticket"
[ "$(field .state)" = RESOLVED ] || fail "the ADD_SSH_KEY ticket ended $(field .state): $(field .result.detail)"
shown_var=${VAR_NAME#env:}
run_shown "ssh -i $work/bob -p $SSH_PORT $P-production@$SSH_HOST 'echo \$$shown_var'"
out=; deadline=$(( $(date +%s) + 20 ))
while :; do
  # shellcheck disable=SC2046
  out=$(ssh $(ssh_opts bob) -p "$SSH_PORT" "$P-production@$SSH_HOST" "echo \$$shown_var" 2>&1)
  [ "$out" = "$VAR_VALUE" ] && break
  [ "$(date +%s)" -lt "$deadline" ] || fail "ssh to production answered: $out"
  sleep 0.5
done
say "→ $out"
done_step "ssh printed \"$out\""

step "GO_LIVE $DOMAIN" "ENV-7: production's store URL becomes the live domain"
open_ticket bob GO_LIVE production "Go live on $DOMAIN" "{\"domains\":[\"$DOMAIN\"]}"
live_ticket=$ticket
approve "$live_ticket"
await_ticket "$live_ticket"
[ "$(field .state)" = RESOLVED ] || fail "the GO_LIVE ticket ended $(field .state): $(field .result.detail)"
env_view production
fields '"liveDomains " + (.liveDomains | join(", ")) + ", store " + .urls.store'
[ "$(field '.liveDomains[0]')" = "$DOMAIN" ] || fail "production's live domains: $(field .liveDomains)"
done_step "RESOLVED, store $(field .urls.store)"

table
printf '\n%sProject %s went from a first push to production live on %s.%s\n' "$G" "$P" "$DOMAIN" "$N"
