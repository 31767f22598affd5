#!/usr/bin/env bash
# Installs the Debian packages Driftline's test environment builds and runs on.
# Idempotent: skips apt entirely when everything is already present.
set -euo pipefail

# etcd; Go, rsync and dpkg-dev to build kube-apiserver from Debian's source package (with
# reflect2 1.0.2 patched in); govmomi for the vSphere simulator; openssl for test certificates.
PACKAGES=(etcd-server golang-go rsync dpkg-dev golang-github-modern-go-reflect2-dev
  golang-github-vmware-govmomi-dev ca-certificates openssl)

# A test drives a real `kubectl patch`; use the machine's kubectl if it has one (a second package
# shipping /usr/bin/kubectl would conflict), else Debian's (1.20, matching the test API server).
command -v kubectl >/dev/null 2>&1 || PACKAGES+=(kubernetes-client)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

# The kubernetes source package needs a deb-src line for bookworm main.
if ! grep -rqs '^Types:.*deb-src' /etc/apt/sources.list.d/ && ! grep -qs '^deb-src' /etc/apt/sources.list; then
  # deb822 with the same Signed-By as the stock entry, or apt rejects the conflict.
  printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: bookworm\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
    > /etc/apt/sources.list.d/driftline-src.sources
  need_update=1
fi

if ((${#missing[@]} > 0)) || [[ -n "${need_update:-}" ]]; then
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  ((${#missing[@]} > 0)) && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
echo "system packages ready"
