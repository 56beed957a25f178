#!/usr/bin/env bash
# Validate cloud-config files against the schema of Debian bookworm's real cloud-init (22.4),
# without installing it: the debs are fetched with `apt-get download` and unpacked with
# `dpkg -x` into a cache dir, then run by Debian's /usr/bin/python3 (the debs are built for it).
#
#   scripts/cloud-init-schema.sh FILE...     exit 0 iff every FILE is valid
#   scripts/cloud-init-schema.sh --setup     only build the cache (CI warms it once)
#
# Cache: ${SPOT_DEPLOY_CACHE:-<repo>/.cache}/cloud-init, built once under a lock and published by
# an atomic rename, so concurrent first runs are safe and later runs only validate.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
cache_root=${SPOT_DEPLOY_CACHE:-$repo/.cache}
cache=$cache_root/cloud-init
python=/usr/bin/python3
# cloud-init plus the modules it imports that a minimal system Python lacks (found by trying:
# without python3-jsonschema, `schema` silently reports every file as valid).
packages=(
  cloud-init
  python3-yaml
  python3-jsonschema python3-attr python3-pyrsistent
  python3-requests python3-urllib3 python3-idna python3-certifi python3-chardet
  python3-charset-normalizer
  python3-configobj python3-six
  python3-jsonpatch python3-json-pointer
)

# The cache is reused only if it was built from this package list.
ready() { [ "$(cat "$cache/.ready" 2>/dev/null)" = "${packages[*]}" ]; }

die() {
  echo "cloud-init-schema: $*" >&2
  exit 2
}

[ "$#" -gt 0 ] || die "usage: $0 FILE..."
[ -x "$python" ] || die "$python not found (Debian's python3 is needed: the debs are built for it)"

# validate FILE: run cloud-init's own `schema` command on it.
validate() {
  PYTHONPATH=$cache/usr/lib/python3/dist-packages \
    "$python" -m cloudinit.cmd.main schema --config-file "$1" 2>&1
}

setup() {
  mkdir -p "$cache_root"
  exec 9>"$cache_root/.cloud-init.lock"
  flock 9
  if ready; then
    exec 9>&-
    return
  fi
  local tmp
  tmp=$(mktemp -d "$cache_root/.cloud-init.XXXXXX")
  # shellcheck disable=SC2064 # expand now: $tmp is local
  trap "rm -rf '$tmp'" EXIT
  mkdir "$tmp/debs"
  echo "cloud-init-schema: fetching ${packages[*]}" >&2
  # APT::Sandbox::User=root: as root, apt would otherwise warn that _apt cannot write here.
  local apt_opts=(-q -o APT::Sandbox::User="$(id -un)")
  if ! (cd "$tmp/debs" && apt-get "${apt_opts[@]}" download "${packages[@]}" >&2); then
    [ "$(id -u)" = 0 ] || die "apt-get download failed (run 'apt-get update' as root and retry)"
    echo "cloud-init-schema: apt-get download failed; running apt-get update" >&2
    apt-get -q update >&2
    (cd "$tmp/debs" && apt-get "${apt_opts[@]}" download "${packages[@]}" >&2) ||
      die "apt-get download ${packages[*]} failed"
  fi
  local deb
  for deb in "$tmp"/debs/*.deb; do
    dpkg -x "$deb" "$tmp"
  done
  rm -rf "$tmp/debs"

  # Self-test before publishing: a valid document passes, an invalid one fails.
  local saved=$cache out version
  cache=$tmp
  printf '#cloud-config\nruncmd: [[ls, -l]]\n' >"$tmp/.good.yaml"
  printf '#cloud-config\nruncmd: 5\n' >"$tmp/.bad.yaml"
  out=$(validate "$tmp/.good.yaml") || die "self-test: a valid config was rejected: $out"
  if out=$(validate "$tmp/.bad.yaml"); then
    die "self-test: an invalid config was accepted (is jsonschema importable?): $out"
  fi
  version=$(PYTHONPATH=$tmp/usr/lib/python3/dist-packages "$python" -c \
    'from cloudinit.version import version_string; print(version_string())')
  rm -f "$tmp/.good.yaml" "$tmp/.bad.yaml"
  cache=$saved
  case $version in
    22.4.*) ;;
    *) echo "cloud-init-schema: warning: got cloud-init $version, expected 22.4.x" >&2 ;;
  esac
  echo "$version" >"$tmp/.version"
  echo "${packages[*]}" >"$tmp/.ready"

  rm -rf "$cache"
  mv -T "$tmp" "$cache"
  trap - EXIT
  exec 9>&-
  echo "cloud-init-schema: cloud-init $version ready in $cache" >&2
}

ready || setup
[ "$1" = --setup ] && exit 0

# Validate every file, a few at a time (each run is ~0.4 s of Python start-up); report in order.
outdir=$(mktemp -d)
trap 'rm -rf "$outdir"' EXIT
jobs_max=$(nproc 2>/dev/null || echo 2)
i=0
for f in "$@"; do
  if [ ! -r "$f" ]; then
    echo "cannot read $f" >"$outdir/$i.out"
    echo 1 >"$outdir/$i.rc"
  else
    (
      rc=0
      validate "$f" >"$outdir/$i.out" || rc=$?
      echo "$rc" >"$outdir/$i.rc"
    ) &
  fi
  i=$((i + 1))
  while [ "$(jobs -rp | wc -l)" -ge "$jobs_max" ]; do wait -n || true; done
done
wait

status=0
i=0
for f in "$@"; do
  rc=$(cat "$outdir/$i.rc")
  if [ "$rc" = 0 ]; then
    echo "ok: $f"
  else
    status=1
    echo "INVALID: $f"
    sed 's/^/  /' "$outdir/$i.out"
  fi
  i=$((i + 1))
done
exit "$status"
