#!/usr/bin/env bash
# The container files, run for real: builds the image, starts PostgreSQL, the API and a worker with docker-compose.yml's
# settings (plus docker-compose.cpu.yml: no GPU is needed), and checks what a user relies on. One line per check, a last
# line with the result; exit 0 only if every check passed. It removes what it made (containers, volumes, network, the
# image tag; the build cache stays, so a second run builds in seconds). Takes minutes: not part of CI. Run it when the
# Dockerfile, the compose files or the start-up of the service change. deploy/README.md, "Smoke test of the containers".
#
#   scripts/container-smoke.sh
#
# Needs Docker (the legacy builder is enough), python3 with PyYAML (Debian: python3-yaml), curl and jq.
# With Docker Compose v2 (`docker compose`) the stack is started with `docker compose up`; without it, the same
# containers are started with `docker run`, their arguments read from the compose files by scripts/compose-docker-run.py.
#
# Base images: SDK_IMAGE, RUNTIME_IMAGE and POSTGRES_IMAGE, if set; else the official ones (the Dockerfile's and the
# compose file's defaults) when present locally, else the local stand-ins of ../shared/container-standins/build.sh
# (local/dotnet-sdk:10.0, local/dotnet-aspnet:10.0, local/postgres:18) when present, else the official ones (pulled).
# SMOKE_KEEP=1 leaves everything in place for a look afterwards (the last lines say how to remove it).
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
project=resnetsmoke$$
image=resnetservice:smoke-$project
work=$(mktemp -d "${TMPDIR:-/tmp}/$project.XXXXXX")
started=$SECONDS
checks=0
failed=0

say() { printf '%s\n' "$*"; }
pass() { checks=$((checks + 1)); say "ok   $*"; }
fail() { checks=$((checks + 1)); failed=$((failed + 1)); say "FAIL $*"; }
# A check that must pass for the rest to make sense.
fatal() { fail "$@"; finish; }

for tool in docker python3 curl jq; do
  command -v "$tool" >/dev/null || { say "FAIL needs $tool"; say "RESULT: FAIL (missing $tool)"; exit 1; }
done
python3 -c 'import yaml' 2>/dev/null || { say "FAIL needs PyYAML (apt-get install python3-yaml)"; say "RESULT: FAIL (missing PyYAML)"; exit 1; }
docker info >/dev/null 2>&1 || { say "FAIL no Docker engine answers (start dockerd)"; say "RESULT: FAIL (no Docker engine)"; exit 1; }

# --- What to build and run with ------------------------------------------------------------------------------------------
dockerfile_default() {
  local value version
  value=$(sed -n "s/^ARG $1=//p" "$root/Dockerfile")
  version=$(sed -n 's/^ARG DOTNET_VERSION=//p' "$root/Dockerfile")
  printf '%s' "${value//\$\{DOTNET_VERSION\}/$version}"
}
have_image() { docker image inspect "$1" >/dev/null 2>&1; }
# The given image, else the official one if present, else the stand-in if present, else the official one (pulled).
choose() {
  if [ -n "$1" ]; then printf '%s' "$1"
  elif have_image "$2"; then printf '%s' "$2"
  elif have_image "$3"; then printf '%s' "$3"
  else printf '%s' "$2"; fi
}
sdk_image=$(choose "${SDK_IMAGE:-}" "$(dockerfile_default SDK_IMAGE)" local/dotnet-sdk:10.0)
runtime_image=$(choose "${RUNTIME_IMAGE:-}" "$(dockerfile_default RUNTIME_IMAGE)" local/dotnet-aspnet:10.0)
postgres_image=$(choose "${POSTGRES_IMAGE:-}" "$(grep -o 'POSTGRES_IMAGE:-[^}]*' "$root/docker-compose.yml" | head -n 1 | cut -d- -f2-)" local/postgres:18)

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
api_port=$(free_port)
api=http://127.0.0.1:$api_port
admin_key=$(python3 -c 'import secrets; print(secrets.token_hex(24))')
mkdir -p "$work/import"
# The variables a user puts in .env (.env.example), for this run: loopback ports nobody else uses, the CPU image.
cat > "$work/.env" <<ENV
POSTGRES_PASSWORD=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
API_KEY=$admin_key
POSTGRES_IMAGE=$postgres_image
POSTGRES_PUBLISH=127.0.0.1:$(free_port)
API_PORT=127.0.0.1:$api_port
IMPORT_DIR=$work/import
TORCH_BACKEND=cpu
RESNETSERVICE_CPU_IMAGE=$image
ENV
# The one setting the smoke test changes: a killed worker's job is handed out again after 30 s instead of 5 minutes.
cat > "$work/smoke.yml" <<'YAML'
services:
  worker:
    environment:
      Hangfire__InvisibilityTimeout: "00:00:30"
