#!/usr/bin/python3
"""Fashion-MNIST with a plain PyTorch loop and the recipe of our `train` verb, to publish beside its figure: the same
pre-activation ResNet (pytorch_reference.py), a stratified 10 % of the training split held out for validation, the
weights of the best validation epoch scored on the test split.

    bench/fashion_mnist_pytorch.py [--data /usr/share/datasets/fashion-mnist] [--depth 20] [--epochs 30] \
        [--batch-size 128] [--lr 0.1] [--wd 5e-4] [--warmup 1] [--seed 1] [--threads 2]

Needs Debian's python3-torch and dataset-fashion-mnist. Prints one line per epoch, then test_accuracy and wall_s.
"""
import argparse
import copy
import gzip
import os
import pathlib
import struct
import sys
import time

import torch

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from pytorch_recipe import accuracy, add_recipe_arguments, mxnet_init, optimizer_for, train_epoch  # noqa: E402
from pytorch_reference import Net  # noqa: E402

CLASSES = 10


def read_idx(path):
    with gzip.open(path, "rb") as stream:
        _, _, kind, rank = struct.unpack(">BBBB", stream.read(4))
        shape = struct.unpack(">" + "I" * rank, stream.read(4 * rank))
        if kind != 0x08:
            sys.exit(f"{path}: element type {kind:#x}, expected unsigned bytes")
        return torch.frombuffer(bytearray(stream.read()), dtype=torch.uint8).reshape(shape)


def load(data, split):
    images = read_idx(data / f"{split}-images-idx3-ubyte.gz").unsqueeze(1).float() / 255
    return images, read_idx(data / f"{split}-labels-idx1-ubyte.gz").long()


def stratified_holdout(labels, fraction, generator):
    held = []
    for label in range(CLASSES):
        members = (labels == label).nonzero().flatten()
        members = members[torch.randperm(members.numel(), generator=generator)]
        held.append(members[:round(members.numel() * fraction)])
    held = torch.cat(held)
    kept = torch.ones(labels.numel(), dtype=torch.bool)
    kept[held] = False
    return kept.nonzero().flatten(), held


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=pathlib.Path, default=pathlib.Path("/usr/share/datasets/fashion-mnist"))
    add_recipe_arguments(parser, batch_size=128, wd=5e-4, warmup=1)
    parser.add_argument("--validation-fraction", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    start = time.perf_counter()
    images, labels = load(args.data, "train")
    test_x, test_y = load(args.data, "t10k")
    generator = torch.Generator().manual_seed(args.seed)
    train, validation = stratified_holdout(labels, args.validation_fraction, generator)
    train_x, train_y, val_x, val_y = images[train], labels[train], images[validation], labels[validation]
    mean, std = train_x.mean((0, 2, 3), keepdim=True), train_x.std((0, 2, 3), keepdim=True)
    model = Net(1, args.depth, CLASSES)
    mxnet_init(model)
    optimizer = optimizer_for(model, args.lr, args.wd)
    print(f"torch={torch.__version__} threads={torch.get_num_threads()} load_average={os.getloadavg()[0]:.2f} "
          f"train={train.numel()} validation={validation.numel()} test={test_y.numel()}", flush=True)
    step, best = 0, (-1.0, 0, None)
    for epoch in range(1, args.epochs + 1):
        step = train_epoch(model, optimizer, train_x, train_y, mean, std, generator, step, args)
        score = accuracy(model, val_x, val_y, mean, std)
        if score > best[0]:
            best = (score, epoch, copy.deepcopy(model.state_dict()))
        print(f"epoch {epoch} validation_accuracy={score:.4f} elapsed_s={time.perf_counter() - start:.0f}", flush=True)
    model.load_state_dict(best[2])
    test = accuracy(model, test_x, test_y, mean, std)
    print(f"best_epoch={best[1]} validation_accuracy={best[0]:.4f}")
    print(f"test_accuracy={test:.4f} wall_s={time.perf_counter() - start:.0f} load_average={os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
