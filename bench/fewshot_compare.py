#!/usr/bin/python3
"""Few-shot training side by side: our `train` verb and a plain PyTorch loop on the same images, the same network
(the pre-activation ResNet of bench/pytorch_reference.py, MXNet's initialisation), epochs, batch size, SGD with
momentum and weight decay on weights only, warm-up and cosine schedule per step, 4 px pad-and-crop plus flip, the
last batch of an epoch dropped. Prints the test accuracy of each, per seed.

    bench/fewshot_compare.py OUT [--seeds 1,2,3] [--per-class 20] [--epochs 30] [--batch-size 32] \
        [--warmup 0] [--no-augment] [--same-init] [--skip-pytorch] [--ours-args "--early-stopping-patience 1000"] \
        [--task shapes|fashion-mnist] [--fine-tune --lr 0.01 --warmup 1]

--task shapes (default): generated deterministically (seed 0) under OUT/data-N: 32x32 RGB shapes (one class per shape)
of random colour, size and place on a cluttered, noisy background; --per-class images per class in train/, 50 in
test/. --task fashion-mnist: the first --per-class training images of Fashion-MNIST's last five classes (sandal, shirt,
sneaker, bag, ankle boot) and all 5,000 of their test images. --fine-tune (fashion-mnist): our `train` first makes a
model of the first five classes (--source-per-class images each, --source-epochs), and both sides start from it: its
classifier trained afresh and its input normalisation kept, as `--from` does. Needs Debian's python3-torch,
python3-pil and, for fashion-mnist, dataset-fashion-mnist; the service built with `dotnet build -c Release`.
"""
import argparse
import io
import json
import math
import os
import pathlib
import random
import re
import shlex
import subprocess
import sys
import time
import zipfile

import torch
from PIL import Image, ImageDraw, ImageFilter

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from pytorch_recipe import accuracy, add_recipe_arguments, mxnet_init, optimizer_for, train_epoch  # noqa: E402
from fashion_mnist_pytorch import read_idx  # noqa: E402
from pytorch_reference import Net  # noqa: E402

