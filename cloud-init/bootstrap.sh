#!/bin/sh
R=$SPOT_DEPLOY_ROOT
S=$R/var/lib/spot-deploy
x(){ rm -rf "$f" "$d";echo "{\"sha256\":\"$h\",\"state\":\"failed\",\"step\":\"$1\"}">"$S/status.json";false;}
cd "$S/incoming"||exit
l=$(ls -tr -- *.tar.gz)
IFS='
'
for f in $l;do
h=${f%.tar.gz};d=$R/opt/spot-deploy/releases/.staging-$h;a=$d/.spot-deploy/agent.py
case $h in *[!0-9a-f]*)h=;;esac
if [ ${#h} != 64 ]||[ "$(sha256sum<"$f")" != "$h  -" ];then x verify-archive
elif rm -rf "$d";mkdir -p "$d"&&tar -xzf "$f" -C "$d" --no-same-owner&&[ -f "$a" ];then rm -f "$f";python3 "$a" "$h" "$d"
else x extract;fi
done