YAML
files=(-f "$root/docker-compose.yml" -f "$root/docker-compose.cpu.yml" -f "$work/smoke.yml")
services=(postgres api worker)
container() { printf '%s-%s-1' "$project" "$1"; }

remove_all() {
  local label=com.docker.compose.project=$project
  docker ps -aq --filter "label=$label" | xargs -r docker rm -f >/dev/null 2>&1
  docker volume ls -q --filter "label=$label" | xargs -r docker volume rm >/dev/null 2>&1
  docker network ls -q --filter "label=$label" | xargs -r docker network rm >/dev/null 2>&1
  docker image rm "$image" >/dev/null 2>&1
  rm -rf "$work"
}

finish() {
  if [ "$failed" -gt 0 ]; then
    for service in "${services[@]}"; do
      docker logs "$(container "$service")" >/dev/null 2>&1 || continue
      say "--- last lines of $service's log"
      docker logs --tail 25 "$(container "$service")" 2>&1 | sed 's/^/    /'
    done
  fi
  if [ "${SMOKE_KEEP:-}" = 1 ]; then
    say "kept: containers, volumes and network labelled com.docker.compose.project=$project, image $image, $work"
  else
    remove_all
    if [ -z "$(docker ps -aq --filter "label=com.docker.compose.project=$project")$(docker volume ls -q --filter "label=com.docker.compose.project=$project")" ]; then
      pass "removed its containers, volumes, network and image"
    else
      fail "left containers or volumes labelled com.docker.compose.project=$project"
    fi
  fi
  if [ "$failed" -eq 0 ]; then
    say "RESULT: PASS ($checks checks in $((SECONDS - started)) s)"
    exit 0
  fi
  say "RESULT: FAIL ($failed of $checks checks failed, $((SECONDS - started)) s)"
  exit 1
}
trap 'say "interrupted"; failed=$((failed + 1)); finish' INT TERM

# --- Image ---------------------------------------------------------------------------------------------------------------
t=$SECONDS
if DOCKER_BUILDKIT=0 docker build --build-arg SDK_IMAGE="$sdk_image" --build-arg RUNTIME_IMAGE="$runtime_image" \
    --build-arg TORCH_BACKEND=cpu -t "$image" "$root" >"$work/build.log" 2>&1; then
  pass "image built with the legacy builder from $sdk_image and $runtime_image in $((SECONDS - t)) s"
else
  tail -n 30 "$work/build.log" | sed 's/^/    /'
  fatal "image build (DOCKER_BUILDKIT=0, SDK_IMAGE=$sdk_image, RUNTIME_IMAGE=$runtime_image)"
fi