REPO = pathlib.Path(__file__).resolve().parent.parent
SERVICE = REPO / "src/Api/bin/Release/net10.0/ResNetService"
SHAPES = ["circle", "square", "triangle", "cross", "ring", "diamond", "hbar", "vbar"]
FASHION_CLASSES = ["tshirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "boot"]
SIDE = 32


def draw_shape(draw, shape, cx, cy, r, colour):
    if shape == "circle":
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=colour)
    elif shape == "square":
        draw.rectangle([cx - r, cy - r, cx + r, cy + r], fill=colour)
    elif shape == "triangle":
        draw.polygon([(cx, cy - r), (cx - r, cy + r), (cx + r, cy + r)], fill=colour)
    elif shape == "cross":
        w = max(1, r // 3)
        draw.rectangle([cx - r, cy - w, cx + r, cy + w], fill=colour)
        draw.rectangle([cx - w, cy - r, cx + w, cy + r], fill=colour)
    elif shape == "ring":
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], outline=colour, width=max(1, r // 3))
    elif shape == "diamond":
        draw.polygon([(cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy)], fill=colour)
    elif shape == "hbar":
        draw.rectangle([cx - r, cy - r // 3, cx + r, cy + r // 3], fill=colour)
    else:
        draw.rectangle([cx - r // 3, cy - r, cx + r // 3, cy + r], fill=colour)


def image(rng, shape):
    background = tuple(rng.randrange(256) for _ in range(3))
    picture = Image.new("RGB", (SIDE, SIDE), background)
    draw = ImageDraw.Draw(picture)
    for _ in range(rng.randrange(0, 3)):
        x, y, s = rng.randrange(SIDE), rng.randrange(SIDE), rng.randrange(2, 5)
        draw.rectangle([x, y, x + s, y + rng.randrange(1, 3)], fill=tuple(rng.randrange(256) for _ in range(3)))
    r = rng.randrange(8, 13)
    cx, cy = rng.randrange(r, SIDE - r), rng.randrange(r, SIDE - r)
    colour = tuple((c + rng.randrange(80, 176)) % 256 for c in background)
    draw_shape(draw, shape, cx, cy, r, colour)
    picture = picture.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 1.0)))
    noise = Image.effect_noise((SIDE, SIDE), 40).convert("RGB")
    return Image.blend(picture, noise, 0.1)


def generate(root, shapes, per_class, test_per_class, seed):
    if (root / "done").exists():
        return
    rng = random.Random(seed)
    for split, count in (("train", per_class), ("test", test_per_class)):
        for shape in shapes:
            folder = root / split / shape
            folder.mkdir(parents=True, exist_ok=True)
            for i in range(count):
                image(rng, shape).save(folder / f"{i:03d}.png")
    (root / "done").write_text("")


def export_fashion_mnist(root, classes, per_class, source):
    """The first per_class training images of each of the given Fashion-MNIST classes, and all their test images, as PNGs."""
    if (root / "done").exists():
        return
    for split, limit in (("train", per_class), ("t10k", None)):
        images, labels = read_idx(source / f"{split}-images-idx3-ubyte.gz"), read_idx(source / f"{split}-labels-idx1-ubyte.gz")
        for label in classes:
            folder = root / ("test" if split == "t10k" else "train") / FASHION_CLASSES[label]
            folder.mkdir(parents=True, exist_ok=True)
            for i, index in enumerate((labels == label).nonzero().flatten()[:limit].tolist()):
                Image.fromarray(images[index].numpy(), mode="L").save(folder / f"{i:04d}.png")
    (root / "done").write_text("")


def load(root, split, classes):
    images, labels = [], []
    for label, name in enumerate(classes):
        for path in sorted((root / split / name).iterdir()):
            picture = Image.open(path)
            channels = len(picture.getbands())
            data = torch.frombuffer(bytearray(picture.tobytes()), dtype=torch.uint8)
            images.append(data.view(picture.height, picture.width, channels).permute(2, 0, 1))
            labels.append(label)
    return torch.stack(images).float() / 255, torch.tensor(labels)


def leb128(stream):
    value, shift = 0, 0
    while True:
        byte = stream.read(1)[0]
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return value


def checkpoint_tensors(path):
    """Our model.ckpt's weights.bin, TorchSharp's module format: count, then name, dtype, shape and raw data of each."""
    data = zipfile.ZipFile(path).read("weights.bin")
    stream, tensors = io.BytesIO(data), {}
    dtypes = {6: torch.float32, 4: torch.int64}
    for _ in range(leb128(stream)):
        name = stream.read(leb128(stream)).decode()
        dtype = dtypes[leb128(stream)]
        shape = [leb128(stream) for _ in range(leb128(stream))]
        count = math.prod(shape)
        raw = bytearray(stream.read(count * torch.tensor([], dtype=dtype).element_size()))
        tensors[name] = torch.frombuffer(raw, dtype=dtype).reshape(shape).clone()
    return tensors


def load_checkpoint(model, path, depth, keep_classifier=True):
    """Our model's weights into the PyTorch network; without the classifier when it is to be trained afresh."""
    per_stage = (depth - 2) // 6

    def ours_to_theirs(name):
        match = re.match(r"stage(\d+)\.unit(\d+)\.(.*)", name)
        return f"units.{(int(match[1]) - 1) * per_stage + int(match[2]) - 1}.{match[3]}" if match else name

    weights = {ours_to_theirs(k): v for k, v in checkpoint_tensors(path).items()}
    if not keep_classifier:
        weights = {k: v for k, v in weights.items() if not k.startswith("fc1.")}
    missing, unexpected = model.load_state_dict(weights, strict=False)
    if unexpected or any(not k.startswith("fc1.") or keep_classifier for k in missing):
        sys.exit(f"{path} does not fit the network: missing {missing}, unexpected {unexpected}")


def checkpoint_normalization(path):
    """The input normalisation our model keeps (and a run started from it trains with): per-channel mean and std."""
    normalization = json.loads(zipfile.ZipFile(path).read("model.json"))["normalization"]
    return [torch.tensor(normalization[k]).view(1, -1, 1, 1) for k in ("mean", "std")]


def pytorch_run(data, classes, seed, args, init=None, fine_tune=False):
    """fine_tune: init is a model of other classes; its classifier is trained afresh and its normalisation kept, as
    our --from does."""
    torch.manual_seed(seed)
    train_x, train_y = load(data, "train", classes)
    test_x, test_y = load(data, "test", classes)
    mean, std = train_x.mean((0, 2, 3), keepdim=True), train_x.std((0, 2, 3), keepdim=True)
    model = Net(train_x.shape[1], args.depth, len(classes))
    mxnet_init(model)
    if init is not None:
        load_checkpoint(model, init, args.depth, keep_classifier=not fine_tune)
    if fine_tune:
        mean, std = checkpoint_normalization(init)
    optimizer = optimizer_for(model, args.lr, args.wd)
    generator = torch.Generator().manual_seed(seed)
    step = 0
    for _ in range(args.epochs):
        step = train_epoch(model, optimizer, train_x, train_y, mean, std, generator, step, args)
    return accuracy(model, test_x, test_y, mean, std)


def ours_run(data, out, seed, args, extra=()):
    command = [str(SERVICE), "train", "--data", str(data), "--out", str(out), "--depth", str(args.depth),
               "--epochs", str(args.epochs), "--batch-size", str(args.batch_size), "--learning-rate", str(args.lr),
               "--weight-decay", str(args.wd), "--warmup-epochs", str(args.warmup), "--seed", str(seed)]
    command += ([] if args.augment else ["--augment", "false"]) + shlex.split(args.ours_args) + list(extra)
    result = subprocess.run(command, capture_output=True, text=True)
    match = re.search(r"^test accuracy ([0-9.]+) %", result.stdout, re.MULTILINE)
    if result.returncode != 0 or match is None:
        sys.exit(f"{shlex.join(command)} failed ({result.returncode}):\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    best = re.search(r"(?:best|last) epoch (\d+)", result.stdout)
    return float(match.group(1)) / 100, int(best.group(1)), shlex.join(command)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=pathlib.Path)
    parser.add_argument("--seeds", default="1,2,3")
    parser.add_argument("--per-class", type=int, default=20)
    parser.add_argument("--test-per-class", type=int, default=50)
    add_recipe_arguments(parser, batch_size=32, wd=1e-4, warmup=0)
    parser.add_argument("--same-init", action="store_true",
                        help="both start from our initial weights (one epoch at a learning rate of 1e-6, then --from)")
    parser.add_argument("--skip-pytorch", action="store_true", help="our runs only (the PyTorch loop's figures repeat exactly)")
    parser.add_argument("--ours-args", default="", help="more options for our train verb, such as --validation-fraction 0.1")
    parser.add_argument("--task", choices=["shapes", "fashion-mnist"], default="shapes",
                        help="generated shapes, or Fashion-MNIST's last five classes (sandal to ankle boot), all their test images")
    parser.add_argument("--fine-tune", action="store_true",
                        help="fashion-mnist: both start from our model of the first five classes (trained once here)")
    parser.add_argument("--source-per-class", type=int, default=1000)
    parser.add_argument("--source-epochs", type=int, default=15)
    parser.add_argument("--fashion-mnist", type=pathlib.Path, default=pathlib.Path("/usr/share/datasets/fashion-mnist"))
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    if args.fine_tune and (args.task != "fashion-mnist" or args.same_init):
        sys.exit("--fine-tune is for --task fashion-mnist, without --same-init")
    if args.task == "shapes":
        data, classes = args.out / f"data-{args.per_class}", sorted(SHAPES)
        generate(data, SHAPES, args.per_class, args.test_per_class, seed=0)
    else:
        data = args.out / f"fashion-{args.per_class}"
        export_fashion_mnist(data, range(5, 10), args.per_class, args.fashion_mnist)
        classes = sorted(FASHION_CLASSES[5:])
    source = None
    if args.fine_tune:
        source_data = args.out / f"fashion-source-{args.source_per_class}"
        export_fashion_mnist(source_data, range(5), args.source_per_class, args.fashion_mnist)
        source = args.out / f"source-{args.source_per_class}-{args.source_epochs}" / "model.ckpt"
        if not source.exists():
            pretraining = argparse.Namespace(**{**vars(args), "epochs": args.source_epochs, "lr": 0.1, "warmup": 0,
                                                "batch_size": 128, "augment": True, "ours_args": ""})
            accuracy_of_source, _, command = ours_run(source_data, source.parent, 1, pretraining)
            print(f"source model: test accuracy {accuracy_of_source:.3f} on its own 5 classes ({command})")
    print(f"load_average={os.getloadavg()[0]:.2f} torch={torch.__version__} task={args.task} classes={len(classes)} "
          f"train={args.per_class}/class test={'all' if args.task == 'fashion-mnist' else args.test_per_class}/class"
          f"{' fine-tuned' if args.fine_tune else ''}")
    rows = []
    for seed in (int(s) for s in args.seeds.split(",")):
        stamp = int(time.time())
        run = args.out / f"ours-{args.per_class}-seed{seed}-{stamp}"
        init = source
        if args.same_init:
            init = args.out / f"init-{args.per_class}-seed{seed}-{stamp}"
            initial = argparse.Namespace(**{**vars(args), "epochs": 1, "lr": 1e-6, "warmup": 0, "augment": False, "ours_args": ""})
            ours_run(data, init, seed, initial)
            init = init / "model.ckpt"
        ours, best_epoch, command = ours_run(data, run, seed, args, ["--from", str(init)] if init else [])
        # Our classes are in the order of their folders' names; the same labels on both sides share the classifier.
        theirs = math.nan if args.skip_pytorch else pytorch_run(data, classes, seed, args, init, args.fine_tune)
        rows.append((seed, ours, theirs))
        print(f"seed={seed} ours={ours:.3f} (best epoch {best_epoch}) pytorch={theirs:.3f} gap={theirs - ours:+.3f}", flush=True)
    print(f"command: {command}")
    mean = [sum(r[i] for r in rows) / len(rows) for i in (1, 2)]
    print(f"mean ours={mean[0]:.3f} pytorch={mean[1]:.3f} gap={mean[1] - mean[0]:+.3f} load_average={os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
