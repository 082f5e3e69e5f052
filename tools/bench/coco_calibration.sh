#!/usr/bin/env bash
# Every model, pooling and background variant on one copy-detection set made from the 256 COCO photos in
# ../shared/data/coco: raw, score_norm, whiten, whiten+score_norm rows for clip, clip-patchmean, dinov2,
# dinov2-cls, dinov2-gem, dinov2-clsmean, phash and the clip+dinov2 fusions (bench --background --whiten).
#
# The hub is unreachable here, so the CLIP and DINOv2 rows are the full-size models that
# tools/fixtures/make_model_fixtures.py --full generates: the real architectures with seeded random
# weights (their accuracy says how far an untrained ViT's features go, not what the real models score).
#
#   [REFERENCES=100 QUERIES=64 BACKGROUND=64] tools/bench/coco_calibration.sh [OUT_DIR] [MODELS_DIR]
#   (defaults /tmp/coco-calibration, models-full)
set -euo pipefail
cd "$(dirname "$0")/../.."
out="${1:-/tmp/coco-calibration}"
models="${2:-models-full}"
[ -d "$models" ] || /usr/bin/python3 tools/fixtures/make_model_fixtures.py --full "$models"
home="$out/home"
for pair in clip-vit-base-patch32 dinov2-base; do
  mkdir -p "$home/models/Xenova/$pair/main"
  cp -al "$models/$pair/." "$home/models/Xenova/$pair/main/" 2>/dev/null \
    || cp -a "$models/$pair/." "$home/models/Xenova/$pair/main/"
done
rm -rf "$out/set"
./lookalike dataset copydetect ../shared/data/coco/images "$out/set" --references "${REFERENCES:-100}" --queries "${QUERIES:-64}" --background "${BACKGROUND:-64}" --seed 0
HF_HUB_OFFLINE=1 ./lookalike --home "$home" bench \
  --queries "$out/set/queries" --references "$out/set/references" --ground-truth "$out/set/ground_truth.csv" \
  --background "$out/set/background" --whiten \
  --models clip,clip-patchmean,dinov2,dinov2-cls,dinov2-gem,dinov2-clsmean,phash,clip+dinov2,clip+dinov2:rrf \
  -k 10 --index "$out/refs.lookalike" --report "$out/report" --json "$out/report.json"
echo "open $out/report/index.html"
