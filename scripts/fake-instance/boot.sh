#!/bin/sh
# Boots a fake instance (see __tests__/helpers/fake-instance.ts). Runs as PID 1 of its own mount
# and PID namespaces (started by `unshare --mount --pid --fork --kill-child --mount-proc`), so
# everything below is private to this instance and dies with it.
#
# usage: boot.sh INSTANCE_DIR
#   INSTANCE_DIR/upper/<top>  what the instance wrote under /<top> (overlayfs upper layer; the
#                             test prepared users, keys and cloud-init's write_files there)
#   INSTANCE_DIR/work/<top>   overlayfs work directories
#   INSTANCE_DIR/sshd_config  the daemon's configuration
#   INSTANCE_DIR/sshd.log     its log
#
# The host's /etc, /var, /opt, /usr/local, /root, /home and /srv are the lower layers: the
# instance sees a full Debian-like system, and nothing it writes there reaches the host.
set -eu
dir=$1
# An instance has no scratch root (the fake systemctl would follow one inherited from the test).
unset SPOT_DEPLOY_ROOT
for top in etc var opt usr/local root home srv; do
  if [ ! -d "/$top" ] || [ ! -d "$dir/upper/$top" ]; then continue; fi
  mount -t overlay fake-instance \
    -o "lowerdir=/$top,upperdir=$dir/upper/$top,workdir=$dir/work/$top" "/$top"
done
# The fake systemctl and journalctl live in /usr/local/bin (first on every PATH the contract uses);
# scripts that name /usr/bin/systemctl or /bin/systemctl get them too.
for tool in systemctl journalctl; do
  if [ -e "/usr/bin/$tool" ]; then mount --bind "/usr/local/bin/$tool" "/usr/bin/$tool"; fi
done
# cloud-init's runcmd (cloud-final), with the fake systemctl and shutdown first on PATH. Run before
# sshd starts, where a real instance may already accept logins: simpler, and the action must not
# rely on either order.
runcmd=/var/lib/cloud/instance/scripts/runcmd
if [ -f "$runcmd" ]; then
  rc=0
  PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    timeout 60 /bin/sh "$runcmd" </dev/null >>/var/log/cloud-init-output.log 2>&1 || rc=$?
  echo "$rc" >/var/lib/fake-instance/runcmd.rc
fi
mkdir -p /run/sshd
# When sshd starts (epoch nanoseconds), written by the instance itself: the bench's boot time must
# not wait for the test process's own event loop to notice that the port listens.
date +%s%N >"$dir/sshd.exec"
exec /usr/sbin/sshd -D -E "$dir/sshd.log" -f "$dir/sshd_config"