# --- Stack ---------------------------------------------------------------------------------------------------------------
translate() { python3 "$root/scripts/compose-docker-run.py" --project "$project" --env-file "$work/.env" "${files[@]}" "$@"; }
run_service() {
  local args
  translate run "$1" >"$work/$1.args" || return 1
  mapfile -d '' args <"$work/$1.args"
  docker run "${args[@]}" >/dev/null
}
wait_healthy() {
  local deadline=$((SECONDS + $2)) status
  while [ $SECONDS -lt $deadline ]; do
    status=$(docker inspect -f '{{.State.Status}}/{{if .State.Health}}{{.State.Health.Status}}{{end}}' "$(container "$1")" 2>/dev/null)
    case $status in
      */healthy) return 0 ;;
      exited/* | dead/*) return 1 ;;
    esac
    sleep 2
  done
  return 1
}

t=$SECONDS
if docker compose version >/dev/null 2>&1; then
  how="docker compose up"
  # Compose waits for PostgreSQL to be healthy, then starts the API and the worker together.
  docker compose --project-name "$project" --env-file "$work/.env" "${files[@]}" up --detach --no-build "${services[@]}" \
    >"$work/up.log" 2>&1 || { sed 's/^/    /' "$work/up.log"; fatal "docker compose up"; }
else
  how="docker run (Compose v2 not found)"
  docker network create --label "com.docker.compose.project=$project" "$(translate network)" >/dev/null || fatal "network"
  for volume in $(translate volumes "${services[@]}"); do
    docker volume create --label "com.docker.compose.project=$project" "$volume" >/dev/null || fatal "volume $volume"
  done
  run_service postgres || fatal "docker run postgres"
  wait_healthy postgres 120 || fatal "postgres healthy"
  # depends_on: both wait for a healthy PostgreSQL, then start at the same moment, as compose starts them.
  run_service api & api_started=$!
  run_service worker & worker_started=$!
  wait $api_started || fatal "docker run api"
  wait $worker_started || fatal "docker run worker"
fi
for service in "${services[@]}"; do
  if wait_healthy "$service" 240; then
    pass "$service healthy ($how, $((SECONDS - t)) s after the start)"
  else
    fatal "$service healthy: $(docker inspect -f '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{end}}' "$(container "$service")" 2>&1)"
  fi
done

# Errors (and, in a fresh stack, warnings) in the service's logs: Serilog's levels, and what the runtime writes itself.
app_problems() { docker logs "$(container "$1")" 2>&1 | grep -E "$2" | head -n 5; }
for service in api worker; do
  problems=$(app_problems "$service" ' (ERR|FTL|WRN)\] |^Error: |^Unhandled exception')
  if [ -z "$problems" ]; then pass "$service: a fresh stack's log has no ERR or WRN"; else fail "$service's fresh log:"; say "$problems" | sed 's/^/    /'; fi
done
# On an empty database Hangfire and EF Core look for their own tables by reading them; PostgreSQL logs each miss as an
# ERROR ("relation ... does not exist"). Anything else (two processes' DDL colliding, say) is a failure.
problems=$(docker logs "$(container postgres)" 2>&1 | grep -E '(ERROR|FATAL|PANIC): ' | grep -vE 'ERROR: +relation "[^"]+" does not exist' | head -n 5)
if [ -z "$problems" ]; then pass "postgres: no ERROR in its log but the first start's table probes (no colliding DDL)"; else fail "postgres log:"; say "$problems" | sed 's/^/    /'; fi

# --- Upload, train on the worker, classify on the API --------------------------------------------------------------------
# Generated images: class k is a bright square whose side grows with k, on noise. Also one unseen image per class.
python3 - "$work" <<'PY'
import io, random, struct, sys, zipfile, zlib
side, classes = 16, ["small", "medium", "large", "huge"]
def png(k, rng):
    size = 3 + 3 * k
    x, y = rng.randrange(side - size + 1), rng.randrange(side - size + 1)
    rows = b"".join(b"\0" + bytes(220 if x <= i < x + size and y <= j < y + size else rng.randrange(60) for i in range(side)) for j in range(side))
    chunk = lambda kind, data: struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
rng = random.Random(7)
with zipfile.ZipFile(f"{sys.argv[1]}/dataset.zip", "w") as archive:
    for split, count in (("train", 240), ("test", 40)):
        for i in range(count):
            archive.writestr(f"{split}/{classes[i % 4]}/{i}.png", png(i % 4, rng))
for k, name in enumerate(classes):
    open(f"{sys.argv[1]}/{name}.png", "wb").write(png(k, rng))
PY
call() { curl -sS -H "X-Api-Key: $admin_key" "$@"; }
job_field() { call "$api/jobs/$1" | jq -r "$2"; }
wait_job() {
  local deadline=$((SECONDS + $3)) state
  while [ $SECONDS -lt $deadline ]; do
    state=$(job_field "$1" .state)
    [[ " $2 " == *" $state "* ]] && return 0
    case $state in failed | cancelled) return 1 ;; esac
    sleep 2
  done
  return 1
}
submit() {
  call -H 'Content-Type: application/json' -d "{\"datasetId\":\"$dataset\",\"model\":{\"depth\":8},
    \"training\":{\"epochs\":$1,\"batchSize\":32,\"learningRate\":0.05,\"seed\":3}}" "$api/jobs" | jq -r '.id // empty'
}

dataset=$(call -F "file=@$work/dataset.zip" "$api/datasets" | jq -r '.id // empty')
[ -n "$dataset" ] && pass "dataset uploaded to the API ($dataset)" || fatal "dataset upload"

t=$SECONDS
job=$(submit 2)
[ -n "$job" ] || fatal "job accepted"
if wait_job "$job" succeeded 900; then
  model=$(job_field "$job" .modelId)
  if docker logs "$(container worker)" 2>&1 | grep -q "$job"; then
    pass "trained on the worker ($job, $((SECONDS - t)) s): model $model"
  else
    fail "the worker's log does not name job $job"
  fi
else
  fatal "training $job: $(job_field "$job" '.state + " " + (.error // "")')"
fi

answer=$(call -F "image=@$work/huge.png" "$api/classify?modelId=$model")
label=$(jq -r '.results[0].predictions[0].label // empty' <<<"$answer")
[ -n "$label" ] && pass "classified on the API: huge.png -> $label" || fail "classify: $answer"

# --- /metrics with a key that may only read ------------------------------------------------------------------------------
read_key=$(call -H 'Content-Type: application/json' -d '{"name":"smoke-read","scopes":["read"]}' "$api/keys" | jq -r '.secret // empty')
metrics=$(curl -sS -o "$work/metrics.txt" -w '%{http_code}' -H "X-Api-Key: $read_key" "$api/metrics")
refused=$(curl -sS -o /dev/null -w '%{http_code}' -H "X-Api-Key: $read_key" -H 'Content-Type: application/json' -d '{}' "$api/jobs")
if [ -n "$read_key" ] && [ "$metrics" = 200 ] && grep -q '^resnet_' "$work/metrics.txt" && [ "$refused" = 403 ]; then
  pass "/metrics answers a read key ($(grep -c '^resnet_' "$work/metrics.txt") resnet_ samples), which may not train (403)"
else
  fail "/metrics with a read key: HTTP $metrics, POST /jobs with it: HTTP $refused"
fi

# --- A worker killed in the middle of a training --------------------------------------------------------------------------
epochs=8
t=$SECONDS
job=$(submit $epochs)
[ -n "$job" ] || fatal "second job accepted"
deadline=$((SECONDS + 600))
until [ "$(job_field "$job" '.latestMetrics.epoch // 0')" -ge 2 ] || [ $SECONDS -ge $deadline ]; do sleep 0.5; done
docker kill "$(container worker)" >/dev/null
at_kill=$(job_field "$job" '"\(.state) after epoch \(.latestMetrics.epoch // 0)"')
# The restart policy may have started it again already; `docker start` is then a no-op.
docker start "$(container worker)" >/dev/null
if [[ $at_kill != running* ]] || [[ $at_kill == *"epoch $epochs" ]]; then
  fail "worker killed in the middle of a training: the job was $at_kill (make the training longer)"
elif wait_job "$job" succeeded 900; then
  history=$(call "$api/jobs/$job/metrics" | jq -c '[.[].epoch]')
  attempts=$(job_field "$job" .attempts)
  models=$(call "$api/models" | jq --arg job "$job" '[.[] | select(.sourceJobId == $job)] | length')
  expected=$(jq -c -n "[range(1; $epochs + 1)]")
  if [ "$history" = "$expected" ] && [ "$models" = 1 ] && [ "$attempts" -ge 1 ]; then
    pass "worker killed ($at_kill) and started again: the run resumed and finished, every epoch once, $attempts takeover, one model ($((SECONDS - t)) s)"
  else
    fail "after the kill: epochs $history (expected $expected), $models models, attempts $attempts"
  fi
else
  fail "after the kill the job did not finish: $(job_field "$job" '.state + " " + (.error // "")')"
fi
wait_healthy worker 240 && pass "worker healthy again" || fail "worker healthy again"

for service in api worker; do
  problems=$(app_problems "$service" ' (ERR|FTL)\] |^Error: |^Unhandled exception')
  if [ -z "$problems" ]; then pass "$service: no ERR in its log"; else fail "$service's log:"; say "$problems" | sed 's/^/    /'; fi
done

finish
