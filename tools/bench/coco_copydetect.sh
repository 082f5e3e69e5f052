#!/usr/bin/env bash
# The copy-detection report of docs/reports/: a DISC21-layout set made from the 256 COCO photos in
# ../shared/data/coco, benchmarked with CLIP, DINOv2, phash and their fusions.
#
# The hub is unreachable here, so `clip` and `dinov2` are the full-size models that
# tools/fixtures/make_model_fixtures.py --full generates: the real architectures and input
# pipelines with seeded random weights, placed in a throw-away lookalike home's hub cache. With
# the real weights in your cache, drop --home and HF_HUB_OFFLINE and the same commands measure them.
#
#   tools/bench/coco_copydetect.sh [OUT_DIR]      (default /tmp/coco-copydetect)
set -euo pipefail
cd "$(dirname "$0")/../.."
out="${1:-/tmp/coco-copydetect}"
home="$out/home"
. tools/bench/full_models_home.sh
full_models_home "$home"
rm -rf "$out/set"
./lookalike dataset copydetect ../shared/data/coco/images "$out/set" --queries 128 --seed 0
HF_HUB_OFFLINE=1 ./lookalike --home "$home" bench \
  --queries "$out/set/queries" --references "$out/set/references" --ground-truth "$out/set/ground_truth.csv" \
  --models clip,dinov2,phash,clip+dinov2,clip+dinov2:rrf -k 10 --report "$out/report" --json "$out/report.json"
echo "open $out/report/index.html"
