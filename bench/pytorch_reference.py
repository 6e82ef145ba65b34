"""PyTorch's own Python training loop on the same pre-activation ResNet, for comparing `bench train` against.

Usage: python3 bench/pytorch_reference.py --depth 20 --input 1x28x28 --batch 128 --steps 30 --warmup 5
Prints images_per_s=N as its last line, as `bench train` does. Needs PyTorch (Debian: apt-get install python3-torch).
"""
import argparse
import os
import resource
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def bn(channels):
    return nn.BatchNorm2d(channels, eps=2e-5, momentum=0.1)


class Unit(nn.Module):
    def __init__(self, cin, cout, stride, dim_match):
        super().__init__()
        self.bn1, self.conv1 = bn(cin), nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn2, self.conv2 = bn(cout), nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.sc = None if dim_match else nn.Conv2d(cin, cout, 1, stride, bias=False)

    def forward(self, x):
        act1 = F.relu(self.bn1(x), inplace=True)
        out = self.conv2(F.relu(self.bn2(self.conv1(act1)), inplace=True))
        return out + (x if self.sc is None else self.sc(act1))


class Net(nn.Module):
    def __init__(self, channels, depth, classes):
        super().__init__()
        per_stage, filters = (depth - 2) // 6, [16, 16, 32, 64]
        self.bn_data = bn(channels)
        self.conv0 = nn.Conv2d(channels, filters[0], 3, 1, 1, bias=False)
        units = []
        for stage in range(3):
            for i in range(per_stage):
                first = i == 0
                units.append(Unit(filters[stage] if first else filters[stage + 1], filters[stage + 1],
                                  2 if first and stage > 0 else 1, not first))
        self.units = nn.Sequential(*units)
        self.bn1, self.fc1 = bn(filters[-1]), nn.Linear(filters[-1], classes)

    def forward(self, x):
        x = self.units(self.conv0(self.bn_data(x)))
        x = F.adaptive_avg_pool2d(F.relu(self.bn1(x), inplace=True), 1).flatten(1)
        return self.fc1(x)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--depth", type=int, default=20)
    parser.add_argument("--input", default="1x28x28")
    parser.add_argument("--classes", type=int, default=10)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    c, h, w = (int(v) for v in args.input.split("x"))
    torch.manual_seed(1)
    model = Net(c, args.depth, args.classes).train()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=1e-4)
    x, y = torch.randn(args.batch, c, h, w), torch.randint(args.classes, (args.batch,))

    def step():
        optimizer.zero_grad()
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        optimizer.step()
        return loss.item()

    for _ in range(args.warmup):
        step()
    before = resource.getrusage(resource.RUSAGE_SELF)
    start = time.perf_counter()
    for _ in range(args.steps):
        step()
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_SELF)
    print(f"torch={torch.__version__} threads={torch.get_num_threads()}")
    print(f"cpu_user_s={after.ru_utime - before.ru_utime:.2f} cpu_system_s={after.ru_stime - before.ru_stime:.2f}")
    print(f"images_per_s={args.batch * args.steps / seconds:.1f}")


if __name__ == "__main__":
    main()
