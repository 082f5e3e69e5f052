# Sourced by the COCO benchmark scripts: puts the full-size generated models (the real architectures
# with seeded weights, tools/fixtures/make_model_fixtures.py --full) into a throw-away lookalike
# home's hub cache, where `clip` and `dinov2` are found offline.
#
#   full_models_home HOME [MODELS_FULL_DIR]      (default models-full, generated when missing)
full_models_home() {
  local home="$1" full="${2:-models-full}" pair
  [ -d "$full" ] || /usr/bin/python3 tools/fixtures/make_model_fixtures.py --full "$full"
  for pair in clip-vit-base-patch32 dinov2-base; do
    mkdir -p "$home/models/Xenova/$pair/main"
    cp -al "$full/$pair/." "$home/models/Xenova/$pair/main/" 2>/dev/null \
      || cp -a "$full/$pair/." "$home/models/Xenova/$pair/main/"
  done
}
