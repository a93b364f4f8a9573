#!/usr/bin/env bash
# Installs the system packages the tests use (real ZooKeeper, PostgreSQL, Redis, NATS, Prometheus,
# Chromium, and podman with
# its companions for the container tests), when missing.
# Runs as root on a fresh Debian machine (CI); prints what it installs.
set -euo pipefail
need=()
[ -f /usr/share/java/zookeeper.jar ] || need+=(zookeeper)
[ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
# connectors (Redis Streams, NATS JetStream) and the metrics test (a real Prometheus scraping the cluster)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v nats-server >/dev/null 2>&1 || need+=(nats-server)
command -v prometheus >/dev/null 2>&1 || need+=(prometheus)
# test/containers: podman on runc (docker/podman/containers.conf), its network stack, and mmdebstrap
# for the local base image (no registry is needed).
for pkg in podman runc mmdebstrap netavark aardvark-dns iptables uidmap fuse-overlayfs slirp4netns; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "installing system packages for the tests: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
