#!/bin/sh
# Setup hook: runs as root on each instance before the units start.
set -eu
mkdir -p /var/lib/example
echo "release $SPOT_DEPLOY_SHA256 set up at $(date -u +%FT%TZ)" >>/var/lib/example/setup.log
