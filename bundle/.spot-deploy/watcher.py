#!/usr/bin/env python3
"""spot-deploy interruption watcher: drain the active release on a spot interruption notice
(docs/architecture.md, "The interruption watcher").

Run by spot-deploy-watcher.service, which the agent installs with a copy of this file and of
agent.py in /opt/spot-deploy/watcher/ (so that a rollback to a release older than the watcher
keeps it) and restarts after every activation and rollback. Polls the instance metadata service
(IMDSv2) every SPOT_DEPLOY_WATCH_INTERVAL seconds (5):
- spot/instance-action (404 until a notice): once per notice, run the active release's stop.sh
  (service environment, bounded by SPOT_DEPLOY_STOP_GRACE, 60 s), stop the release's units in
  reverse start order, write status.json state `interrupted`;
- events/recommendations/rebalance: record its noticeTime as status.json's rebalanceAt.
Never starts, stops or restarts a unit otherwise. Python 3.6+ standard library only; the
endpoint is AWS_EC2_METADATA_SERVICE_ENDPOINT (as the AWS SDKs read it), default the IMDS.
"""
import errno
import fcntl
import json
import os
import sys
import time
import traceback
import urllib.error
import urllib.request

sys.dont_write_bytecode = True  # the copy is rewritten in place; never run a stale .pyc of it
import agent as spot  # noqa: E402  (the agent next to this file: paths, env reading, status)

DEFAULT_ENDPOINT = "http://169.254.169.254"
TOKEN_PATH = "/latest/api/token"
ACTION_PATH = "/latest/meta-data/spot/instance-action"
REBALANCE_PATH = "/latest/meta-data/events/recommendations/rebalance"
TOKEN_TTL = 21600  # seconds, IMDS's maximum; renewed TOKEN_RENEW seconds before it ends
TOKEN_RENEW = 300
HTTP_TIMEOUT = 2.0  # IMDS answers in milliseconds; a hung request must not delay the next poll
# The notice comes 2 minutes ahead: detection (an interval) + stop.sh (the grace, at most
# GRACE_MAX) + the units (UNITS_BUDGET) end before it.
GRACE_MAX, UNITS_BUDGET = 90.0, 25.0
BACKOFF_MAX = 20.0  # the longest wait after IMDS errors: a notice is still seen with time to act
ERROR_LOG_EVERY = 600.0  # while IMDS keeps failing, one log line per 10 minutes
RUN_MAX = 24 * 3600.0  # then exit 0; systemd (Restart=always) starts a fresh one
LOCK_WAIT = 10.0  # for the interrupted status; an activation holding the lock longer loses


class ImdsError(Exception):
    """IMDS did not answer (connection, timeout, 5xx, a token refused twice)."""


class Imds(object):
    """IMDSv2: a session token (PUT, cached until TOKEN_RENEW s before its end; a 401 fetches a
    new one) sent with every GET. No proxy: a service's http_proxy must not see IMDS traffic."""

    def __init__(self, endpoint, clock=time.monotonic):
        self.base = endpoint.rstrip("/")
        self.clock = clock
        self.token, self.token_until = None, 0.0
        self.opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def _open(self, request):
        try:
            with self.opener.open(request, timeout=HTTP_TIMEOUT) as response:
                return response.read(65536).decode("utf-8", "replace")
        except urllib.error.HTTPError:
            raise
        except (urllib.error.URLError, OSError, ValueError) as e:
            raise ImdsError("%s: %s" % (request.full_url, getattr(e, "reason", e)))

    def _token(self):
        if self.token is None or self.clock() >= self.token_until:
            request = urllib.request.Request(
                self.base + TOKEN_PATH, data=b"", method="PUT",
                headers={"X-aws-ec2-metadata-token-ttl-seconds": str(TOKEN_TTL)})
            try:
                token = self._open(request).strip()
            except urllib.error.HTTPError as e:
                raise ImdsError("%s: HTTP %d" % (request.full_url, e.code))
            if not token:
                raise ImdsError("%s: an empty token" % request.full_url)
            self.token, self.token_until = token, self.clock() + TOKEN_TTL - TOKEN_RENEW
        return self.token

    def get(self, path):
        """The body at path, or None while it is 404 (no notice)."""
        for attempt in (1, 2):
            request = urllib.request.Request(
                self.base + path, headers={"X-aws-ec2-metadata-token": self._token()})
            try:
                return self._open(request)
            except urllib.error.HTTPError as e:
                if e.code == 404:
                    return None
                if e.code == 401 and attempt == 1:  # expired or revoked: a new token, once
                    self.token = None
                    continue
                raise ImdsError("%s: HTTP %d" % (request.full_url, e.code))
        raise ImdsError("unreachable")  # the loop returns or raises


