#!/bin/sh
# The systemctl of a fake instance (see __tests__/helpers/fake-instance.ts), installed as
# /usr/local/bin/systemctl inside the instance's own mount namespace (and bound over
# /usr/bin/systemctl there). Also installed as /usr/local/sbin/{shutdown,reboot,poweroff,halt}.
# The agent tests (__tests__/integration/agent.test.ts) put it first on PATH as `systemctl` and
# set SPOT_DEPLOY_ROOT, as they do for the agent: unit files are then looked up and the state
# below kept under that root (unset, as on an instance: /).
#
# - `start` of a oneshot service (spot-deploy.service, written by the user-data's write_files)
#   runs its ExecStart for real, as systemd would: as root, cwd /, a clean environment, output to a
#   journal file, one job at a time, exit 1 when it fails.
# - `start` of a .path unit with PathExistsGlob= (spot-deploy.path, enabled --now by runcmd)
#   starts a watcher that starts the unit's service whenever the glob matches (inotifywait).
# - Every other verb only records its effect (daemon-reload, enable, disable, start, restart, stop,
#   is-active, is-enabled, status, list-units --failed): the bundle's own services never run.
#   A failed start prints systemd's "Job for UNIT failed." and `status` of a failed unit says
#   "failed (Result: exit-code)" (exit 3, like any unit that is not active).
# - shutdown, reboot, poweroff and halt are recorded in shutdown.log, never done: the host's
#   systemd would act on them.
#
# State and logs: $SPOT_DEPLOY_ROOT/var/lib/fake-instance/ (systemctl.log: one line per call, the
# arguments as given; journal-<unit>.log; the units that are active/, enabled/ and failed/).
# Faults (words in $SPOT_DEPLOY_ROOT/var/lib/fake-instance/faults):
#   activation-fails     spot-deploy.service fails without running its ExecStart
#   unit-fails           start/restart of any unit other than spot-deploy.* (and the watcher) fails
#   unit-fails:UNIT      start/restart of UNIT (not spot-deploy.*) fails
#   daemon-reload-fails  daemon-reload fails
# and FAKE_SYSTEMCTL_FAIL=UNIT|daemon-reload in the environment (one call), or a `# fail-start`
# line in a unit file (that unit never starts).
#   setup-fails          the service runs with SPOT_DEPLOY_SETUP_TIMEOUT=0.001, so the agent kills
#                        the bundle's setup.sh and reports step setup
set -u
root=${SPOT_DEPLOY_ROOT:-}
root=${root%/}
state=$root/var/lib/fake-instance
# The .path watcher starts services through this script again.
if [ -n "$root" ]; then self=$0; else self=/usr/local/bin/systemctl; fi
SERVICE_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

case ${0##*/} in
  shutdown | reboot | poweroff | halt)
    echo "$(date -u +%FT%TZ) ${0##*/} $*" >>"$state/shutdown.log"
    exit 0
    ;;
esac
mkdir -p "$state/active" "$state/enabled" "$state/failed" 2>/dev/null
if [ -z "${FAKE_SYSTEMCTL_QUIET:-}" ]; then echo "$*" >>"$state/systemctl.log" 2>/dev/null; fi
faults=" $(tr '\n' ' ' 2>/dev/null <"$state/faults") "
fault() { case $faults in *" $1 "*) return 0 ;; esac; return 1; }

verb='' units='' now='' skip='' failed_only=''
for a in "$@"; do
  if [ -n "$skip" ]; then skip=''; continue; fi
  case $a in
    -n | --lines | -p | --property | -t | --type | -o | --output | -H | --host | -M | --machine) skip=1 ;;
    --now) now=1 ;;
    --failed | --state=failed) failed_only=1 ;;
    -*) ;;
    *) if [ -z "$verb" ]; then verb=$a; else units="$units $a"; fi ;;
  esac
done

