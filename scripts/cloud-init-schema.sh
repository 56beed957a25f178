#!/usr/bin/env bash
# Validate cloud-config files against the schema of a real Debian cloud-init, without installing
# it: the debs are fetched with `apt-get download` and unpacked with `dpkg -x` into a cache dir,
# then run by Debian's /usr/bin/python3.
#
#   scripts/cloud-init-schema.sh [--release R] FILE...   exit 0 iff every FILE is valid
#   scripts/cloud-init-schema.sh [--release R] --setup   only build the cache (CI warms it once)
#
# Releases (R):
#   bookworm (default)  cloud-init 22.4, Debian 12, with bookworm's Python modules.
#   forky               the newest cloud-init in Debian's archive (testing: 26.2 on 2026-12-02;
#                       trixie has 25.1.4, trixie-backports none), pinned by suite. Only the
#                       cloud-init deb comes from forky (it is pure Python); the modules it imports
#                       come from the host's bookworm, built for its Python 3.11 (forky's are for
#                       3.14, and jsonschema's rpds-py there is compiled).
# A document is refused on schema errors and, for every release, on deprecation warnings
# (cloud-init 24+ prints "Cloud config schema deprecations: ..." and still exits 0).
#
# Cache: ${SPOT_DEPLOY_CACHE:-<repo>/.cache}/cloud-init (bookworm) or cloud-init-RELEASE, built
# once under a lock and published by an atomic rename, so concurrent first runs are safe and
# later runs only validate.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
cache_root=${SPOT_DEPLOY_CACHE:-$repo/.cache}
release=bookworm
if [ "${1:-}" = --release ]; then
  release=${2:-}
  shift 2 || true
fi
case $release in
  bookworm)
    cache=$cache_root/cloud-init
    want_version='22.4.*'
    ;;
  forky)
    cache=$cache_root/cloud-init-$release
    want_version='2[6-9].*'
    ;;
  *)
    echo "cloud-init-schema: unknown release '$release' (bookworm or forky)" >&2
    exit 2
    ;;
esac
python=/usr/bin/python3
# cloud-init plus the modules it imports that a minimal system Python lacks (found by trying:
# without python3-jsonschema, `schema` silently reports every file as valid; cloud-init 25+
# imports jinja2 at start-up).
packages=(
  cloud-init
  python3-yaml
  python3-jsonschema python3-attr python3-pyrsistent
  python3-requests python3-urllib3 python3-idna python3-certifi python3-chardet
  python3-charset-normalizer
  python3-configobj python3-six
  python3-jsonpatch python3-json-pointer
)
[ "$release" = bookworm ] || packages+=(python3-jinja2 python3-markupsafe)

# The cache is reused only if it was built from this package list.
ready() { [ "$(cat "$cache/.ready" 2>/dev/null)" = "$release ${packages[*]}" ]; }

die() {
  echo "cloud-init-schema: $*" >&2
  exit 2
}

[ "$#" -gt 0 ] || die "usage: $0 [--release bookworm|forky] FILE..."
[ -x "$python" ] || die "$python not found (Debian's python3 is needed: the debs are built for it)"

# validate OUTDIR INDEX FILE...: cloud-init's own `schema` command on each FILE, in one Python
# (importing cloud-init 26 costs ~1 s of CPU: once per batch, not per file). Writes
# OUTDIR/INDEX.out and OUTDIR/INDEX.rc per file, INDEX counting up; a deprecation fails a file too.
VALIDATE_PY='
import contextlib, io, re, sys
from cloudinit.cmd import main as ci
outdir, index = sys.argv[1], int(sys.argv[2])
for i, f in enumerate(sys.argv[3:], index):
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(buf):
        try:
            rc = ci.main(["cloud-init", "schema", "--config-file", f])
        except SystemExit as e:
            rc = e.code
    out = buf.getvalue()
    ok = rc in (0, None) and not re.search(r"deprecations: *\S", out)
    with open("%s/%d.out" % (outdir, i), "w") as fh:
        fh.write(out)
    with open("%s/%d.rc" % (outdir, i), "w") as fh:
        fh.write("0\n" if ok else "1\n")
'
validate() {
  PYTHONPATH=$cache/usr/lib/python3/dist-packages "$python" -c "$VALIDATE_PY" "$@" 2>&1
}

# validate_one FILE: prints cloud-init's output; fails on an invalid or deprecated document.
validate_one() {
  local d rc
  d=$(mktemp -d)
  validate "$d" 0 "$1" >/dev/null || true
  cat "$d/0.out" 2>/dev/null
  rc=$(cat "$d/0.rc" 2>/dev/null || echo 2)
  rm -rf "$d"
  return "$rc"
}

