#!/usr/bin/env python3
"""One guest TCP connection relayed to a port on the host's loopback.

Run by QEMU for each connection the guest opens to the address `boot.sh --imds-port` forwards
(guestfwd=tcp:10.0.2.100:80-cmd:...): the connection is this process's stdin and stdout. The
guest is isolated (restrict=on), so this is its only way out, and it leads to 127.0.0.0/8 only:
the fake IMDS of the VM test (__tests__/helpers/fake-imds.ts). Bounded: 60 s per connection.
Usage: imds-relay.py 127.x.y.z PORT
"""
import os
import select
import socket
import sys
import time


def main(argv):
    if len(argv) != 3 or not argv[1].startswith("127.") or not argv[2].isdigit():
        sys.stderr.write("usage: imds-relay.py 127.x.y.z PORT\n")
        return 2
    sock = socket.create_connection((argv[1], int(argv[2])), timeout=10)
    sock.setblocking(False)
    inp, out = sys.stdin.fileno(), sys.stdout.fileno()
    open_in, end = True, time.monotonic() + 60
    while time.monotonic() < end:
        ready, _, _ = select.select([sock] + ([inp] if open_in else []), [], [], 1.0)
        if inp in ready:
            data = os.read(inp, 65536)
            if data:
                sock.sendall(data)
            else:  # the guest is done sending: the server still answers
                open_in = False
                sock.shutdown(socket.SHUT_WR)
        if sock in ready:
            data = sock.recv(65536)
            if not data:
                return 0
            while data:
                data = data[os.write(out, data):]
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
