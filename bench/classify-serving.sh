#!/usr/bin/env bash
# Serving throughput of /classify with each engine against the bare engine's (bench classify), on loopback only.
#
#   bench/classify-serving.sh                     # both engines; 1, 16 and 64 connections, 15 s each
#   DURATION=30s CONNECTIONS="16 64" ENGINES=onnxruntime BARE_STEPS=50 bench/classify-serving.sh
#
# Starts the built executable on 127.0.0.1 with a throw-away data root, trains a ResNet-20 on a generated 28x28
# grayscale task (4 classes, one epoch) and pins it. Then, for each engine in turn (Classification__Engine, back to
# back on the same model), restarts the service, times the first /classify after /health/ready against the median of
# the next 30 (one at a time), runs a bounded wrk load (Debian's wrk) of one PNG per request, and stops it; last,
# `bench classify` on the same network with each engine. Prints req/s, p50, p99 and errors per connection count, and
# serving at the largest connection count over that engine's bare forward at batch 64.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-"1 16 64"}
PORT=${PORT:-18080}
DEPTH=${DEPTH:-20}
ENGINES=${ENGINES:-"libtorch onnxruntime"}
BARE_STEPS=${BARE_STEPS:-200}
EXE=src/Api/bin/Release/net10.0/ResNetService
URL="http://127.0.0.1:$PORT"

command -v wrk > /dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
[ -x "$EXE" ] || dotnet build src/Api -c Release > /dev/null

WORK=$(mktemp -d)
SERVICE=
stop_service() {
  if [ -n "$SERVICE" ]; then
    kill "$SERVICE" 2> /dev/null || true
    wait "$SERVICE" 2> /dev/null || true
    SERVICE=
  fi
}
trap 'stop_service; rm -rf "$WORK"' EXIT

# A learnable task as MNIST-style IDX files (class k: a bright square whose side grows with k), and one request image.
python3 - "$WORK" <<'PY'
import random, struct, sys, zipfile, zlib
work, side, classes = sys.argv[1], 28, 4
rng = random.Random(7)
def image(label):
    size = 6 + 5 * label
    x, y = rng.randint(0, side - size), rng.randint(0, side - size)
    return bytes(220 if x <= c < x + size and y <= r < y + size else rng.randint(0, 40) for r in range(side) for c in range(side))
def split(count):
    labels = [i % classes for i in range(count)]
    pixels = b"".join(image(l) for l in labels)
    return struct.pack(">IIII", 0x803, count, side, side) + pixels, struct.pack(">II", 0x801, count) + bytes(labels)
with zipfile.ZipFile(f"{work}/dataset.zip", "w") as z:
    for prefix, count in (("train", 800), ("t10k", 80)):
        images, labels = split(count)
        z.writestr(f"{prefix}-images-idx3-ubyte", images)
        z.writestr(f"{prefix}-labels-idx1-ubyte", labels)
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
raw = b"".join(b"\0" + image(2)[r * side:(r + 1) * side] for r in range(side))
with open(f"{work}/image.png", "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
PY

json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

# The rate limit is lifted: wrk's connections all come from one address, which the limiter counts as one client.
start_service() {
  Storage__DataRoot="$WORK/data" Training__Device=cpu Classification__Engine="$1" Logging__LogLevel__Default=Warning \
    RateLimits__ClassifyPerMinute=1000000 "$EXE" --urls "$URL" >> "$WORK/service.log" 2>&1 &
  SERVICE=$!
  for _ in $(seq 600); do curl -sf "$URL/health/ready" > /dev/null && return; sleep 0.1; done
  echo "not ready after 60 s" >&2; exit 1
}
classify_seconds() { curl -sf -o /dev/null -w '%{time_total}\n' -F "image=@$WORK/image.png" "$URL/classify"; }

start_service libtorch
dataset=$(curl -sf -F "file=@$WORK/dataset.zip" "$URL/datasets" | json "['id']")
job=$(curl -sf -H 'Content-Type: application/json' \
  -d "{\"datasetId\":\"$dataset\",\"model\":{\"depth\":$DEPTH},\"training\":{\"epochs\":1,\"batchSize\":64}}" "$URL/jobs" | json "['id']")
while :; do
  state=$(curl -sf "$URL/jobs/$job" | json "['state']")
  case "$state" in succeeded) break ;; failed|cancelled) echo "training $state" >&2; exit 1 ;; esac
  sleep 1
done
# /classify uses the newest model, this one. Pinning it (which warms it up) needs an admin key, and with a key configured
# wrk would have to send one too; a first request loads and warms it instead, so wrk measures a warm model.
curl -sf -F "image=@$WORK/image.png" "$URL/classify" > /dev/null

stop_service

declare -A SERVED
echo "load before: $(uptime)"
for engine in $ENGINES; do
  start_service "$engine"
  first=$(classify_seconds)
  rest=$(for _ in $(seq 30); do classify_seconds; done)
  python3 -c "import statistics,sys; f=float(sys.argv[1]); m=statistics.median(map(float, sys.argv[2].split())); \
print(f'engine={sys.argv[3]} first_after_ready_ms={f*1000:.1f} median_ms={m*1000:.1f} first_over_median={f/m:.2f}')" "$first" "$rest" "$engine"
  echo "serving with $engine: ResNet-$DEPTH, 1x28x28, one PNG per request, wrk -t1 for $DURATION"
  for c in $CONNECTIONS; do
    result=$(IMAGE="$WORK/image.png" wrk -t1 -c"$c" -d"$DURATION" --timeout 10s -s bench/classify.lua "$URL/classify" | grep '^RESULT')
    echo "engine=$engine connections=$c ${result#RESULT }"
    SERVED[$engine]=$(sed -E 's/.*req_per_s=([0-9.]+).*/\1/' <<< "$result")
  done
  stop_service
done
grep -iE '"(Level|level)":"(Error|Warning)"|fail|error' "$WORK/service.log" | head -5 || true

for engine in $ENGINES; do
  echo "bare $engine (bench classify, same architecture):"
  measured=$("$EXE" bench classify --engine "$engine" --depth "$DEPTH" --input 1x28x28 --classes 4 --batch 1,16,64 --steps "$BARE_STEPS")
  grep '^engine=' <<< "$measured"
  bare=$(tail -1 <<< "$measured" | cut -d= -f2)
  python3 -c "print(f'engine=$engine serving_over_bare={${SERVED[$engine]} / $bare:.2f}  (serving at the last connection count over the bare forward at batch 64)')"
done
echo "load after: $(uptime)"
