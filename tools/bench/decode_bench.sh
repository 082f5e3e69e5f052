#!/usr/bin/env bash
# Decode + preprocess per image against PIL, exact and --decode fast, on 12 MP phone-like photos
# and on COCO photos (DecodeBenchmark), then how far --decode fast moves the embeddings of the
# full-size generated models (FastDecodeDrift). Makes what is missing first: the phone photos
# (tools/bench/make_phone_photos.py), the full-size models, the benchmarks jar.
#
#   tools/bench/decode_bench.sh [COUNT] [PHOTOS_DIR] [MODELS_DIR]   (defaults 24, phone-photos, models-full)
set -euo pipefail
cd "$(dirname "$0")/../.."
count="${1:-24}"
photos="${2:-phone-photos}"
models="${3:-models-full}"
coco=../shared/data/coco/images/val2017
[ -d "$models" ] || /usr/bin/python3 tools/fixtures/make_model_fixtures.py --full "$models"
[ -d "$photos" ] || /usr/bin/python3 tools/bench/make_phone_photos.py "$coco" "$photos" "$count"
jdk="$(bin/find-jdk)"
[ -f benchmarks/target/lookalike-benchmarks.jar ] || JAVA_HOME="$jdk" mvn -B -q -pl benchmarks -am package -DskipTests
run() {
  "$jdk/bin/java" --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector \
    -cp benchmarks/target/lookalike-benchmarks.jar "$@"
}
run dev.lookalike.bench.DecodeBenchmark "$models" "$count" 3 "$photos" "$coco"
run dev.lookalike.bench.FastDecodeDrift "$models" "$count" "$photos" "$coco"
