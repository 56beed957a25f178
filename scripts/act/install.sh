#!/usr/bin/env bash
# Install what __tests__/e2e/act/act.test.ts needs: nektos/act, built from source with `go install`
# at a pinned version, and Node 24 (the runtime of `runs.using: node24`) from the npm package
# node-linux-<arch>. Both go into a cache directory outside the repository.
#
# Usage: scripts/act/install.sh [--find]
#   --find  only look for an installed copy (never build or download); exit 3 when missing.
# Prints on stdout, when both are there:
#   ACT=/path/to/act
#   NODE24_BIN=/directory/holding/node   (put it first on PATH: act runs the `node` it finds)
# Logs go to stderr. Idempotent: skips each part whose binary already reports the right version.
#
# Environment:
#   SPOT_DEPLOY_ACT_CACHE    cache directory (default /var/cache/spot-deploy-act when writable,
#                            else ${XDG_CACHE_HOME:-~/.cache}/spot-deploy-act)
#   SPOT_DEPLOY_ACT_VERSION  act version to build (default below)
#   GO                       the go binary (default: `go` on PATH, else /usr/local/go/bin/go, else
#                            the newest in /opt/hostedtoolcache/go: under sudo, GitHub's runners
#                            keep Go off root's PATH)
set -euo pipefail

ACT_VERSION="${SPOT_DEPLOY_ACT_VERSION:-v0.2.89}"
NODE_VERSION=24.21.0
BUILD_TIMEOUT_S=900
NPM_TIMEOUT_S=300
LOCK_WAIT_S=1200

log() { printf '[act-install] %s\n' "$*" >&2; }
die() {
  log "error: $*"
  exit 1
}

find_only=false
case "${1:-}" in
  --find) find_only=true ;;
  '') ;;
  *) die "unknown argument '$1' (usage: $0 [--find])" ;;
esac

# act phones home for release notices unless told not to; nothing here may leave the machine
# except the package registries used to install.
export ACT_DISABLE_VERSION_CHECK=1

# The system cache when it already holds this version (e.g. installed by root for CI) or can be
# written, else the user's.
default_cache() {
  local system=/var/cache/spot-deploy-act
  if [[ -n "${SPOT_DEPLOY_ACT_CACHE:-}" ]]; then
    printf '%s\n' "$SPOT_DEPLOY_ACT_CACHE"
  elif [[ -x "$system/act-$ACT_VERSION/bin/act" ]] ||
    { mkdir -p "$system" 2>/dev/null && [[ -w "$system" ]]; }; then
    printf '%s\n' "$system"
  else
    printf '%s\n' "${XDG_CACHE_HOME:-$HOME/.cache}/spot-deploy-act"
  fi
}
CACHE="$(default_cache)"

case "$(uname -m)" in
  x86_64 | amd64) NODE_ARCH=x64 ;;
  aarch64 | arm64) NODE_ARCH=arm64 ;;
  *) die "no Node 24 npm package for $(uname -m)" ;;
esac
ACT_DIR="$CACHE/act-$ACT_VERSION"
NODE_DIR="$CACHE/node-v$NODE_VERSION-linux-$NODE_ARCH"
NODE_BIN="$NODE_DIR/node_modules/node-linux-$NODE_ARCH/bin"

