#!/usr/bin/python3
"""Writes image,label rows (bench-text's --labels CSV) for a folder of COCO photos from COCO's YOLO labels.

    /usr/bin/python3 tools/bench/coco_labels_csv.py samples/coco ../shared/data/coco/labels/val2017 \
        ../shared/data/coco/names.txt > samples/coco/labels.csv

One row per image and label (a label once per image however many objects carry it), sorted.
"""
import csv
import sys
from pathlib import Path


def main(folder, labels_dir, names_file):
    names = [line.strip() for line in Path(names_file).read_text().splitlines() if line.strip()]
    rows = set()
    for image in sorted(Path(folder).rglob("*.jpg")):
        label_file = Path(labels_dir) / (image.stem + ".txt")
        if label_file.exists():
            for line in label_file.read_text().splitlines():
                if line.strip():
                    rows.add((image.relative_to(folder).as_posix(), names[int(line.split()[0])]))
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["image", "label"])
    out.writerows(sorted(rows))


if __name__ == "__main__":
    main(*sys.argv[1:4])
