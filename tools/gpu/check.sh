#!/usr/bin/env bash
# The GPU check: builds lookalike against the CUDA build of ONNX Runtime (-Pgpu), generates the full-size
# models when they are missing, and runs EmbedBenchmark with --device cuda for CLIP and DINOv2 at batch 32 and
# 128: the model alone (ONNX Runtime on premade batches) and from JPEG files (embed pipeline and index), with
# exact and fast decoding. Prints one line per figure; meant to finish within 10 minutes.
#
#   tools/gpu/check.sh                       # on a machine with an NVIDIA GPU, CUDA 12 and cuDNN 9
#   tools/gpu/check.sh --device cpu --quick  # dry run of the whole script on a CPU (small batches, CPU build)
#
# Options: --device cuda|cpu (default cuda), --quick (8 images, batch 4), --images DIR (default
# ../shared/data/coco/images/val2017, else samples/coco; repeated through links up to the image count),
# --models DIR (default $LOOKALIKE_MODELS_FULL or models-full). The -Pgpu build downloads
# com.microsoft.onnxruntime:onnxruntime_gpu from Maven Central unless ~/.m2 already holds it; generating the
# models needs Debian's python3-torch and python3-onnx.
set -euo pipefail
cd "$(dirname "$0")/../.."

device=cuda
quick=0
images=""
models="${LOOKALIKE_MODELS_FULL:-models-full}"
while [ $# -gt 0 ]; do
  case "$1" in
    --device) device="$2"; shift 2 ;;
    --quick) quick=1; shift ;;
    --images) images="$2"; shift 2 ;;
    --models) models="$2"; shift 2 ;;
    *) echo "check.sh: unknown option $1 (--device cuda|cpu, --quick, --images DIR, --models DIR)" >&2; exit 2 ;;
  esac
done
if [ "$quick" = 1 ]; then count=8; batches=4; else count=512; batches=32,128; fi
start=$(date +%s)
step() { echo "[check $(( $(date +%s) - start ))s] $*" >&2; }

export JAVA_HOME="${JAVA_HOME:-$(bin/find-jdk)}"
if [ "$device" = cuda ]; then
  command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader \
    | sed 's/^/gpu: /' || echo "gpu: nvidia-smi not found" >&2
  step "building with -Pgpu (onnxruntime_gpu)"
  mvn -B -q -Pgpu -DskipTests -pl benchmarks -am package
else
  step "building (CPU ONNX Runtime: --device $device is a dry run of this script)"
  mvn -B -q -o -DskipTests -pl benchmarks -am package
fi

if [ ! -f "$models/clip-vit-base-patch32/onnx/vision_model.onnx" ] || [ ! -f "$models/dinov2-base/onnx/model.onnx" ]; then
  step "generating the full-size models into $models"
  /usr/bin/python3 tools/fixtures/make_model_fixtures.py --full "$models" >/dev/null
fi

if [ -z "$images" ]; then
  images=../shared/data/coco/images/val2017
  [ -d "$images" ] || images=samples/coco
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# At least COUNT JPEGs: the folder's own, then links to them again (the pipeline reads each link as a file).
mapfile -t jpegs < <(find "$images" -maxdepth 1 -iname '*.jpg' | sort | head -n "$count")
[ "${#jpegs[@]}" -gt 0 ] || { echo "check.sh: no JPEGs in $images" >&2; exit 1; }
for (( i = 0; i < count; i++ )); do
  ln -s "$(realpath "${jpegs[i % ${#jpegs[@]}]}")" "$work/$(printf '%05d' "$i").jpg"
done
step "$count JPEGs from $images (${#jpegs[@]} distinct), batches $batches, device $device"

java_run() {
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector -Xmx8g \
    -cp benchmarks/target/lookalike-benchmarks.jar dev.lookalike.bench.EmbedBenchmark "$@"
}
for decode in exact fast; do
  step "EmbedBenchmark, $decode decode"
  if ! java_run "$models" "$work" "$count" "$batches" clip,dinov2 --device "$device" --decode "$decode" --figures \
      > "$work/figures.txt" 2>&1; then
    echo "$decode decode: EmbedBenchmark failed: $(grep -v '^WARNING' "$work/figures.txt" | grep -m1 -E 'Exception|Error' || tail -n 1 "$work/figures.txt")"
    continue
  fi
  # The model-alone figures do not depend on decoding: print them once.
  sed -n 's/^FIGURE //p' "$work/figures.txt" | { if [ "$decode" = exact ]; then cat; else grep -v 'model alone' || true; fi; }
done
step "done"
