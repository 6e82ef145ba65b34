#!/usr/bin/python3
"""The reference for `bench pipeline`: PyTorch's DataLoader with PIL decoding and torchvision's RandomResizedCrop,
RandomHorizontalFlip and PILToTensor (uint8 C x H x W, as our batches are) on the same image-folder dataset.
Debian: apt-get install python3-torch python3-torchvision.

    bench/pipeline_torchvision.py --data DIR [--input-size 224] [--batch-size 64] [--epochs 2] [--warmup-epochs 1] [--workers 2]

Prints images_per_cpu_s (images per CPU second of the main process and its workers: the throughput per core) and,
last, images_per_s.
"""
import argparse, os, resource, time

import torch
from torchvision import datasets, transforms


def cpu_seconds():
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--input-size", type=int, default=224)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--warmup-epochs", type=int, default=1, help="passes run before measuring, as `bench pipeline` does")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    root = os.path.join(args.data, "train") if os.path.isdir(os.path.join(args.data, "train")) else args.data
    dataset = datasets.ImageFolder(root, transforms.Compose([
        transforms.RandomResizedCrop(args.input_size),
        transforms.RandomHorizontalFlip(),
        transforms.PILToTensor(),
    ]))
    torch.manual_seed(42)
    loader = torch.utils.data.DataLoader(dataset, batch_size=args.batch_size, shuffle=True, drop_last=True, num_workers=args.workers)
    for _ in range(args.warmup_epochs):
        for _batch in loader:
            pass
    cpu_before, start, images = cpu_seconds(), time.perf_counter(), 0
    for _ in range(args.epochs):
        for batch, _labels in loader:
            images += batch.shape[0]
    seconds = time.perf_counter() - start
    cpu = cpu_seconds() - cpu_before
    print(f"images={images} seconds={seconds:.2f} workers={args.workers} cpu_s={cpu:.2f}")
    print(f"images_per_cpu_s={images / cpu:.1f}")
    print(f"images_per_s={images / seconds:.1f}")


if __name__ == "__main__":
    main()
