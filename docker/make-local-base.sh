#!/usr/bin/env bash
# Makes a Node base image without a registry: a minimal Debian bookworm root file system
# (mmdebstrap, from the Debian mirror apt uses) with this machine's node and npm copied in (Debian's
# nodejs is 18, Sluice needs 20) and the unprivileged user `node` (uid 1000) of the public Node
# images, imported into podman (or docker) as the given tag. Used by scripts/build-images.sh
# --local-base; see docs/deployment.md, "Building without a registry".
#
#   docker/make-local-base.sh TAG [ENGINE]
set -euo pipefail
tag="$1"
engine="${2:-podman}"
node_bin="$(command -v node)"
npm_dir="$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
work="$(mktemp -d /var/tmp/sluice-base.XXXXXX)"
trap 'rm -rf "$work"' EXIT

mmdebstrap --quiet --variant=minbase --include=ca-certificates \
  --customize-hook="copy-in $node_bin /usr/local/bin" \
  --customize-hook="mkdir -p \"\$1/usr/local/lib/node_modules/npm\"" \
  --customize-hook="sync-in $npm_dir /usr/local/lib/node_modules/npm" \
  --customize-hook='ln -s ../lib/node_modules/npm/bin/npm-cli.js "$1/usr/local/bin/npm"' \
  --customize-hook='ln -s ../lib/node_modules/npm/bin/npx-cli.js "$1/usr/local/bin/npx"' \
  --customize-hook='echo "node:x:1000:1000::/home/node:/bin/sh" >> "$1/etc/passwd"' \
  --customize-hook='echo "node:x:1000:" >> "$1/etc/group"' \
  --customize-hook='mkdir -p "$1/home/node" && chown 1000:1000 "$1/home/node"' \
  --customize-hook='rm -rf "$1"/var/cache/apt/* "$1"/var/lib/apt/lists/* "$1"/usr/share/doc/* "$1"/usr/share/man/* "$1"/usr/share/locale/*' \
  bookworm "$work/rootfs.tar" "$mirror"

"$engine" import --quiet --change 'CMD ["node"]' --change 'ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin' \
  "$work/rootfs.tar" "$tag" >/dev/null
echo "local base $tag: Debian bookworm (minbase) with node $("$node_bin" --version)"
