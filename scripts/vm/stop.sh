#!/usr/bin/env bash
# Stop a VM started by boot.sh and remove its overlay and seed (the console log stays).
# Usage: scripts/vm/stop.sh NAME
set -euo pipefail

CACHE_DIR="${SPOT_DEPLOY_VM_CACHE:-/var/cache/spot-deploy-vm}"
RUN_ROOT="${SPOT_DEPLOY_VM_RUN:-$CACHE_DIR/run}"

[[ $# -eq 1 && -n "$1" ]] || { echo "usage: $0 NAME" >&2; exit 2; }
name="$1"
[[ "$name" =~ ^[A-Za-z0-9][A-Za-z0-9-]{0,62}$ ]] || { echo "[stop] bad name: $name" >&2; exit 2; }
run_dir="$RUN_ROOT/$name"
pidfile="$run_dir/qemu.pid"

if [[ -f "$pidfile" ]]; then
  pid="$(tr -d '[:space:]' <"$pidfile")"
  # Only kill the process if it is really this VM's qemu.
  if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null \
    && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "spot-deploy-vm-$name "; then
    kill -TERM "$pid"
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "[stop] $name (pid $pid) ignored SIGTERM; sending SIGKILL" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
    echo "[stop] stopped $name (pid $pid)"
  else
    echo "[stop] $name not running (stale pidfile)" >&2
  fi
  rm -f "$pidfile"
else
  echo "[stop] $name: no pidfile in $run_dir" >&2
fi
rm -f "$run_dir/overlay.qcow2" "$run_dir/seed.img"
