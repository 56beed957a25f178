#!/bin/sh
# The journalctl of a fake instance (see __tests__/helpers/fake-instance.ts): prints what the fake
# systemctl captured of a service's output. Understands -u UNIT, -n N and ignores other options.
# Under SPOT_DEPLOY_ROOT when set, as the fake systemctl.
set -u
root=${SPOT_DEPLOY_ROOT:-}
state=${root%/}/var/lib/fake-instance
unit='' lines=50 skip=''
for a in "$@"; do
  case $skip in
    u) unit=$a; skip=''; continue ;;
    n) lines=$a; skip=''; continue ;;
  esac
  case $a in
    -u | --unit) skip=u ;;
    --unit=*) unit=${a#--unit=} ;;
    -n | --lines) skip=n ;;
    --lines=*) lines=${a#--lines=} ;;
    -n[0-9]*) lines=${a#-n} ;;
    *) ;;
  esac
done
case $unit in *.*) ;; ?*) unit=$unit.service ;; esac
if [ -n "$unit" ]; then files=$state/journal-$unit.log; else files=$(ls "$state"/journal-*.log 2>/dev/null); fi
found=''
for f in $files; do
  if [ -f "$f" ]; then found=1; tail -n "$lines" "$f"; fi
done
if [ -z "$found" ]; then echo "-- No entries --"; fi
