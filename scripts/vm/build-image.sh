#!/usr/bin/env bash
# Build (once) a Debian base image for real-VM tests of spot-deploy: bookworm (Debian 12,
# cloud-init 22.4) or trixie (Debian 13, cloud-init 25.1), both from Debian's archive.
#
# Usage: scripts/vm/build-image.sh [--suite bookworm|trixie] [CACHE_DIR]
#   The suite defaults to ${SPOT_DEPLOY_VM_SUITE:-bookworm};
#   CACHE_DIR defaults to ${SPOT_DEPLOY_VM_CACHE:-/var/cache/spot-deploy-vm}.
# Outputs in CACHE_DIR/SUITE: base.raw (ext4, label rootfs), vmlinuz, initrd.img, stamp.
# Idempotent: skipped when CACHE_DIR/SUITE/stamp matches this script's sha256 and the suite.
# Must run as root (debootstrap, chroot, ownership-preserving mke2fs -d).
set -euo pipefail

SCRIPT_PATH="$(readlink -f "${BASH_SOURCE[0]}")"
SUITE="${SPOT_DEPLOY_VM_SUITE:-bookworm}"
if [[ "${1:-}" == --suite ]]; then SUITE="${2:-}"; shift 2 || true; fi
case "$SUITE" in
  bookworm | trixie) ;;
  *) printf '[build-image] error: unsupported suite %s (bookworm or trixie)\n' "$SUITE" >&2; exit 2 ;;
esac
# One subdirectory per suite: both images coexist, and boot.sh picks one by name.
CACHE_DIR="${1:-${SPOT_DEPLOY_VM_CACHE:-/var/cache/spot-deploy-vm}}/$SUITE"
IMAGE_SIZE=4G
LOCK_WAIT_S=1800

