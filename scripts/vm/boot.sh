#!/usr/bin/env bash
# Boot a throwaway VM from the cached base image (see build-image.sh).
#
# Usage: scripts/vm/boot.sh --user-data FILE --port PORT --name NAME [--mem MiB]
#                           [--host-addr 127.x.y.z] [--guest-port N] [--smp N] [--imds-port N]
#                           [--suite bookworm|trixie]
# Boots the image of the suite (default ${SPOT_DEPLOY_VM_SUITE:-bookworm}) in $CACHE/SUITE.
# Creates RUN_DIR=${SPOT_DEPLOY_VM_RUN:-$CACHE/run}/NAME with a qcow2 overlay over
# base.raw and a NoCloud seed, starts qemu daemonized with the guest's port N (default 22)
# forwarded from HOST-ADDR:PORT (default 127.0.0.1; only loopback addresses are accepted),
# and prints pidfile=..., log=..., run-dir=... lines. With --imds-port N, the guest's connections to
# 10.0.2.100:80 go to 127.0.0.1:N (a fake instance metadata service, through imds-relay.py).
# Stop it with scripts/vm/stop.sh NAME.
set -euo pipefail

CACHE_DIR="${SPOT_DEPLOY_VM_CACHE:-/var/cache/spot-deploy-vm}"
RUN_ROOT="${SPOT_DEPLOY_VM_RUN:-$CACHE_DIR/run}"

usage() { echo "usage: $0 --user-data FILE --port PORT --name NAME [--mem MiB]" >&2; exit 2; }
die() { echo "[boot] error: $*" >&2; exit 1; }

user_data="" port="" name="" mem=1024 host_addr=127.0.0.1 guest_port=22 smp="" imds_port=""
suite="${SPOT_DEPLOY_VM_SUITE:-bookworm}"
while (($#)); do
  case "$1" in
    --user-data) user_data="${2:-}"; shift 2 || usage ;;
    --port) port="${2:-}"; shift 2 || usage ;;
    --name) name="${2:-}"; shift 2 || usage ;;
    --mem) mem="${2:-}"; shift 2 || usage ;;
    --host-addr) host_addr="${2:-}"; shift 2 || usage ;;
    --guest-port) guest_port="${2:-}"; shift 2 || usage ;;
    --smp) smp="${2:-}"; shift 2 || usage ;;
    --imds-port) imds_port="${2:-}"; shift 2 || usage ;;
    --suite) suite="${2:-}"; shift 2 || usage ;;
    -h|--help) usage ;;
    *) echo "[boot] unknown argument: $1" >&2; usage ;;
  esac
done
[[ -n "$user_data" && -n "$port" && -n "$name" ]] || usage
[[ -f "$user_data" ]] || die "user-data not found: $user_data"
[[ "$port" =~ ^[0-9]+$ && "$port" -ge 1 && "$port" -le 65535 ]] || die "bad port: $port"
[[ "$mem" =~ ^[0-9]+$ ]] || die "bad --mem: $mem"
# Loopback only: a test VM must never be reachable from, or pretend to be, another host.
[[ "$host_addr" =~ ^127\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}$ ]] || die "--host-addr must be in 127.0.0.0/8: $host_addr"
[[ "$guest_port" =~ ^[0-9]+$ && "$guest_port" -ge 1 && "$guest_port" -le 65535 ]] || die "bad --guest-port: $guest_port"
[[ "$name" =~ ^[A-Za-z0-9][A-Za-z0-9-]{0,62}$ ]] || die "name must be a hostname label: $name"
[[ -z "$imds_port" || ("$imds_port" =~ ^[0-9]+$ && "$imds_port" -ge 1 && "$imds_port" -le 65535) ]] || die "bad --imds-port: $imds_port"

[[ "$suite" =~ ^(bookworm|trixie)$ ]] || die "bad --suite: $suite (bookworm or trixie)"
IMAGE_DIR="$CACHE_DIR/$suite"
for f in base.raw vmlinuz initrd.img; do
  [[ -f "$IMAGE_DIR/$f" ]] || die "$IMAGE_DIR/$f missing: run scripts/vm/build-image.sh --suite $suite first"
done

run_dir="$RUN_ROOT/$name"
pidfile="$run_dir/qemu.pid"
log="$run_dir/console.log"
mkdir -p "$run_dir"
if [[ -f "$pidfile" ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
  die "VM $name already running (pid $(cat "$pidfile")); stop it with scripts/vm/stop.sh $name"
fi
rm -f "$pidfile" "$log" "$run_dir/overlay.qcow2" "$run_dir/seed.img"

# KVM only when it really works: kvm_pvm (nested paravirt) can't run stock kernels.
if [[ ! -e /sys/module/kvm_pvm && -r /dev/kvm && -w /dev/kvm ]]; then
  accel=(-accel kvm -cpu host)
else
  accel=(-accel 'tcg,thread=multi' -cpu max)
fi
if [[ -z "$smp" ]]; then smp="$(nproc)"; ((smp > 2)) && smp=2; fi
[[ "$smp" =~ ^[1-9][0-9]*$ ]] || die "bad --smp: $smp"

# The guest stays isolated (restrict=on); a guestfwd is its one way to a host port, on loopback.
netdev="user,id=n0,restrict=on,hostfwd=tcp:${host_addr}:${port}-:${guest_port}"
if [[ -n "$imds_port" ]]; then
  relay="$(cd "$(dirname "$0")" && pwd)/imds-relay.py"
  [[ "$relay" != *,* ]] || die "the path of imds-relay.py must not contain a comma: $relay"
  netdev+=",guestfwd=tcp:10.0.2.100:80-cmd:python3 $relay 127.0.0.1 $imds_port"
fi

qemu-img create -q -f qcow2 -b "$IMAGE_DIR/base.raw" -F raw "$run_dir/overlay.qcow2"

cp "$user_data" "$run_dir/user-data"
cat >"$run_dir/meta-data" <<META
instance-id: ${name}-$(date +%s)-$$
local-hostname: ${name}
META
cloud-localds "$run_dir/seed.img" "$run_dir/user-data" "$run_dir/meta-data"

qemu-system-x86_64 \
  -name "spot-deploy-vm-$name" \
  -machine q35 "${accel[@]}" -smp "$smp" -m "$mem" \
  -kernel "$IMAGE_DIR/vmlinuz" -initrd "$IMAGE_DIR/initrd.img" \
  -append "root=/dev/vda rw console=ttyS0 systemd.show_status=1" \
  -drive "file=$run_dir/overlay.qcow2,if=virtio,format=qcow2" \
  -drive "file=$run_dir/seed.img,if=virtio,format=raw,readonly=on" \
  -netdev "$netdev" \
  -device virtio-net-pci,netdev=n0 \
  -display none -monitor none -serial "file:$log" \
  -no-reboot -daemonize -pidfile "$pidfile"

echo "pidfile=$pidfile"
echo "log=$log"
echo "run-dir=$run_dir"
