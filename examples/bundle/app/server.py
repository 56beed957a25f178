"""The example service: answers every GET with the greeting from /etc/spot-deploy/env
and the release."""
import http.server
import os

RELEASE = os.path.basename(os.path.realpath("/opt/spot-deploy/current"))


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = ("%s %s\n" % (os.environ.get("GREETING", "hello"), RELEASE)).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


http.server.HTTPServer(("0.0.0.0", int(os.environ.get("PORT", "8080"))), Handler).serve_forever()
