#!/usr/bin/python3
"""PIL's side of DecodeBenchmark: decode, convert and resize JPEGs as the reference pipeline does.

    /usr/bin/python3 tools/bench/pil_decode.py IMAGES_DIR COUNT PASSES EDGE:CROP [EDGE:CROP ...]

For each of the first COUNT JPEGs (sorted by name, read into memory first) and each mode
(exact: Image.open + convert("RGB"); fast: the same after draft("RGB", (2*e, 2*e)) with e the
largest EDGE, the DCT-domain downscaling `--decode fast` does), times in CPU seconds:
decode (open + load), convert (convert("RGB")) and, per model, resize (shortest edge EDGE,
bicubic, reducing_gap=None, as transformers' CLIP/Bit processors call it) + center crop CROP.
Each image's time is its minimum over PASSES passes (robust to other load on the machine).
Prints one JSON object per mode: {"mode", "images", "pixels", "decode_ms", "convert_ms",
"resize_ms": [per model]}, the means over images in milliseconds.
"""
import io
import json
import pathlib
import sys
import time

from PIL import Image, features

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "fixtures"))
from hf_reference import center_crop, resize_output_size  # noqa: E402

import numpy as np  # noqa: E402


def timed(function):
    start = time.process_time()
    result = function()
    return result, time.process_time() - start


def one_image(data, mode, edges, crops):
    def decode():
        image = Image.open(io.BytesIO(data))
        if mode == "fast":
            image.draft("RGB", (2 * max(edges), 2 * max(edges)))
        image.load()
        return image

    image, decode_s = timed(decode)
    rgb, convert_s = timed(lambda: image.convert("RGB"))
    resize_s = []
    for edge, crop in zip(edges, crops):
        def resize():
            height, width = resize_output_size(rgb.height, rgb.width, {"shortest_edge": edge})
            resized = rgb.resize((width, height), resample=Image.BICUBIC, reducing_gap=None)
            return center_crop(np.asarray(resized), crop, crop)

        resize_s.append(timed(resize)[1])
    return rgb.width * rgb.height, decode_s, convert_s, resize_s


def main():
    folder, count, passes = pathlib.Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    edges = [int(arg.split(":")[0]) for arg in sys.argv[4:]]
    crops = [int(arg.split(":")[1]) for arg in sys.argv[4:]]
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in (".jpg", ".jpeg"))[:count]
    datas = [f.read_bytes() for f in files]
    for mode in ("exact", "fast"):
        best = [None] * len(datas)
        for _ in range(passes):
            for i, data in enumerate(datas):
                pixels, decode_s, convert_s, resize_s = one_image(data, mode, edges, crops)
                if best[i] is None or decode_s + convert_s + sum(resize_s) < best[i][0]:
                    best[i] = (decode_s + convert_s + sum(resize_s), pixels, decode_s, convert_s, resize_s)
        n = len(best)
        print(json.dumps({
            "mode": mode, "images": n, "pil": Image.__version__,
            "libjpeg_turbo": features.version("libjpeg_turbo"),
            "pixels": sum(b[1] for b in best) / n,
            "decode_ms": 1000 * sum(b[2] for b in best) / n,
            "convert_ms": 1000 * sum(b[3] for b in best) / n,
            "resize_ms": [1000 * sum(b[4][m] for b in best) / n for m in range(len(edges))],
        }), flush=True)


if __name__ == "__main__":
    main()