# download_newest DIR: cloud-init from $release's suite, through a private apt state (lists
# under $cache_root/apt-$release) on the host's own Debian mirror: the host's apt config is
# left alone, and a bookworm host lists no newer suite.
download_newest() {
  local state=$cache_root/apt-$release mirror
  mirror=$(awk '/^URIs:/ && $2 ~ /debian\/?$/ { print $2; exit } $1 == "deb" && $0 ~ /debian\/? / { for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) { print $i; exit } }' \
    /etc/apt/sources.list.d/*.sources /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | head -n1)
  [ -n "$mirror" ] || die "no Debian mirror in /etc/apt/sources.list*"
  mkdir -p "$state/lists/partial" "$state/cache/archives/partial"
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $release main" >"$state/sources.list"
  local opts=(-q -o APT::Sandbox::User="$(id -un)" -o Dir::Etc::SourceList="$state/sources.list"
    -o Dir::Etc::SourceParts=/dev/null -o Dir::State::Lists="$state/lists"
    -o Dir::Cache="$state/cache" -o Dir::State::status=/dev/null)
  apt-get "${opts[@]}" update >&2 || die "apt-get update for $release failed"
  (cd "$1" && apt-get "${opts[@]}" download "cloud-init/$release" >&2) ||
    die "apt-get download cloud-init/$release failed"
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
  local host_packages=("${packages[@]}")
  if [ "$release" != bookworm ]; then
    host_packages=("${packages[@]:1}") # all but cloud-init, which comes from $release
    download_newest "$tmp/debs"
  fi
  if ! (cd "$tmp/debs" && apt-get "${apt_opts[@]}" download "${host_packages[@]}" >&2); then
    [ "$(id -u)" = 0 ] || die "apt-get download failed (run 'apt-get update' as root and retry)"
    echo "cloud-init-schema: apt-get download failed; running apt-get update" >&2
    apt-get -q update >&2
    (cd "$tmp/debs" && apt-get "${apt_opts[@]}" download "${host_packages[@]}" >&2) ||
      die "apt-get download ${host_packages[*]} failed"
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
  printf '#cloud-config\nusers: [{name: x, lock-passwd: true}]\n' >"$tmp/.deprecated.yaml"
  out=$(validate_one "$tmp/.good.yaml") || die "self-test: a valid config was rejected: $out"
  if out=$(validate_one "$tmp/.bad.yaml"); then
    die "self-test: an invalid config was accepted (is jsonschema importable?): $out"
  fi
  # lock-passwd: deprecated since 22.3; every release here prints that as a deprecation.
  if out=$(validate_one "$tmp/.deprecated.yaml"); then
    die "self-test: a deprecated key was accepted: $out"
  fi
  version=$(PYTHONPATH=$tmp/usr/lib/python3/dist-packages "$python" -c \
    'from cloudinit.version import version_string; print(version_string())')
  rm -f "$tmp/.good.yaml" "$tmp/.bad.yaml" "$tmp/.deprecated.yaml"
  cache=$saved
  # shellcheck disable=SC2254 # the pattern is the point
  case $version in
    $want_version) ;;
    *) echo "cloud-init-schema: warning: got cloud-init $version, expected $want_version" >&2 ;;
  esac
  echo "$version" >"$tmp/.version"
  echo "$release ${packages[*]}" >"$tmp/.ready"

  rm -rf "$cache"
  mv -T "$tmp" "$cache"
  trap - EXIT
  exec 9>&-
  echo "cloud-init-schema: cloud-init $version ready in $cache" >&2
}

ready || setup
[ "$1" = --setup ] && exit 0

# Validate every file: one Python per core, each with its share of the files; report in order.
outdir=$(mktemp -d)
trap 'rm -rf "$outdir"' EXIT
jobs_max=$(nproc 2>/dev/null || echo 2)
files=("$@")
per=$(((${#files[@]} + jobs_max - 1) / jobs_max))
for ((start = 0; start < ${#files[@]}; start += per)); do
  validate "$outdir" "$start" "${files[@]:start:per}" >"$outdir/batch-$start.log" &
done
wait || true
i=0
for f in "$@"; do
  if [ ! -r "$f" ]; then
    echo "cannot read $f" >"$outdir/$i.out"
    echo 1 >"$outdir/$i.rc"
  elif [ ! -f "$outdir/$i.rc" ]; then
    # The batch died before this file (its log says why): the validator failed, not the file.
    cat "$outdir"/batch-*.log >&2
    die "no result for $f"
  fi
  i=$((i + 1))
done

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
