#!/usr/bin/python3
"""Makes 12 MP JPEGs as a phone writes them (4032x3024, quality 92, 4:2:0) from COCO photos.

For the real-photo benchmarks: COCO's 640x480 photos are upscaled (bicubic) and given seeded
sensor-like noise so that they compress like real photos (3-4 MB each), never committed.

    /usr/bin/python3 tools/bench/make_phone_photos.py ../shared/data/coco/images/val2017 OUT [COUNT] [--seed S]

Portrait sources give 3024x4032 photos. The same sources and seed give the same bytes.
"""
import argparse
import pathlib

import numpy as np
from PIL import Image

LONG, SHORT = 4032, 3024


def phone_photo(source: pathlib.Path, rng: np.random.Generator) -> Image.Image:
    image = Image.open(source).convert("RGB")
    size = (LONG, SHORT) if image.width >= image.height else (SHORT, LONG)
    big = np.asarray(image.resize(size, Image.BICUBIC), dtype=np.float32)
    noise = rng.normal(0.0, 4.0, size=(size[1], size[0], 1)).astype(np.float32)  # luma-like grain
    chroma = rng.normal(0.0, 1.5, size=big.shape).astype(np.float32)
    return Image.fromarray(np.clip(big + noise + chroma, 0, 255).round().astype(np.uint8))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", type=pathlib.Path)
    parser.add_argument("out", type=pathlib.Path)
    parser.add_argument("count", type=int, nargs="?", default=24)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    sources = sorted(p for p in args.source.rglob("*") if p.suffix.lower() in (".jpg", ".jpeg"))[: args.count]
    args.out.mkdir(parents=True, exist_ok=True)
    total = 0
    for i, source in enumerate(sources):
        rng = np.random.default_rng([args.seed, i])
        target = args.out / f"phone_{i:04d}.jpg"
        phone_photo(source, rng).save(target, "JPEG", quality=92, subsampling="4:2:0")
        total += target.stat().st_size
    print(f"{len(sources)} photos in {args.out}, {total / max(1, len(sources)) / 1e6:.1f} MB each on average")


if __name__ == "__main__":
    main()