unit_file() {
  for d in /etc/systemd/system /run/systemd/system /usr/lib/systemd/system /lib/systemd/system; do
    if [ -f "$root$d/$1" ]; then echo "$root$d/$1"; return 0; fi
  done
  return 1
}

# Runs a oneshot service's ExecStart as systemd would; returns its exit status.
run_oneshot() {
  u=$1 file=$2
  if ! grep -q '^Type=oneshot[[:space:]]*$' "$file"; then
    echo "fake systemctl: $u is not Type=oneshot; only oneshot services run for real" >&2
    return 1
  fi
  cmd=$(sed -n 's/^ExecStart=//p' "$file")
  case $cmd in
    '' | *'
'*) echo "fake systemctl: $u needs exactly one ExecStart=" >&2; return 1 ;;
    [-@+!:]*) echo "fake systemctl: ExecStart prefixes are not supported: $cmd" >&2; return 1 ;;
  esac
  extra=''
  if fault setup-fails; then extra=SPOT_DEPLOY_SETUP_TIMEOUT=0.001; fi
  journal=$state/journal-$u.log
  echo "-- $(date -u +%FT%TZ) starting $u: $cmd" >>"$journal"
  if fault activation-fails; then
    echo "fault: activation-fails" >>"$journal"
    return 1
  fi
  # shellcheck disable=SC2086 # ExecStart is split into words, as systemd does
  (cd / && exec env -i PATH=$SERVICE_PATH LANG=C.UTF-8 $extra $cmd) </dev/null >>"$journal" 2>&1
}