log() { printf '[build-image] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

[[ "$(id -u)" -eq 0 ]] || die "must run as root"

ensure_deps() {
  local missing=() cmd pkg
  local -A want=(
    [debootstrap]=debootstrap
    [qemu-system-x86_64]=qemu-system-x86
    [qemu-img]=qemu-utils
    [cloud-localds]=cloud-image-utils
    [mke2fs]=e2fsprogs
    [flock]=util-linux
  )
  for cmd in "${!want[@]}"; do
    pkg="${want[$cmd]}"
    command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if ((${#missing[@]})); then
    log "installing: ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >&2 \
      || { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >&2; }
  fi
}

# First Debian mirror URI from the host's apt config that serves $1
# (deb822 *.sources and one-line *.list formats). Never hard-coded.
mirror_for() {
  local f suite="$1"
  shopt -s nullglob
  for f in /etc/apt/sources.list.d/*.sources; do
    awk -v suite="$suite" '
      function flush() { if (uri != "" && ok && deb) { print uri; found=1; exit } uri=""; ok=0; deb=0 }
      /^[[:space:]]*$/ { flush(); next }
      /^[[:space:]]*#/ { next }
      tolower($1) == "types:" { for (i = 2; i <= NF; i++) if ($i == "deb") deb=1 }
      tolower($1) == "uris:" { uri=$2 }
      tolower($1) == "suites:" { for (i = 2; i <= NF; i++) if ($i == suite) ok=1 }
      END { if (!found) flush() }
    ' "$f"
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -f "$f" ]] || continue
    awk -v suite="$suite" '
      $1 == "deb" {
        i = 2
        if ($i ~ /^\[/) { while ($i !~ /\]$/ && i < NF) i++; i++ }
        if ($(i+1) == suite) { print $i; exit }
      }' "$f"
  done
  shopt -u nullglob
}

# The mirror for $SUITE: one the host lists for it, else the host's own Debian mirror (a
# bookworm host lists only bookworm; the same archive serves trixie, and the host's
# debian-archive-keyring already holds trixie's signing keys).
find_mirror() {
  local own
  mirror_for "$SUITE" | head -n1
  # shellcheck disable=SC1091 # the host's own file
  own="$(. /etc/os-release && echo "${VERSION_CODENAME:-}")"
  [[ -n "$own" && "$own" != "$SUITE" ]] && mirror_for "$own" | head -n1
  return 0
}

ensure_deps
mkdir -p "$CACHE_DIR"
CACHE_DIR="$(readlink -f "$CACHE_DIR")"
STAMP_WANT="$(sha256sum "$SCRIPT_PATH" | cut -d' ' -f1) $SUITE"

is_fresh() {
  [[ -f "$CACHE_DIR/stamp" && -f "$CACHE_DIR/base.raw" && -f "$CACHE_DIR/vmlinuz" && -f "$CACHE_DIR/initrd.img" ]] \
    && [[ "$(cat "$CACHE_DIR/stamp")" == "$STAMP_WANT" ]]
}

if is_fresh; then log "up to date: $CACHE_DIR"; exit 0; fi

exec 9>"$CACHE_DIR/.lock"
flock -w "$LOCK_WAIT_S" 9 || die "timed out waiting for lock $CACHE_DIR/.lock"
if is_fresh; then log "up to date (built by another process): $CACHE_DIR"; exit 0; fi

MIRROR="$(find_mirror | head -n1)"
[[ -n "$MIRROR" ]] || die "no Debian apt source found in /etc/apt/sources.list* (for $SUITE or the host's suite)"
log "mirror: $MIRROR"

WORK="$(mktemp -d "$CACHE_DIR/.build.XXXXXX")"
ROOTFS="$WORK/rootfs"

# Unmount anything debootstrap/chroot left mounted under $WORK before deleting,
# and never cross file systems while deleting.
cleanup() {
  local rc=$? m i mnts=()
  if ((rc != 0)) && [[ -f "$ROOTFS/debootstrap/debootstrap.log" ]]; then
    cp "$ROOTFS/debootstrap/debootstrap.log" "$CACHE_DIR/last-failed-debootstrap.log" || true
    log "failed; debootstrap log kept in $CACHE_DIR/last-failed-debootstrap.log"
  fi
  list_mounts() { awk -v w="$WORK/" 'index($2, w) == 1 { print $2 }' /proc/mounts | sort -r; }
  for i in 1 2 3; do
    mapfile -t mnts < <(list_mounts)
    ((${#mnts[@]})) || break
    log "unmounting leftovers (pass $i): ${mnts[*]}"
    for m in "${mnts[@]}"; do umount -l "$m" 2>/dev/null || true; done
  done
  mapfile -t mnts < <(list_mounts)
  if ((${#mnts[@]})); then log "mounts remain under $WORK; not deleting it"; return 0; fi
  rm -rf --one-file-system "$WORK"
}
trap cleanup EXIT

log "debootstrap $SUITE (minbase) into $ROOTFS"
debootstrap --variant=minbase "$SUITE" "$ROOTFS" "$MIRROR" >&2
# trixie split systemd-networkd out of systemd (the guest's DHCP client here): name it where it exists.
extra=()
if chroot "$ROOTFS" apt-cache show systemd-networkd >/dev/null 2>&1; then extra+=(systemd-networkd); fi

# The rest goes in with apt inside the chroot (debootstrap --include fails to
# configure python3-* packages in one pass). dbus, as on every cloud image: without it
# logind cannot schedule the shutdown that ttl-minutes asks for. e2fsprogs, as on every
# cloud image: trixie's minbase lacks it, and cloud-init's resizefs then fails the boot
# (status: error, "No such file or directory: b'resize2fs'").
log "installing guest packages"
mount -t proc proc "$ROOTFS/proc"
mount -t sysfs sysfs "$ROOTFS/sys"
printf '#!/bin/sh\nexit 101\n' >"$ROOTFS/usr/sbin/policy-rc.d"
chmod +x "$ROOTFS/usr/sbin/policy-rc.d"
cp -L /etc/resolv.conf "$ROOTFS/etc/resolv.conf"
chroot "$ROOTFS" env DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8 \
  apt-get install -y -q --no-install-recommends \
  linux-image-cloud-amd64 systemd systemd-sysv cloud-init openssh-server \
  sudo python3 busybox iproute2 locales dbus e2fsprogs "${extra[@]}" >&2
# cloud-init's locale module fails without a generated en_US.UTF-8 (its Debian
# default); generate it here so the guest doesn't spend boot time on it.
sed -i 's/^# *\(en_US.UTF-8 UTF-8\)/\1/' "$ROOTFS/etc/locale.gen"
chroot "$ROOTFS" locale-gen >&2
echo 'LANG=en_US.UTF-8' >"$ROOTFS/etc/default/locale"
chroot "$ROOTFS" apt-get clean >&2
rm -f "$ROOTFS/usr/sbin/policy-rc.d"
umount "$ROOTFS/sys" "$ROOTFS/proc"

log "configuring rootfs"
echo spotvm >"$ROOTFS/etc/hostname"
cat >"$ROOTFS/etc/hosts" <<'HOSTS'
127.0.0.1	localhost
127.0.1.1	spotvm
::1		localhost ip6-localhost ip6-loopback
HOSTS
printf 'LABEL=rootfs\t/\text4\tdefaults,errors=remount-ro\t0\t1\n' >"$ROOTFS/etc/fstab"
# The guest has no DNS: an empty resolv.conf avoids slow lookups.
: >"$ROOTFS/etc/resolv.conf"

mkdir -p "$ROOTFS/etc/systemd/network"
cat >"$ROOTFS/etc/systemd/network/20-dhcp.network" <<'NET'
[Match]
Name=en* eth*

[Network]
DHCP=ipv4
NET
chroot "$ROOTFS" systemctl enable systemd-networkd.service >&2

mkdir -p "$ROOTFS/etc/cloud/cloud.cfg.d"
cat >"$ROOTFS/etc/cloud/cloud.cfg.d/90-spot-deploy-vm.cfg" <<'CFG'
# spot-deploy real-VM harness
datasource_list: [ NoCloud, None ]
# systemd-networkd config is baked into the image
network: {config: disabled}
# keep local-hostname resolvable without DNS
manage_etc_hosts: localhost
CFG

# Host keys must come from cloud-init (user-data may supply them); the
# machine-id must be unique per boot.
rm -f "$ROOTFS"/etc/ssh/ssh_host_*
: >"$ROOTFS/etc/machine-id"
rm -f "$ROOTFS/var/lib/dbus/machine-id"

# Small image: no apt caches, lists or docs.
rm -rf "$ROOTFS"/var/cache/apt/archives/*.deb "$ROOTFS"/var/cache/apt/*.bin \
  "$ROOTFS"/var/lib/apt/lists/* "$ROOTFS"/var/cache/debconf/*-old \
  "$ROOTFS"/usr/share/doc/* "$ROOTFS"/usr/share/man/* "$ROOTFS"/var/log/*.log
mkdir -p "$ROOTFS/var/lib/apt/lists/partial"

vmlinuz="$(find "$ROOTFS/boot" -maxdepth 1 -name 'vmlinuz-*' | sort -V | tail -n1)"
initrd="$(find "$ROOTFS/boot" -maxdepth 1 -name 'initrd.img-*' | sort -V | tail -n1)"
[[ -n "$vmlinuz" && -n "$initrd" ]] || die "kernel or initrd missing in $ROOTFS/boot"
cp "$vmlinuz" "$WORK/vmlinuz"
cp "$initrd" "$WORK/initrd.img"

log "mke2fs ($IMAGE_SIZE sparse)"
mke2fs -q -t ext4 -d "$ROOTFS" -L rootfs "$WORK/base.raw" "$IMAGE_SIZE" >&2

# Publish: rename each output into place (same file system), stamp last.
for f in base.raw vmlinuz initrd.img; do mv -f "$WORK/$f" "$CACHE_DIR/$f"; done
echo "$STAMP_WANT" >"$WORK/stamp"
mv -f "$WORK/stamp" "$CACHE_DIR/stamp"
log "built: $CACHE_DIR/{base.raw,vmlinuz,initrd.img}"
