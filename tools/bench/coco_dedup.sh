#!/usr/bin/env bash
# Which model finds duplicates best, on a near-duplicate set made from the 256 COCO photos in
# ../shared/data/coco: `dataset duplicates` (128 photos with one to four copies each, 128 without),
# an index with clip, dinov2 and phash, then `dedup --evaluate` for each model and the mean fusion.
#
# The hub is unreachable here, so `clip` and `dinov2` are the full-size models that
# tools/fixtures/make_model_fixtures.py --full generates (the real architectures and input
# pipelines with seeded random weights, NOT the trained weights) in a throw-away lookalike home's
# hub cache. With the real weights in your cache, drop --home and HF_HUB_OFFLINE.
#
#   tools/bench/coco_dedup.sh [OUT_DIR] [MODELS_FULL_DIR]   (defaults /tmp/coco-dedup, models-full)
set -euo pipefail
cd "$(dirname "$0")/../.."
out="${1:-/tmp/coco-dedup}"
full="${2:-models-full}"
home="$out/home"
. tools/bench/full_models_home.sh
full_models_home "$home" "$full"
rm -rf "$out/set" "$out/set.lookalike"
./lookalike dataset duplicates ../shared/data/coco/images "$out/set" --groups 128 --seed 0
HF_HUB_OFFLINE=1 ./lookalike --home "$home" index "$out/set/images" --index "$out/set.lookalike" \
  --models clip,dinov2,phash
./lookalike dedup --index "$out/set.lookalike" --evaluate "$out/set/groups.csv" \
  --model clip,dinov2,phash,clip+dinov2 --json "$out/evaluation.json" --html "$out/evaluation.html"
echo "open $out/evaluation.html"
