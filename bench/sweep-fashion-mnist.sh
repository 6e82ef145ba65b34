#!/usr/bin/env bash
# An ASHA sweep against the same configurations trained to the end, on a Fashion-MNIST subset (Debian's
# dataset-fashion-mnist), with the sweep verb (no service): epochs spent and best validation accuracy of each.
#
#   bench/sweep-fashion-mnist.sh                  # 3000 training and 1000 test images, 9 configurations, rungs 1, 3, 9
#   TRAIN=6000 TEST=2000 TRIALS=27 MAX_EPOCHS=27 DEPTH=20 WARMUP=1 bench/sweep-fashion-mnist.sh
#
# Both runs draw the same configurations (random search, one seed) and train them with the same seeds; the trainer
# resumes a promoted trial on the learning-rate curve of all its epochs, so ASHA's trial trained to the end has the
# same history as that configuration in the full search. Accuracies are a function of the seeds, not of the
# machine's load; only the time taken is.
set -euo pipefail
cd "$(dirname "$0")/.."

TRAIN=${TRAIN:-3000}
TEST=${TEST:-1000}
TRIALS=${TRIALS:-9}
MIN_EPOCHS=${MIN_EPOCHS:-1}
MAX_EPOCHS=${MAX_EPOCHS:-9}
DEPTH=${DEPTH:-8}
WARMUP=${WARMUP:-0}
SOURCE=/usr/share/datasets/fashion-mnist
EXE=src/Api/bin/Release/net10.0/ResNetService
WORK=${WORK:-$(mktemp -d)}

[ -f "$SOURCE/train-images-idx3-ubyte.gz" ] || { echo "Fashion-MNIST is missing: apt-get install dataset-fashion-mnist" >&2; exit 1; }
[ -x "$EXE" ] || dotnet build src/Api -c Release > /dev/null

# The first TRAIN training and TEST test images, as IDX files of their own.
python3 - "$SOURCE" "$WORK/data" "$TRAIN" "$TEST" <<'PY'
import gzip, os, struct, sys
source, target, counts = sys.argv[1], sys.argv[2], {"train": int(sys.argv[3]), "t10k": int(sys.argv[4])}
os.makedirs(target, exist_ok=True)
for split, count in counts.items():
    for kind, item in (("images-idx3-ubyte", 28 * 28), ("labels-idx1-ubyte", 1)):
        with gzip.open(f"{source}/{split}-{kind}.gz", "rb") as f:
            magic = f.read(4)
            dims = struct.unpack(">" + "I" * magic[3], f.read(4 * magic[3]))
            body = f.read(count * item)
        with open(f"{target}/{split}-{kind}", "wb") as out:
            out.write(magic + struct.pack(">" + "I" * len(dims), count, *dims[1:]) + body)
PY

spec() {
  cat > "$WORK/$1.json" <<JSON
{
  "job": { "model": { "depth": $DEPTH }, "training": { "batchSize": 64, "seed": 1, "augment": false, "warmupEpochs": $WARMUP } },
  "searchSpace": {
    "learningRate": { "logUniform": [0.003, 0.5] },
    "weightDecay": { "logUniform": [0.00001, 0.001] },
    "momentum": { "uniform": [0.8, 0.95] }
  },
  "search": { "kind": "random", "seed": 3 },
  "scheduler": { "kind": "$1", "minEpochs": $MIN_EPOCHS, "maxEpochs": $MAX_EPOCHS, "reductionFactor": 3 },
  "budget": { "maxTrials": $TRIALS }
}
JSON
}

for scheduler in asha none; do
  spec $scheduler
  start=$(date +%s)
  "$EXE" sweep --spec "$WORK/$scheduler.json" --data "$WORK/data" --out "$WORK/$scheduler" --device cpu | tee "$WORK/$scheduler.log" | grep -v '^trial '
  echo "$scheduler: $(( $(date +%s) - start )) s"
done
echo "Work folder: $WORK"
