"""The training recipe of our `train` verb written as a plain PyTorch loop, shared by the side-by-side benchmarks
(fewshot_compare.py, fashion_mnist_pytorch.py): MXNet's initialisation, SGD with momentum and weight decay on weights
only, linear warm-up then half a cosine per step, 4 px zero pad-and-crop plus flip, the last partial batch dropped.
"""
import math

import torch
import torch.nn.functional as F


def add_recipe_arguments(parser, batch_size, wd, warmup):
    """The recipe's options, named as in both scripts; the defaults that differ between them are given."""
    parser.add_argument("--depth", type=int, default=20)
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--batch-size", type=int, default=batch_size)
    parser.add_argument("--lr", type=float, default=0.1)
    parser.add_argument("--wd", type=float, default=wd)
    parser.add_argument("--warmup", type=float, default=warmup)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--no-augment", dest="augment", action="store_false", help="neither side crops or flips")


def mxnet_init(model):
    for module in model.modules():
        if isinstance(module, (torch.nn.Conv2d, torch.nn.Linear)):
            fan_in = module.weight[0].numel()
            torch.nn.init.normal_(module.weight, 0, math.sqrt(2.0 / fan_in))
            if getattr(module, "bias", None) is not None:
                torch.nn.init.zeros_(module.bias)
    # MXNet's bn_data has a fixed scale of one (fix_gamma), as ours.
    model.bn_data.weight.requires_grad_(False)


def optimizer_for(model, lr, wd):
    trainable = [(n, p) for n, p in model.named_parameters() if p.requires_grad]
    return torch.optim.SGD([
        {"params": [p for n, p in trainable if n.endswith(".weight")], "weight_decay": wd},
        {"params": [p for n, p in trainable if not n.endswith(".weight")], "weight_decay": 0},
    ], lr=lr, momentum=0.9)


def learning_rate(step, steps_per_epoch, args):
    warmup = args.warmup * steps_per_epoch
    if step < warmup:
        return args.lr * (step + 1) / warmup
    total = args.epochs * steps_per_epoch - warmup
    return args.lr if total <= 0 else 0.5 * args.lr * (1 + math.cos(math.pi * min(step - warmup, total) / total))


def augment(batch, generator, padding=4):
    height, width = batch.shape[-2:]
    padded = F.pad(batch, (padding,) * 4)
    out = torch.empty_like(batch)
    for i in range(batch.shape[0]):
        x, y = torch.randint(0, 2 * padding + 1, (2,), generator=generator).tolist()
        crop = padded[i, :, y:y + height, x:x + width]
        out[i] = crop.flip(2) if torch.rand(1, generator=generator).item() < 0.5 else crop
    return out


def train_epoch(model, optimizer, images, labels, mean, std, generator, step, args):
    """One pass in a random order; returns the step count after it."""
    model.train()
    count = images.shape[0]
    steps_per_epoch = 1 if count <= args.batch_size else count // args.batch_size
    order = torch.randperm(count, generator=generator)
    for b in range(steps_per_epoch):
        index = order[b * args.batch_size:(b + 1) * args.batch_size]
        for group in optimizer.param_groups:
            group["lr"] = learning_rate(step, steps_per_epoch, args)
        x = ((augment(images[index], generator) if args.augment else images[index]) - mean) / std
        optimizer.zero_grad()
        F.cross_entropy(model(x), labels[index]).backward()
        optimizer.step()
        step += 1
    return step


def accuracy(model, images, labels, mean, std, batch=1000):
    model.eval()
    with torch.no_grad():
        right = sum((model((images[i:i + batch] - mean) / std).argmax(1) == labels[i:i + batch]).sum().item()
                    for i in range(0, images.shape[0], batch))
    return right / images.shape[0]
