#!/bin/sh
# spot-deploy bootstrap: run by spot-deploy.service (docs/architecture.md, "Bootstrap").
# For each upload in incoming/ (oldest first): check its name and sha256, extract it into a
# fresh staging directory and hand over to the bundle's own agent, which verifies and activates.
#
# This file is readable source: src/cloud-init/render.ts drops the comment lines, blank lines
# and indentation when it puts it into user-data, where every byte counts (EC2's 16 KiB, and our
# 2,048-byte budget). So: no comment after code on the same line, and no line inside a quoted
# string that starts with spaces or '#'.
#
# Paths, the two steps (verify-archive, extract) and the status fields are the on-instance
# contract (src/instance/contract.ts). The exit status is the last agent's, or 1 (from `false`)
# when the last upload failed here.

# SPOT_DEPLOY_ROOT is unset on an instance; the tests point it at a scratch root.
R=$SPOT_DEPLOY_ROOT
S=$R/var/lib/spot-deploy

# x STEP: fail this upload at STEP; status.json gets only sha256, state and step.
x(){ rm -rf "$f" "$d";echo "{\"sha256\":\"$h\",\"state\":\"failed\",\"step\":\"$1\"}">"$S/status.json";false;}

cd "$S/incoming"||exit
# Oldest first, split on newlines only: a valid name is 64 hex digits, anything else is
# rejected below (and deleted), so no name can smuggle in a newline that matters.
l=$(ls -tr -- *.tar.gz)
IFS='
'
for f in $l;do
  # h: the sha256 the name claims; d: its staging directory; a: the agent in it (p in the archive).
  h=${f%.tar.gz};d=$R/opt/spot-deploy/releases/.staging-$h;p=.spot-deploy/agent.py;a=$d/$p
  # Not lowercase hex: empty, so the length check below fails.
  case $h in *[!0-9a-f]*)h=;;esac
  # shellcheck disable=SC2094
  if [ ${#h} != 64 ]||[ "$(sha256sum<"$f")" != "$h  -" ];then x verify-archive
  # A fresh staging dir with only the agent in it: the agent extracts the rest itself, from
  # stdin, refusing setuid, oversized or escaping members before they are written. The upload
  # is deleted once the agent has it open (SC2094 below: removing the file read on stdin is
  # the point).
  elif rm -rf "$d";mkdir -p "$d"&&tar -xzf "$f" -C "$d" --no-same-owner $p&&[ -f "$a" ];then { rm -f "$f";python3 "$a" "$h" "$d" -;}<"$f"
  else x extract;fi
done
