#!/usr/bin/python3
"""Writes photo-like JPEGs for the pipeline benchmarks: smooth colour gradients, blurred shapes and sensor-like noise,
400-640 x 300-480 pixels in landscape and portrait, in class folders under OUT/train/ (an image-folder dataset both
`bench pipeline` and torchvision's ImageFolder read).

    bench/make_photos.py OUT [--count 800] [--classes 4] [--seed 1]
"""
import argparse, pathlib, random

from PIL import Image, ImageDraw, ImageFilter


def photo(rng, width, height):
    top = [rng.randrange(256) for _ in range(3)]
    bottom = [rng.randrange(256) for _ in range(3)]
    image = Image.linear_gradient("L").resize((width, height))
    image = Image.merge("RGB", [image.point(lambda v, a=a, b=b: a + (b - a) * v // 255) for a, b in zip(top, bottom)])
    draw = ImageDraw.Draw(image)
    for _ in range(rng.randrange(4, 12)):
        x, y = rng.randrange(width), rng.randrange(height)
        r = rng.randrange(10, min(width, height) // 3)
        box = [x - r, y - r, x + r, y + int(r * rng.uniform(0.5, 1.5))]
        colour = tuple(rng.randrange(256) for _ in range(3))
        (draw.ellipse if rng.random() < 0.5 else draw.rectangle)(box, fill=colour)
    image = image.filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 2.0)))
    noise = Image.effect_noise((width, height), rng.uniform(8, 24)).convert("RGB")
    return Image.blend(image, noise, 0.12)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=pathlib.Path)
    parser.add_argument("--count", type=int, default=800)
    parser.add_argument("--classes", type=int, default=4)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    for i in range(args.count):
        width, height = rng.randrange(400, 641), rng.randrange(300, 481)
        if rng.random() < 0.3:
            width, height = height, width
        folder = args.out / "train" / f"class{i % args.classes}"
        folder.mkdir(parents=True, exist_ok=True)
        photo(rng, width, height).save(folder / f"{i:04d}.jpg", quality=90)


if __name__ == "__main__":
    main()