def parse_notice(body, key):
    """The notice's JSON object if it has a string `key`, else None (logged by the caller)."""
    try:
        doc = json.loads(body)
    except ValueError:
        return None
    return doc if isinstance(doc, dict) and isinstance(doc.get(key), str) else None


def log(text, sha=None):
    """One line (or more) in agent.log and on stdout (the journal)."""
    try:
        spot.Agent(sha or spot.current_sha() or "-" * 12).log("watcher: " + text)
    except OSError:
        sys.stdout.write("%s watcher: %s\n" % (spot.now(), text))
        sys.stdout.flush()


def take_lock(wait):
    """agent.lock (the agent's own), waiting at most `wait` seconds; an fd, or None."""
    fd = os.open(spot.LOCK_FILE, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW, 0o600)
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except OSError as e:
            if e.errno not in (errno.EAGAIN, errno.EACCES) or time.monotonic() >= deadline:
                os.close(fd)
                return None
        time.sleep(0.2)


def update_status(fields, wait):
    """Read-modify-write status.json under the agent's lock (its other fields kept). False when
    the lock stayed busy for `wait` seconds and nothing was written."""
    fd = take_lock(wait)
    if fd is None:
        return False
    try:
        doc = spot.read_json(spot.STATUS, None)
        if doc is not None:
            doc.update(fields)
            spot.write_atomic(spot.STATUS, json.dumps(doc, indent=2) + "\n")
        return True
    finally:
        os.close(fd)


def stop_order(names):
    """The order the agent starts units in (agent.py START), reversed."""
    started = [n for kind, _ in spot.START for n in names if n.endswith("." + kind)]
    return list(reversed(started))


def run_stop_script(agent, release, sha, notice, grace):
    """stop.sh's outcome in words, for status.json and the log."""
    if not os.path.isfile(os.path.join(release, "stop.sh")):
        agent.log("no stop.sh")
        return "none"
    env = spot.load_env(agent, release, sha)
    env["SPOT_DEPLOY_INTERRUPTION_ACTION"] = notice["action"]
    env["SPOT_DEPLOY_INTERRUPTION_TIME"] = notice.get("time") or ""
    t0 = time.monotonic()
    code = agent.run(["/bin/sh", "stop.sh"], timeout=grace, cwd=release, env=env)
    took = time.monotonic() - t0
    if code is None:
        agent.log("stop.sh killed after the grace, %g s (SPOT_DEPLOY_STOP_GRACE)" % grace)
        return "killed after %g s" % grace
    agent.log("stop.sh exited %d after %.1f s" % (code, took))
    return "exit %d" % code


def stop_units(agent, names):
    """Stop each unit in reverse start order, all within UNITS_BUDGET seconds: past it, the rest
    are queued with --no-block (systemd carries on; the instance ends anyway)."""
    deadline = time.monotonic() + UNITS_BUDGET
    stopped = []
    for unit in stop_order(names):
        left = deadline - time.monotonic()
        if left < 1:
            agent.run(["systemctl", "stop", "--no-block", unit], timeout=5)
        elif agent.run(["systemctl", "stop", unit], timeout=left) != 0:
            agent.log("systemctl stop %s did not finish cleanly" % unit)
        stopped.append(unit)
    return stopped


def drain(notice, seen_at, grace):
    """The interruption: stop.sh, the units in reverse order, then status `interrupted`."""
    t0 = time.monotonic()
    sha = spot.current_sha()
    release = os.path.realpath(spot.CURRENT) if sha else None
    agent = spot.Agent(sha or "-" * 12)
    agent.log("watcher: spot interruption notice: %s at %s (seen %s): draining" % (
        notice["action"], notice.get("time"), seen_at))
    stop_script, stopped = "none", []
    if release is None:
        agent.log("no current release: nothing to drain")
    else:
        stop_script = run_stop_script(agent, release, sha, notice, grace)
        record = spot.read_json(spot.UNITS_RECORD, {})
        names = [u for u in record.get("units") or []
                 if isinstance(u, str) and spot.UNIT_NAME.fullmatch(u)]
        stopped = stop_units(agent, names)
    took = int((time.monotonic() - t0) * 1000)
    agent.log("watcher: drained in %d ms" % took)
    fields = {
        "sha256": sha, "release": release, "current": sha,
        "started_at": seen_at, "finished_at": spot.now(), "log_tail": spot.tail(agent.run_lines),
        "interruptedAt": notice.get("time"), "interruptionAction": notice["action"],
        "noticeSeenAt": seen_at, "drainMs": took, "stopScript": stop_script,
        "stoppedUnits": stopped,
    }
    fields["state"] = "interrupted"
    fields["step"] = "interrupted"
    if not update_status(fields, LOCK_WAIT):
        # An activation holds the lock: its status would replace ours anyway, but the drain
        # happened and the instance is going, so say so now (write_atomic: never a torn file).
        log("agent.lock busy for %g s: status.json written without it" % LOCK_WAIT, sha)
        doc = spot.read_json(spot.STATUS, {})
        doc.update(fields)
        spot.write_atomic(spot.STATUS, json.dumps(doc, indent=2) + "\n")


