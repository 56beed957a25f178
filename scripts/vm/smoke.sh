#!/usr/bin/env bash
# End-to-end proof of the VM harness: boot the base image with a throwaway
# user + ssh key, wait (bounded) for SSH and for cloud-init to finish, print
# timings, stop the VM.
# Usage: scripts/vm/smoke.sh [--port PORT] [--name NAME] [--timeout SECONDS]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
port=10022 name=smoke timeout_s=240
while (($#)); do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    --name) name="$2"; shift 2 ;;
    --timeout) timeout_s="$2"; shift 2 ;;
    *) echo "usage: $0 [--port PORT] [--name NAME] [--timeout SECONDS]" >&2; exit 2 ;;
  esac
done

work="$(mktemp -d)"
cleanup() { "$here/stop.sh" "$name" >&2 || true; rm -rf "$work"; }
trap cleanup EXIT

ssh-keygen -q -t ed25519 -N '' -C "spot-deploy-vm-smoke" -f "$work/id_ed25519"
cat >"$work/user-data" <<UD
#cloud-config
users:
  - name: tester
    shell: /bin/bash
    sudo: "ALL=(ALL) NOPASSWD:ALL"
    ssh_authorized_keys:
      - $(cat "$work/id_ed25519.pub")
ssh_genkeytypes: [ed25519]
UD

ssh_opts=(-i "$work/id_ed25519" -p "$port" -o StrictHostKeyChecking=no
  -o UserKnownHostsFile=/dev/null -o BatchMode=yes -o ConnectTimeout=5
  -o LogLevel=ERROR)

t0=$(date +%s.%N)
"$here/boot.sh" --user-data "$work/user-data" --port "$port" --name "$name"
deadline=$(( $(date +%s) + timeout_s ))

elapsed() { awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }

t_ssh=""
while (( $(date +%s) < deadline )); do
  if timeout 15 ssh "${ssh_opts[@]}" tester@127.0.0.1 true 2>/dev/null; then
    t_ssh="$(elapsed)"; break
  fi
  sleep 2
done
[[ -n "$t_ssh" ]] || { echo "[smoke] FAIL: no SSH login within ${timeout_s}s" >&2; exit 1; }
echo "[smoke] ssh login after ${t_ssh}s"

t_ci="" ci_out="" ci_rc=0
while (( $(date +%s) < deadline )); do
  left=$(( deadline - $(date +%s) ))
  ci_rc=0
  ci_out="$(timeout "$left" ssh "${ssh_opts[@]}" tester@127.0.0.1 cloud-init status --wait --long 2>&1)" || ci_rc=$?
  if ((ci_rc == 0)); then t_ci="$(elapsed)"; break; fi
  # 255: ssh could not connect (retry); anything else is cloud-init's answer.
  ((ci_rc == 255)) || break
  sleep 2
done
echo "$ci_out"
if [[ -z "$t_ci" ]] && ((ci_rc != 255 && ci_rc != 124)); then
  echo "[smoke] FAIL: cloud-init status exited $ci_rc after $(elapsed)s" >&2
  ssh "${ssh_opts[@]}" tester@127.0.0.1 'sudo grep -E "WARNING|ERROR|Traceback" /var/log/cloud-init.log' >&2 || true
  exit 1
fi
[[ -n "$t_ci" ]] || { echo "[smoke] FAIL: cloud-init not done within ${timeout_s}s" >&2; exit 1; }
echo "[smoke] cloud-init done after ${t_ci}s"
ssh "${ssh_opts[@]}" tester@127.0.0.1 'hostname; sudo -n true && echo sudo-ok; ls /etc/ssh/ssh_host_*_key.pub' || true
echo "[smoke] PASS ssh=${t_ssh}s cloud-init=${t_ci}s"
