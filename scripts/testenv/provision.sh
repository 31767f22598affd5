#!/usr/bin/env bash
# Provisions the binaries Driftline's tests run against, cached outside the repo:
#   etcd            Debian's etcd-server (symlinked)
#   kube-apiserver  1.20.2 built from Debian's kubernetes source package, with the
#                   vendored reflect2 1.0.1 replaced by Debian's 1.0.2 (see docs/adr/0001)
#                   and the OpenAPI type validator's null check fixed (empty strings in
#                   custom resources and `default: ""` in CRDs are accepted, as in a real 1.20)
#   vcsim           govmomi's simulator behind src/lab/vcsim/main.go (cached by its sha256)
# Re-running is cheap: each binary is rebuilt only when missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
KUBE_VERSION=1.20.2
# Bumped whenever the patches applied to the source change, so cached binaries built with older
# patches are rebuilt (src/lab/binaries.ts reads the same directory name).
PATCH_LEVEL=p2
CACHE="${DRIFTLINE_TESTENV_CACHE:-$HOME/.cache/driftline/testenv}"
BIN="$CACHE/$KUBE_VERSION-$PATCH_LEVEL"
mkdir -p "$BIN"

log() { printf '[provision] %s\n' "$*" >&2; }

provision_etcd() {
  [[ -x /usr/bin/etcd ]] || { log "etcd missing: run scripts/testenv/install-system-packages.sh"; exit 2; }
  ln -sf /usr/bin/etcd "$BIN/etcd"
}

# Go >= 1.18 makes reflect.DeepEqual(reflect.Zero(T), v) true for "", so the vendored validators
# treat every empty string as null and refuse it ("must be of type string: \"null\""). Later
# validator versions test only `data == nil`; apply that, and fail loudly if the line moved.
patch_openapi_null_check() {
  local tree="$1" f
  for f in vendor/k8s.io/kube-openapi/pkg/validation/validate/type.go \
           vendor/github.com/go-openapi/validate/type.go; do
    [[ -f "$tree/$f" ]] || continue
    grep -q 'if data == nil || reflect.DeepEqual(reflect.Zero(reflect.TypeOf(data)), reflect.ValueOf(data)) {' "$tree/$f" \
      || { log "expected null check not found in $f"; exit 2; }
    sed -i 's/if data == nil || reflect.DeepEqual(reflect.Zero(reflect.TypeOf(data)), reflect.ValueOf(data)) {/if data == nil {/' "$tree/$f"
  done
}

provision_kube_apiserver() {
  if [[ -x "$BIN/kube-apiserver" ]]; then log "kube-apiserver cached at $BIN"; return; fi
  local work; work="$(mktemp -d "$CACHE/build.XXXXXX")"
  log "building kube-apiserver $KUBE_VERSION in $work (about 6 minutes on 2 cores)"
  (cd "$work" && apt-get source -qq --download-only kubernetes >/dev/null && dpkg-source -x ./*.dsc src >/dev/null)
  local tree="$work/src"
  # Go >= 1.18 crashes reflect2 1.0.1 (SIGSEGV in mapiterinit); 1.0.2 fixes it.
  local vendored="$tree/vendor/github.com/modern-go/reflect2"
  rm -f "$vendored"/*.go "$vendored"/*.s
  cp /usr/share/gocode/src/github.com/modern-go/reflect2/*.go "$vendored/"
  cp /usr/share/gocode/src/github.com/modern-go/reflect2/*.s "$vendored/" 2>/dev/null || true
  rm -f "$vendored"/*_test.go
  patch_openapi_null_check "$tree"
  mkdir -p "$work/gopath/src/k8s.io"
  ln -s "$tree" "$work/gopath/src/k8s.io/kubernetes"
  (cd "$work/gopath/src/k8s.io/kubernetes" && GOPATH="$work/gopath" GO111MODULE=off CGO_ENABLED=0 \
    GOFLAGS=-mod=vendor make WHAT=cmd/kube-apiserver >"$work/build.log" 2>&1) \
    || { log "build failed; see $work/build.log"; tail -30 "$work/build.log" >&2; exit 2; }
  install -m 0755 "$tree/_output/bin/kube-apiserver" "$BIN/kube-apiserver.tmp"
  mv "$BIN/kube-apiserver.tmp" "$BIN/kube-apiserver"
  rm -rf "$work"
  log "kube-apiserver built"
}

provision_vcsim() {
  local src="$ROOT/src/lab/vcsim/main.go"
  local sum; sum="$(sha256sum "$src" | cut -c1-12)"
  local out="$CACHE/vcsim-$sum"
  if [[ ! -x "$out" ]]; then
    log "building vcsim from $src"
    local gopath; gopath="$(mktemp -d)"
    GO111MODULE=off GOPATH="/usr/share/gocode" GOCACHE="$CACHE/gocache" go build -o "$out.tmp" "$src"
    mv "$out.tmp" "$out"; rm -rf "$gopath"
  fi
  ln -sf "$out" "$CACHE/vcsim"
}

case "${1:-all}" in
  etcd) provision_etcd ;;
  kube-apiserver) provision_kube_apiserver ;;
  vcsim) provision_vcsim ;;
  all) provision_etcd; provision_vcsim; provision_kube_apiserver ;;
  *) echo "usage: $0 [all|etcd|kube-apiserver|vcsim]" >&2; exit 2 ;;
esac
echo "$CACHE"
