#!/usr/bin/env bash
# The Spark job's embedding stage against `lookalike index` on the same cores, in one run.
#
#   tools/bench/spark_vs_index.sh MODELS_FULL IMAGES_DIR [N] [MODELS] [CORES]
#
# Both embed N and then 2N images from IMAGES_DIR (links to its first JPEGs) with the full-size models
# (declared in a scratch home's models.json as clip-full, dinov2-full, clip-q8-full, dinov2-q8-full): index with
# one ONNX Runtime thread per core, Spark at local[CORES] with --threads 1 (one task per core, as the README
# advises). The marginal rate, N / (time(2N) - time(N)), is each one's embedding stage; time(N) minus N at that
# rate is the fixed cost of a run (JVM and Spark start, listing, model hashing and loading, the commit).
set -euo pipefail
cd "$(dirname "$0")/../.."
models_full=$(realpath "$1"); images=$(realpath "$2"); n=${3:-24}; models=${4:-clip-full}; cores=${5:-2}
export JAVA_HOME="${JAVA_HOME:-$(bin/find-jdk)}"
java="$JAVA_HOME/bin/java"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mvn -B -q -o -DskipTests -pl cli,spark -am package
mvn -B -q -o dependency:build-classpath -pl spark -Dmdep.outputFile="$work/cp.txt" >/dev/null
spark_cp="spark/target/classes:parquet/target/classes:core/target/classes:$(cat "$work/cp.txt")"

mkdir -p "$work/home"
cat > "$work/home/models.json" <<JSON
{"models": [
 {"name": "clip-full", "dir": "$models_full/clip-vit-base-patch32", "onnx_file": "onnx/vision_model.onnx", "output": "image_embeds", "pooling": "none", "dimension": 512},
 {"name": "clip-q8-full", "dir": "$models_full/clip-vit-base-patch32", "onnx_file": "onnx/vision_model_quantized.onnx", "output": "image_embeds", "pooling": "none", "dimension": 512},
 {"name": "dinov2-full", "dir": "$models_full/dinov2-base", "onnx_file": "onnx/model.onnx", "output": "last_hidden_state", "pooling": "mean", "dimension": 768},
 {"name": "dinov2-q8-full", "dir": "$models_full/dinov2-base", "onnx_file": "onnx/model_quantized.onnx", "output": "last_hidden_state", "pooling": "mean", "dimension": 768}
]}
JSON
mapfile -t jpegs < <(find "$images" -maxdepth 1 -iname '*.jpg' | sort | head -n $((2 * n)))
for size in "$n" $((2 * n)); do
  mkdir -p "$work/photos$size"
  for (( i = 0; i < size; i++ )); do ln -s "${jpegs[i]}" "$work/photos$size/"; done
done

seconds() { local t0 t1; t0=$(date +%s.%N); "$@" >"$work/last.log" 2>&1 || { cat "$work/last.log" >&2; exit 1; }; t1=$(date +%s.%N); echo "$t1 - $t0" | bc; }
declare -A took
for (( round = 1; round <= ${ROUNDS:-2}; round++ )); do  # alternated, each one's best of ROUNDS (default 2)
  for size in "$n" $((2 * n)); do
    rm -rf "$work/index" "$work/out"
    t=$(seconds ./lookalike --home "$work/home" --quiet index "$work/photos$size" --index "$work/index" --models "$models" --batch 16)
    key="index$size"; [ -z "${took[$key]:-}" ] || (( $(echo "$t < ${took[$key]}" | bc) )) && took[$key]=$t
    t=$(seconds "$java" --enable-native-access=ALL-UNNAMED -Xmx2g -cp "$spark_cp" dev.lookalike.spark.Main \
      "$work/photos$size" --out "$work/out" --home "$work/home" --models "$models" --batch 16 --threads 1 \
      --master "local[$cores]")
    key="spark$size"; [ -z "${took[$key]:-}" ] || (( $(echo "$t < ${took[$key]}" | bc) )) && took[$key]=$t
  done
done
echo "models $models, $n and $((2 * n)) images, $cores cores, load average $(cut -d' ' -f1 /proc/loadavg)"
for tool in index spark; do
  t1=${took[$tool$n]}; t2=${took[$tool$((2 * n))]}
  rate=$(echo "scale=3; $n / ($t2 - $t1)" | bc)
  fixed=$(echo "scale=1; $t1 - $n / $rate" | bc)
  printf '%-6s %s images: %6.1f s, %s images: %6.1f s; embedding stage %s img/s, fixed cost %s s\n' \
    "$tool" "$n" "$t1" $((2 * n)) "$t2" "$rate" "$fixed"
  eval "rate_$tool=$rate"
done
echo "spark / index, embedding stage: $(echo "scale=2; $rate_spark / $rate_index" | bc)x"