find_go() {
  local c
  # shellcheck disable=SC2012 # version-sorted directory names, no odd characters
  for c in "${GO:-}" "$(command -v go 2>/dev/null || true)" /usr/local/go/bin/go \
    $(ls -d /opt/hostedtoolcache/go/*/x64/bin/go 2>/dev/null | sort -V -r); do
    if [[ -n "$c" && -x "$c" ]]; then
      printf '%s\n' "$c"
      return 0
    fi
  done
  return 1
}
GO_BIN="$(find_go || true)"

# An act binary that reports the pinned version: ours in the cache, else one in $GOBIN or on PATH.
find_act() {
  local c gobin=''
  if [[ -n "$GO_BIN" ]]; then
    gobin="$("$GO_BIN" env GOBIN 2>/dev/null || true)"
    [[ -n "$gobin" ]] || gobin="$("$GO_BIN" env GOPATH 2>/dev/null | cut -d: -f1)/bin"
  fi
  for c in "$ACT_DIR/bin/act" ${gobin:+"$gobin/act"} "$(command -v act 2>/dev/null || true)"; do
    [[ -n "$c" && -x "$c" ]] || continue
    if [[ "$("$c" --version 2>/dev/null)" == "act version ${ACT_VERSION#v}" ]]; then
      printf '%s\n' "$c"
      return 0
    fi
  done
  return 1
}

have_node24() { [[ -x "$NODE_BIN/node" && "$("$NODE_BIN/node" --version 2>/dev/null)" == "v$NODE_VERSION" ]]; }

report() {
  printf 'ACT=%s\nNODE24_BIN=%s\n' "$1" "$NODE_BIN"
}

if act_path="$(find_act)" && have_node24; then
  log "act ${ACT_VERSION#v} and node v$NODE_VERSION already installed"
  report "$act_path"
  exit 0
fi
if $find_only; then
  log "not installed under $CACHE (run scripts/act/install.sh)"
  exit 3
fi

mkdir -p "$CACHE"
exec 9>"$CACHE/.lock"
flock -w "$LOCK_WAIT_S" 9 || die "another install holds $CACHE/.lock"

# Another process may have finished the job while we waited for the lock.
if ! act_path="$(find_act)"; then
  [[ -n "$GO_BIN" ]] || die "Go is needed to build act (https://go.dev/dl/, or set GO=/path/to/go)"
  log "building github.com/nektos/act@$ACT_VERSION with $("$GO_BIN" version) (about a minute)"
  build="$CACHE/build.$$"
  rm -rf "$build" "$ACT_DIR.tmp"
  mkdir -p "$build"
  # A private module and build cache, removed afterwards; modules only from the module proxy
  # (no `direct` fallback to version control hosts).
  goproxy="$("$GO_BIN" env GOPROXY)"
  goproxy="${goproxy%,direct}"
  goproxy="${goproxy%|direct}"
  [[ "$goproxy" != direct ]] || die "GOPROXY is 'direct': point it at a module proxy"
  start=$SECONDS
  if ! GOPATH="$build/gopath" GOMODCACHE="$build/mod" GOCACHE="$build/cache" GOFLAGS=-modcacherw \
    GOPROXY="$goproxy" GOBIN="$ACT_DIR.tmp/bin" CGO_ENABLED=0 \
    timeout "$BUILD_TIMEOUT_S" "$GO_BIN" install "github.com/nektos/act@$ACT_VERSION" >&2; then
    rm -rf "$build" "$ACT_DIR.tmp"
    die "go install github.com/nektos/act@$ACT_VERSION failed (or took over ${BUILD_TIMEOUT_S}s)"
  fi
  rm -rf "$build" "$ACT_DIR"
  mv "$ACT_DIR.tmp" "$ACT_DIR"
  log "built act in $((SECONDS - start))s"
  act_path="$(find_act)" || die "$ACT_DIR/bin/act does not report version ${ACT_VERSION#v}"
fi

if ! have_node24; then
  command -v npm >/dev/null 2>&1 || die "npm is needed to fetch node-linux-$NODE_ARCH@$NODE_VERSION"
  log "fetching Node $NODE_VERSION (npm package node-linux-$NODE_ARCH)"
  rm -rf "$NODE_DIR.tmp"
  mkdir -p "$NODE_DIR.tmp"
  # Outside the repository, so its .npmrc and package.json play no part; the package carries
  # the binary itself (no install script needed).
  if ! (cd "$NODE_DIR.tmp" && timeout "$NPM_TIMEOUT_S" npm install --prefix "$NODE_DIR.tmp" \
    --no-save --no-package-lock --ignore-scripts --no-audit --no-fund \
    "node-linux-$NODE_ARCH@$NODE_VERSION" >&2); then
    rm -rf "$NODE_DIR.tmp"
    die "npm install node-linux-$NODE_ARCH@$NODE_VERSION failed"
  fi
  rm -rf "$NODE_DIR"
  mv "$NODE_DIR.tmp" "$NODE_DIR"
  have_node24 || die "$NODE_BIN/node does not report v$NODE_VERSION"
fi

log "act: $act_path; node: $NODE_BIN/node"
report "$act_path"