# The watcher behind a .path unit: while the unit is active, start its service whenever the glob
# matches. systemd watches with inotify and costs nothing while idle; so does this (inotifywait,
# from inotify-tools). It polled every 0.1 s before: 100 fake instances' watchers then took ~1.4
# of this machine's 2 cores (fork + exec of `sleep`, 1,000 a second), and everything else on it
# (their sshd, the action under test) ran at load 20-30. The 1 s bound on each wait catches a
# file that appears between the glob check and the watch being set up. Bounded: at most 3,600
# waits (about an hour idle); the instance's end kills it anyway.
watch_path() {
  u=$1 glob=$2 svc=$3 n=0
  dir=${glob%/*}
  while [ -e "$state/active/$u" ] && [ "$n" -lt 3600 ]; do
    n=$((n + 1))
    # shellcheck disable=SC2086 # the glob is expanded on purpose
    for f in $glob; do
      if [ -e "$f" ]; then
        echo "$(date -u +%FT%TZ) $f exists: starting $svc" >>"$state/journal-$u.log"
        FAKE_SYSTEMCTL_QUIET=1 "$self" start "$svc" >>"$state/journal-$u.log" 2>&1
      fi
      break
    done
    # 0: something arrived; 2: the second passed. Anything else (no such directory yet, no
    # inotifywait): wait the second out instead of spinning.
    rc=0
    inotifywait -qq -t 1 -e create -e moved_to -e close_write "$dir" 2>/dev/null || rc=$?
    if [ "$rc" -ne 0 ] && [ "$rc" -ne 2 ]; then sleep 1; fi
  done
}

start_path() {
  u=$1 file=$2
  glob=$(sed -n 's/^PathExistsGlob=//p' "$file" | head -n 1)
  svc=$(sed -n 's/^Unit=//p' "$file" | head -n 1)
  if [ -z "$svc" ]; then svc=${u%.path}.service; fi
  if [ -z "$glob" ]; then
    echo "fake systemctl: $u has no PathExistsGlob=; it is recorded but watches nothing" >&2
    return 0
  fi
  if [ -e "$state/active/$u" ]; then return 0; fi
  touch "$state/active/$u"
  # In a subshell: dash keeps copies of the fds a redirected function call replaces (fd 10 and
  # up, to restore them after it), and a backgrounded `watch_path ... >/dev/null &` inherited the
  # caller's stdout through them, so whoever read it waited for the watcher's end.
  (watch_path "$u" "$glob" "$svc") </dev/null >/dev/null 2>&1 &
}

job_failed() {
  rm -f "$state/active/$1"
  touch "$state/failed/$1"
  echo "Job for $1 failed." >&2
  echo "See \"systemctl status $1\" and \"journalctl -xeu $1\" for details." >&2
}

start_unit() {
  u=$1
  if ! file=$(unit_file "$u"); then
    echo "Failed to start $u: Unit $u not found." >&2
    return 5
  fi
  case $u in
    spot-deploy.service)
      exec 9>"$state/$u.lock"
      flock 9 # one job at a time, like systemd's job queue
      if ! run_oneshot "$u" "$file"; then
        flock -u 9
        job_failed "$u"
        return 1
      fi
      flock -u 9
      rm -f "$state/failed/$u"
      return 0 # a oneshot without RemainAfterExit is inactive again once it has run
      ;;
    *.path)
      start_path "$u" "$file"
      return 0
      ;;
    spot-deploy.* | spot-deploy-watcher.service) ;;
    *)
      # A unit file may carry its own fault (`# fail-start`), so a failure can belong to one
      # release and not to another; FAKE_SYSTEMCTL_FAIL=UNIT fails one unit for one run.
      if fault unit-fails || fault "unit-fails:$u" || [ "${FAKE_SYSTEMCTL_FAIL:-}" = "$u" ] ||
        grep -qs '^# fail-start' "$file"; then
        job_failed "$u"
        return 1
      fi
      ;;
  esac
  rm -f "$state/failed/$u"
  touch "$state/active/$u"
}

rc=0
case $verb in
  daemon-reload)
    if fault daemon-reload-fails || [ "${FAKE_SYSTEMCTL_FAIL:-}" = daemon-reload ]; then
      echo "Failed to reload daemon: fault daemon-reload-fails" >&2
      rc=1
    fi
    ;;
  reset-failed | daemon-reexec) ;;
  start | restart | try-restart | reload | reload-or-restart | try-reload-or-restart)
    for u in $units; do start_unit "$u" || rc=$?; done
    ;;
  stop)
    for u in $units; do rm -f "$state/active/$u"; done
    ;;
  enable)
    for u in $units; do
      if unit_file "$u" >/dev/null; then touch "$state/enabled/$u"; else
        echo "Failed to enable unit: Unit file $u does not exist." >&2
        rc=1
      fi
      if [ -n "$now" ]; then start_unit "$u" || rc=$?; fi
    done
    ;;
  disable)
    for u in $units; do
      rm -f "$state/enabled/$u"
      if [ -n "$now" ]; then rm -f "$state/active/$u"; fi
    done
    ;;
  '' | list-units)
    if [ -n "$failed_only" ]; then dir=failed; else dir=active; fi
    for f in "$state/$dir"/*; do
      if [ -e "$f" ]; then echo "${f##*/} loaded $dir $dir fake unit of a fake instance"; fi
    done
    ;;
  is-active | is-enabled | status)
    dir=active word=active other=inactive
    if [ "$verb" = is-enabled ]; then dir=enabled word=enabled other=disabled; fi
    for u in $units; do
      if [ -e "$state/$dir/$u" ]; then s=$word; else s=$other; rc=3; fi
      if [ "$dir" = active ] && [ -e "$state/failed/$u" ]; then s=failed; fi
      if [ "$verb" = is-active ] || [ "$verb" = is-enabled ]; then echo "$s"; continue; fi
      if [ "$s" = failed ]; then s='failed (Result: exit-code)'; fi
      echo "* $u - fake status of $u: $s"
    done
    ;;
  poweroff | reboot | halt | kexec | suspend | hibernate)
    echo "$(date -u +%FT%TZ) systemctl $*" >>"$state/shutdown.log"
    ;;
  *)
    echo "fake systemctl: unsupported verb '$verb'" >&2
    rc=1
    ;;
esac
exit "$rc"