def drained_already(notice):
    """A watcher restarted after its drain (a redeploy) sees the same notice: once is enough,
    unless status.json was rewritten since (a deploy started the units again)."""
    doc = spot.read_json(spot.STATUS, {})
    return doc.get("state") == "interrupted" and doc.get("interruptedAt") == notice.get("time")


class Watcher(object):
    def __init__(self, env, clock=time.monotonic, sleep=time.sleep):
        self.endpoint = env.get("AWS_EC2_METADATA_SERVICE_ENDPOINT") or DEFAULT_ENDPOINT
        self.interval = spot.seconds(env, "SPOT_DEPLOY_WATCH_INTERVAL", 5.0)
        self.grace = min(spot.seconds(env, "SPOT_DEPLOY_STOP_GRACE", 60.0), GRACE_MAX)
        self.imds = Imds(self.endpoint, clock)
        self.clock, self.sleep = clock, sleep
        self.drained = None  # the notice this process drained for
        self.failing_since, self.failure_logged, self.failures = None, 0.0, 0

    def poll(self):
        body = self.imds.get(ACTION_PATH)
        if body is not None and self.drained is None:
            notice = parse_notice(body, "action")
            if notice is None:
                log("unreadable spot/instance-action (ignored): %r" % body[:200])
            elif drained_already(notice):
                self.drained = notice
            else:
                self.drained = notice
                drain(notice, spot.now(), self.grace)
        if self.drained is not None:
            return  # the instance is going: the rebalance recommendation no longer matters
        body = self.imds.get(REBALANCE_PATH)
        if body is not None:
            notice = parse_notice(body, "noticeTime")
            if notice is None:
                log("unreadable rebalance recommendation (ignored): %r" % body[:200])
            elif spot.read_json(spot.STATUS, {}).get("rebalanceAt") != notice["noticeTime"]:
                # Again after a deploy rewrote status.json; a busy lock: again next poll.
                if update_status({"rebalanceAt": notice["noticeTime"]}, 0):
                    log("rebalance recommendation at %s recorded" % notice["noticeTime"])

    def failed(self, error, what="IMDS error"):
        """Log the first failure, then one line per ERROR_LOG_EVERY; the next wait, backed off."""
        self.failures += 1
        t = self.clock()
        if self.failing_since is None:
            self.failing_since, self.failure_logged = t, t
            log("%s (will retry, backing off): %s" % (what, error))
        elif t - self.failure_logged >= ERROR_LOG_EVERY:
            self.failure_logged = t
            log("still failing after %d s: %s" % (t - self.failing_since, error))
        return min(self.interval * 2 ** min(self.failures, 8), max(BACKOFF_MAX, self.interval))

    def run(self, run_max=RUN_MAX):
        log("polling %s every %g s (stop.sh grace %g s)" % (
            self.endpoint, self.interval, self.grace))
        end = self.clock() + run_max
        while self.clock() < end:
            try:
                self.poll()
                if self.failing_since is not None:
                    log("polling works again")
                self.failing_since, self.failures = None, 0
                wait = self.interval
            except ImdsError as e:
                wait = self.failed(e)
            except Exception:  # a bug, a full disk: logged and retried, never a crash loop
                wait = self.failed(traceback.format_exc().rstrip(), "unexpected error")
            self.sleep(wait)
        return spot.EXIT_OK


def watcher_env():
    """The process environment, then /etc/spot-deploy/env on top (as the services get it):
    a deployment's `env` input can point AWS_EC2_METADATA_SERVICE_ENDPOINT elsewhere."""
    env = dict(os.environ)
    if os.path.isfile(spot.ENV_FILE):
        with open(spot.ENV_FILE, "rb") as f:
            for line in f.read().decode("utf-8", "replace").split("\n"):
                pair = spot.read_env_line(line)
                if isinstance(pair, tuple):
                    env[pair[0]] = pair[1]
    return env


def main(argv):
    if len(argv) != 1:
        sys.stderr.write("usage: watcher.py\n")
        return spot.EXIT_USAGE
    return Watcher(watcher_env()).run()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
