#!/bin/sh
# A tiny HTTP responder for the example service: answers every request with the release and greeting.
set -eu
port=${PORT:-8080}
while true; do
  printf 'HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n%s %s\n' "${GREETING:-hello}" "${SPOT_DEPLOY_SHA256:-unknown}" |
    busybox nc -l -p "$port" >/dev/null 2>&1 || sleep 1
done
