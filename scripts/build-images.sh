#!/usr/bin/env bash
# Builds the Sluice images from the Dockerfile with docker or podman (docs/deployment.md, "Container
# images") and prints their sizes:
#   the runtime image      TaskManagers and session JobManagers       (--target runtime)
#   the application image  the runtime plus one job, `sluice application`
#
#   scripts/build-images.sh [options]
#     --engine docker|podman  default: podman when installed, else docker
#     --base IMAGE            the Node base image (Dockerfile BASE); default the public node:20 image
#     --local-base            no registry: make (once) and use localhost/sluice-base:node<version>, a
#                             Debian bookworm root file system with this machine's node
#                             (docker/make-local-base.sh; needs mmdebstrap)
#     --prebuilt              no npm registry in builds: take this checkout's compiled dist/src, web/dist
#                             and its production dependencies instead of `npm ci` in the image
#                             (build the checkout first: npm run build && npm run build:web)
#     --job-dir DIR --job F   the application's folder and its job file in it (default examples, wordcount.ts)
#     --runtime-tag T         default sluice:<version>
#     --app-tag T             default sluice-<job name>:<version>
#     --no-app                build only the runtime image
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"

engine=""
base=""
local_base=false
prebuilt=false
job_dir=examples
job=wordcount.ts
runtime_tag=""
app_tag=""
build_app=true
while [ $# -gt 0 ]; do
  case "$1" in
    --engine) engine="$2"; shift 2 ;;
    --base) base="$2"; shift 2 ;;
    --local-base) local_base=true; shift ;;
    --prebuilt) prebuilt=true; shift ;;
    --job-dir) job_dir="$2"; shift 2 ;;
    --job) job="$2"; shift 2 ;;
    --runtime-tag) runtime_tag="$2"; shift 2 ;;
    --app-tag) app_tag="$2"; shift 2 ;;
    --no-app) build_app=false; shift ;;
    -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build-images: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

if [ -z "$engine" ]; then
  if command -v podman >/dev/null 2>&1; then engine=podman; else engine=docker; fi
fi
command -v "$engine" >/dev/null 2>&1 || { echo "build-images: $engine is not installed" >&2; exit 2; }
version="$(node -p 'require("./package.json").version')"
job_name="$(basename "$job" | sed 's/\.[^.]*$//')"
runtime_tag="${runtime_tag:-sluice:$version}"
app_tag="${app_tag:-sluice-$job_name:$version}"

if $local_base; then
  base="localhost/sluice-base:node$(node --version | tr -d v)"
  if ! "$engine" image exists "$base" 2>/dev/null && ! "$engine" image inspect "$base" >/dev/null 2>&1; then
    bash docker/make-local-base.sh "$base" "$engine"
  fi
fi

# The build context: the checkout, or, with --prebuilt, a folder holding what the Dockerfile's
# build-prebuilt stage copies (prebuilt/) beside the files the other stages read.
context="$repo"
if $prebuilt; then
  for built in dist/src/cli/main.js web/dist/index.html; do
    [ -e "$built" ] || { echo "build-images: --prebuilt needs a built checkout ($built is missing): npm run build && npm run build:web" >&2; exit 2; }
  done
  context="$(mktemp -d /var/tmp/sluice-image-context.XXXXXX)"
  trap 'rm -rf "$context"' EXIT
  mkdir -p "$context/prebuilt/dist" "$context/prebuilt/web" "$context/prebuilt/node_modules" "$context/$(dirname "$job_dir")"
  cp -r Dockerfile docker package.json package-lock.json "$context/"
  cp -r package.json bin "$context/prebuilt/"
  cp -rL dist/src "$context/prebuilt/dist/src"
  cp -rL web/dist "$context/prebuilt/web/dist"
  cp -rL "$job_dir" "$context/$job_dir"
  # Production dependencies only: the lockfile's packages not marked dev, those installed here.
  node -e '
    const { packages } = require("./package-lock.json");
    for (const [path, p] of Object.entries(packages)) if (path && !p.dev && !p.devOptional) console.log(path);
  ' | while read -r dep; do
    if [ -d "$dep" ]; then mkdir -p "$context/prebuilt/$(dirname "$dep")" && cp -rL "$dep" "$context/prebuilt/$dep"; fi
  done
fi

args=(--build-arg "SLUICE_BUILD=$($prebuilt && echo prebuilt || echo source)")
[ -n "$base" ] && args+=(--build-arg "BASE=$base")
# podman writes OCI images by default, which drop HEALTHCHECK; the docker format keeps it.
[ "$engine" = podman ] && args+=(--format docker)

echo "building $runtime_tag with $engine${base:+ from $base}$($prebuilt && echo ' (prebuilt)')"
"$engine" build -q "${args[@]}" --target runtime -t "$runtime_tag" "$context" >/dev/null
tags=("$runtime_tag")
if $build_app; then
  echo "building $app_tag (job $job_dir/$job)"
  "$engine" build -q "${args[@]}" --build-arg "JOB_DIR=$job_dir" --build-arg "JOB=$job" -t "$app_tag" "$context" >/dev/null
  tags+=("$app_tag")
fi
for tag in "${tags[@]}"; do
  size="$("$engine" image inspect --format '{{.Size}}' "$tag")"
  printf 'image %s: %s MB\n' "$tag" "$((size / 1000000))"
done
