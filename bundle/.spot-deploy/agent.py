#!/usr/bin/env python3
"""spot-deploy agent: verify, activate and report one release (docs/architecture.md, "The agent").

Usage: agent.py <sha256> <staging-dir> -  activate the release whose archive is on stdin (run by
                                          the bootstrap; without `-`, an older bootstrap's tar
                                          has extracted it into <staging-dir> already)
       agent.py rollback [<sha256>]       put a kept ready release back (mode: rollback)
       agent.py unchanged                 a redeploy that sent nothing: re-arm the shutdown, and
                                          the watcher installed and running again if it is not
The first two (re)install and restart the interruption watcher (watcher.py, next to this file)
once a release serves.
Python 3.6+ standard library only; never reboots. Every path derives from SPOT_DEPLOY_ROOT
(default /); systemctl and shutdown are looked up on PATH.
"""
import fcntl
import hashlib
import json
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
import traceback
import zlib

# Paths, exit codes and step names are the on-instance contract: src/instance/contract.ts lists
# them, and __tests__/unit/instance/contract.test.ts checks that this file carries exactly those.
ROOT = os.environ.get("SPOT_DEPLOY_ROOT") or "/"


def rooted(path):
    return os.path.join(ROOT, path.lstrip("/"))


RELEASES = rooted("/opt/spot-deploy/releases")
CURRENT = rooted("/opt/spot-deploy/current")
STATE_DIR = rooted("/var/lib/spot-deploy")
STATUS = rooted("/var/lib/spot-deploy/status.json")
UNITS_RECORD = rooted("/var/lib/spot-deploy/units.json")
READY_RECORD = rooted("/var/lib/spot-deploy/releases.json")
ENV_SNAPSHOTS = rooted("/var/lib/spot-deploy/envs")
LOCK_FILE = rooted("/var/lib/spot-deploy/agent.lock")
UNIT_DIR = rooted("/etc/systemd/system")
# Where a unit the image already has may live (besides UNIT_DIR); the last two are one on most
# images (merged /usr).
IMAGE_UNIT_DIRS = tuple(rooted(d) for d in (
    "/run/systemd/system", "/usr/local/lib/systemd/system", "/usr/lib/systemd/system",
    "/lib/systemd/system"))
ENV_FILE = rooted("/etc/spot-deploy/env")
HEALTH_CHECK = rooted("/etc/spot-deploy/health-check")
HEALTH_DEADLINE = rooted("/etc/spot-deploy/health-deadline")
TTL_FILE = rooted("/etc/spot-deploy/ttl-minutes")
LOG_FILE = rooted("/var/log/spot-deploy/agent.log")
# The interruption watcher: a copy of watcher.py and this file (its library) outside any release,
# so a rollback to a release that predates it, or pruning, never pulls it from under its unit.
WATCHER_DIR = rooted("/opt/spot-deploy/watcher")
WATCHER_UNIT = rooted("/etc/systemd/system/spot-deploy-watcher.service")
WATCHER_EXEC = "/opt/spot-deploy/watcher/watcher.py"  # as systemd sees it (never rooted)
WATCHER_FILES = ("agent.py", "watcher.py")
WATCHER = os.path.basename(WATCHER_UNIT)
EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
MANIFEST = ".spot-deploy/manifest.json"
SHA = re.compile(r"[0-9a-f]{64}")
UNIT_NAME = re.compile(r"[A-Za-z0-9@._-]+\.(service|timer|socket|path|target|mount)")
RESERVED_UNITS = ("spot-deploy.service", "spot-deploy.path", "spot-deploy-watcher.service")
START = (("socket", "start"), ("service", "restart"), ("path", "start"), ("timer", "start"))
ENV_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
TAIL_LINES, TAIL_BYTES = 40, 4096
# Retention: current plus this many other ready releases; failed releases never take a slot.
KEEP_READY = 2
# Extraction stops before the members' sizes pass this (bundle-max-size is at most 4 GiB, plus
# the agent), or the free space of the releases' file system less EXTRACT_RESERVE.
EXTRACT_MAX, EXTRACT_RESERVE = 4 * 1024 ** 3 + 64 * 1024 ** 2, 256 * 1024 ** 2
# Modes no release member may carry: a setuid root binary or a world-writable file in a release.
BAD_MODE_BITS = stat.S_ISUID | stat.S_ISGID | stat.S_ISVTX


class Failed(Exception):
    """The current step failed; the message says why."""


def now():
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def tail(lines, max_lines=TAIL_LINES, max_bytes=TAIL_BYTES):
    data = "\n".join(lines[-max_lines:]).encode("utf-8", "replace")
    return data[-max_bytes:].decode("utf-8", "ignore")


def write_atomic(path, text):
    """The agent's state files are root's alone (0600): status.json carries setup output."""
    tmp = "%s.tmp-%d" % (path, os.getpid())
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
    os.fchmod(fd, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def read_json(path, default):
    try:
        with open(path, "rb") as f:
            value = json.loads(f.read().decode("utf-8"))
        return value if isinstance(value, dict) else default
    except (OSError, ValueError):
        return default


def seconds(env, name, default):
    try:
        value = float(env.get(name, default))
        return value if value > 0 else default
    except ValueError:
        return default


def current_sha():
    """The sha256 `current` points to, or None."""
    if not os.path.islink(CURRENT):
        return None
    name = os.path.basename(os.path.realpath(CURRENT))
    return name if SHA.fullmatch(name) else None


def read_ready(previous):
    """Ready releases kept on disk, newest first (releases.json, or what an older agent left)."""
    doc = read_json(READY_RECORD, None)
    if doc is None:  # an instance set up by an agent without the record: its last ready release
        shas = [previous.get("sha256")] if previous.get("state") == "ready" else []
    else:
        shas = doc.get("ready") if isinstance(doc.get("ready"), list) else []
    out = []
    for sha in shas:
        if (isinstance(sha, str) and SHA.fullmatch(sha) and sha not in out
                and os.path.isdir(os.path.join(RELEASES, sha))):
            out.append(sha)
    return out


class Agent(object):
    def __init__(self, sha):
        self.sha = sha
        self.release = os.path.join(RELEASES, sha) if sha else None
        self.started_at = now()
        self.step = "init"
        self.run_lines = []
        self.step_lines = []
        self.units = []  # this release's units, once checked
        self.switched = False  # current points at this release: a later failure rolls back
        # The running agent's own files (the watcher is installed from there).
        self.code_dir = os.path.join(self.release, ".spot-deploy") if sha else None

    def log(self, text):
        # Bytes: the locale may be C/ASCII under systemd. 0600: the log carries setup output.
        fd = os.open(LOG_FILE, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "ab") as logf:
            for line in text.rstrip("\n").split("\n"):
                self.run_lines.append(line)
                self.step_lines.append(line)
                stamped = ("%s %s %s\n" % (now(), self.sha[:12], line)).encode("utf-8", "replace")
                logf.write(stamped)
                sys.stdout.buffer.write(stamped)
        sys.stdout.buffer.flush()

    def begin(self, step):
        self.step, self.step_lines = step, []
        self.log("step: " + step)
        self.write_status("activating")

    def write_status(self, state, log_tail=None, **extra):
        """status.json: fields only grow (the action reads it); `current` is where it points now."""
        if log_tail is None:
            log_tail = tail(self.run_lines if state == "ready" else self.step_lines)
        doc = {"sha256": self.sha, "state": state, "step": self.step,
               "started_at": self.started_at,
               "finished_at": None if state == "activating" else now(),
               "log_tail": log_tail, "release": self.release, "current": current_sha()}
        doc.update(extra)
        write_atomic(STATUS, json.dumps(doc, indent=2) + "\n")

    def run(self, argv, timeout=600, cwd=None, env=None):
        """Run argv with its output logged; return its exit status, None on timeout."""
        self.log("$ " + " ".join(argv))
        # Output to a file, not a pipe, so background children of a hook cannot make us hang.
        with tempfile.TemporaryFile() as out:
            proc = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=out,
                                    stderr=subprocess.STDOUT, start_new_session=True)
            code = wait_or_kill(proc, timeout)
            out.seek(0)
            text = out.read().decode("utf-8", "replace")
        if text.strip():
            self.log(text)
        return code

    def systemctl(self, *args):
        return self.run(["systemctl"] + list(args)) == 0


def wait_or_kill(proc, timeout):
    """proc's exit status; None once it has run `timeout` seconds, its process group then killed.
    Blocks until the child exits while a timer keeps the bound. Popen.wait(timeout) polls instead,
    sleeping up to 50 ms between looks: it saw the end of a 70 ms child 45 ms late, a 200 ms one
    16 ms late (medians of 15, Python 3.11), and every systemctl call and hook of an activation
    paid that."""
    lock, verdict = threading.Lock(), []

    def expire():
        # Under the lock, which the waiter takes before it reaps: the leader is at most a zombie
        # here, so its pid, the group's id, is still its own and cannot name another process.
        with lock:
            if verdict:
                return  # the exit was seen first: nothing to kill
            verdict.append("killed")
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except OSError:
                pass

    # Beyond TIMEOUT_MAX (~292 years) Timer's thread dies of OverflowError: no bound, as before.
    timer = threading.Timer(timeout, expire) if timeout < threading.TIMEOUT_MAX else None
    if timer is not None:
        timer.daemon = True
        timer.start()
    try:
        # WNOWAIT: the exit is seen and the child left unreaped until the timer can no longer fire.
        os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOWAIT)
    except ChildProcessError:
        pass  # reaped elsewhere (SIGCHLD ignored): proc.wait() below says what it can, as it did
    finally:
        with lock:
            if not verdict:
                verdict.append("exited")
        if timer is not None:
            timer.cancel()
    code = proc.wait()
    return None if verdict[0] == "killed" else code


def sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def check_entry(rel, entry, full, st, problems):
    kind = entry.get("type")
    if kind == "file":
        mode = entry.get("mode")
        mode = int(mode, 8) if isinstance(mode, str) else mode
        if not stat.S_ISREG(st.st_mode):
            problems.append("%s: not a regular file" % rel)
        elif entry.get("size") != st.st_size:
            problems.append("%s: size %d, manifest says %s" % (rel, st.st_size, entry.get("size")))
        elif sha256_file(full) != entry.get("sha256"):
            problems.append("%s: sha256 does not match the manifest" % rel)
        elif mode is not None and bool(int(mode) & 0o111) != bool(st.st_mode & 0o111):
            problems.append("%s: executable bit does not match the manifest" % rel)
    elif kind == "dir":
        if not stat.S_ISDIR(st.st_mode):
            problems.append("%s: not a directory" % rel)
    elif kind == "symlink":
        if not stat.S_ISLNK(st.st_mode):
            problems.append("%s: not a symlink" % rel)
        elif "target" in entry and os.readlink(full) != entry["target"]:
            problems.append("%s: symlink target does not match the manifest" % rel)
    else:
        problems.append("%s: unknown manifest type %r" % (rel, kind))


def extract_limit(path):
    """Bytes an archive may extract to: EXTRACT_MAX, or less when the disk has less to spare.
    SPOT_DEPLOY_EXTRACT_MAX (the process's own environment, like SPOT_DEPLOY_ROOT) lowers it."""
    top = EXTRACT_MAX
    if os.environ.get("SPOT_DEPLOY_EXTRACT_MAX", "").isdigit():
        top = min(top, int(os.environ["SPOT_DEPLOY_EXTRACT_MAX"]))
    try:
        st = os.statvfs(path)
        return max(0, min(top, st.f_bavail * st.f_frsize - EXTRACT_RESERVE))
    except OSError:
        return top


def member_path(member, seen, links):
    """The member's relative path, or Failed for anything the builder never writes."""
    name = member.name
    while name.startswith("./"):
        name = name[2:]
    name = name.rstrip("/")
    parts = name.split("/")
    if name in ("", ".") and member.isdir():
        return None  # `tar -C dir .` writes the root itself
    if member.name.startswith("/") or any(p in ("", ".", "..") for p in parts):
        raise Failed("archive member %r: not a relative path inside the release" % member.name)
    if name in seen:
        raise Failed("archive member %r: appears twice" % name)
    if not (member.isreg() or member.isdir() or member.issym()) or member.issparse():
        raise Failed("archive member %r: only files, directories and symlinks are allowed" % name)
    if name == ".spot-deploy" and not member.isdir():
        raise Failed("archive member .spot-deploy: must be a directory, not a link or file")
    if any("/".join(parts[:i]) in links for i in range(1, len(parts))):
        raise Failed("archive member %r: goes through a symlink in the archive" % name)
    bad = member.mode & BAD_MODE_BITS or (member.mode & 0o002 and not member.issym())
    if bad:
        raise Failed("archive member %r: mode %04o is setuid, setgid, sticky or world-writable"
                     % (name, member.mode))
    return name


def extract(agent, src, staging):
    """Extract the archive streamed on `src` into an empty `staging` (0700 while it fills),
    refusing what the builder never writes before it is written: absolute or `..` paths,
    hard links, devices, setuid/setgid/sticky or world-writable modes, a `.spot-deploy` that is
    not a directory, a path through a symlink, and more bytes than extract_limit()."""
    shutil.rmtree(staging, ignore_errors=True)  # the bootstrap put only the agent there
    os.mkdir(staging, 0o700)
    limit, total, seen, links, dirs = extract_limit(staging), 0, set(), set(), []
    try:
        with tarfile.open(fileobj=src, mode="r|gz") as tar:
            for member in tar:
                name = member_path(member, seen, links)
                if name is None:
                    continue
                seen.add(name)
                full = os.path.join(staging, name)
                total += max(0, member.size)
                if total > limit:
                    raise Failed("the archive extracts to more than %d bytes (the limit: at most "
                                 "%d, and the free space less %d), stopped at %r" % (
                                     limit, EXTRACT_MAX, EXTRACT_RESERVE, name))
                if member.isdir():
                    os.makedirs(full, 0o700, exist_ok=True)
                    dirs.append((full, member))
                elif member.issym():
                    os.symlink(member.linkname, full)
                    links.add(name)
                else:
                    os.makedirs(os.path.dirname(full), 0o700, exist_ok=True)
                    copy_member(tar.extractfile(member), full, member, total - member.size, limit)
    except (tarfile.TarError, EOFError, zlib.error, OSError) as e:
        raise Failed("the archive does not extract: %s" % e)
    for full, member in reversed(dirs):  # children first: setting a mode must not lock us out
        os.chmod(full, member.mode & 0o777)
        os.utime(full, (member.mtime, member.mtime))
    os.chmod(staging, 0o755)
    agent.log("extracted %d entries, %d bytes" % (len(seen), total))


def copy_member(data, full, member, before, limit):
    """Write one file, counting the bytes actually written (never trusting the header alone)."""
    fd = os.open(full, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    written = 0
    with os.fdopen(fd, "wb") as out:
        for chunk in iter(lambda: data.read(1 << 20), b""):
            written += len(chunk)
            if written > member.size or before + written > limit:
                raise Failed("archive member %r: more data than its header says" % member.name)
            out.write(chunk)
        os.fchmod(out.fileno(), member.mode & 0o777)
    if written != member.size:
        raise Failed("archive member %r: %d bytes, its header says %d"
                     % (member.name, written, member.size))
    os.utime(full, (member.mtime, member.mtime))


def verify(root):
    """Raise Failed unless the tree at root is exactly what its manifest lists."""
    meta, manifest = os.path.join(root, ".spot-deploy"), os.path.join(root, MANIFEST)
    if os.path.islink(meta) or not os.path.isfile(manifest) or os.path.islink(manifest):
        raise Failed("missing %s" % MANIFEST)
    try:
        with open(manifest, "rb") as f:
            doc = json.loads(f.read().decode("utf-8"))
        entries = doc["files"]
        if doc.get("version") != 1 or not isinstance(entries, list):
            raise ValueError("expected version 1 and a files list")
    except (ValueError, KeyError, TypeError) as e:
        raise Failed("unreadable manifest: %s" % e)
    problems, listed = [], {}
    for entry in entries:
        rel = entry.get("path") if isinstance(entry, dict) else None
        parts = rel.split("/") if isinstance(rel, str) else [""]
        if any(p in ("", ".", "..") for p in parts) or rel in listed or rel == MANIFEST:
            problems.append("bad manifest entry: %r" % (rel,))
        else:
            listed[rel] = entry
    implied = set()  # parent directories tar creates even when the archive has no entry for them
    for rel in list(listed) + [MANIFEST]:
        parts = rel.split("/")
        implied.update("/".join(parts[:i]) for i in range(1, len(parts)))
    real_root, found = os.path.realpath(root), {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            full = os.path.join(dirpath, name)
            found[os.path.relpath(full, root).replace(os.sep, "/")] = full
    for rel in sorted(found):
        full = found[rel]
        st = os.lstat(full)
        if not (stat.S_ISREG(st.st_mode) or stat.S_ISDIR(st.st_mode) or stat.S_ISLNK(st.st_mode)):
            problems.append("%s: not a regular file, directory or symlink" % rel)
        elif not stat.S_ISLNK(st.st_mode) and st.st_mode & (BAD_MODE_BITS | 0o002):
            problems.append("%s: mode %04o is setuid, setgid, sticky or world-writable"
                            % (rel, stat.S_IMODE(st.st_mode)))
        elif stat.S_ISLNK(st.st_mode) and not (
                os.path.realpath(full) + os.sep).startswith(real_root + os.sep):
            problems.append("%s: symlink escapes the release (-> %s)" % (rel, os.readlink(full)))
        elif rel in listed:
            try:
                check_entry(rel, listed[rel], full, st, problems)
            except (ValueError, TypeError) as e:
                problems.append("%s: bad manifest entry (%s)" % (rel, e))
        elif rel in implied:
            if not stat.S_ISDIR(st.st_mode):
                problems.append("%s: not a directory" % rel)
        elif rel != MANIFEST:
            problems.append("%s: not in the manifest" % rel)
    problems.extend("%s: missing" % rel for rel in sorted(set(listed) - set(found)))
    if problems:
        raise Failed("manifest check failed:\n  " + "\n  ".join(problems[:50]))


def plan_units(release):
    """Names of the release's systemd/ units, or Failed if anything there is not a unit file."""
    units_dir = os.path.join(release, "systemd")
    if not os.path.isdir(units_dir):
        return []
    names = sorted(os.listdir(units_dir))
    bad = [n for n in names if not UNIT_NAME.fullmatch(n) or n in RESERVED_UNITS
           or not os.path.isfile(os.path.join(units_dir, n))]
    if bad:
        raise Failed("invalid entries in systemd/: %s (each must be a file named like "
                     "NAME.service|timer|socket|path|target|mount, NAME of [A-Za-z0-9@._-]; "
                     "spot-deploy.* and spot-deploy-watcher.service are reserved)"
                     % ", ".join(bad))
    return names


def image_units(names):
    """Those of `names` the image already has: a unit file (or alias) in UNIT_DIR that this
    agent did not install, or one in a directory of systemd's own. Installing over one would
    replace it (ssh.service), and a later release without it would stop and delete it."""
    ours = read_json(UNITS_RECORD, {}).get("units") or []
    clash = []
    for name in names:
        dirs = IMAGE_UNIT_DIRS if name in ours else (UNIT_DIR,) + IMAGE_UNIT_DIRS
        found = [d for d in dirs if os.path.lexists(os.path.join(d, name))]
        if found:
            clash.append("%s (%s)" % (name, os.path.join(found[0], name)))
    return clash


def check_units(staging):
    """check-units: the release's unit names, refusing bad entries and the image's own units."""
    names = plan_units(staging)
    clash = image_units(names)
    if clash:
        raise Failed("the image already has these units: %s; a bundle unit must not replace one "
                     "(rename it, or configure the image's unit with a drop-in from setup.sh)"
                     % ", ".join(clash))
    return names


def place(agent, staging):
    """Move staging to releases/<sha>, replacing a leftover copy unless it is the current one."""
    if os.path.isdir(agent.release):
        if os.path.realpath(CURRENT) == os.path.realpath(agent.release):
            agent.log("release is already current: reusing it")
            shutil.rmtree(staging)
            return
        trash = os.path.join(RELEASES, ".trash-%s-%d" % (agent.sha, os.getpid()))
        os.rename(agent.release, trash)
        shutil.rmtree(trash, ignore_errors=True)
    os.rename(staging, agent.release)
    os.utime(agent.release, None)  # mtime = activation time, used for pruning


ENV_BLANKS = " \t"  # what systemd trims around keys and values (not str.strip()'s Unicode spaces)
ENV_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f]")


def read_env_line(line):
    """One env-file line as (key, value), None to skip it, or a reason it is ignored.

    The same rule as the action's src/inputs/env.ts (readEnvLine), which refuses at input what
    this ignores: a value with a backslash, a control character, or a quote that does not wrap
    it once is read differently by systemd's EnvironmentFile= (escapes, continuations, `"a"b`),
    so no line both readers could disagree on is ever used.
    """
    if line.endswith("\r"):
        line = line[:-1]
    lead = line.strip(ENV_BLANKS)
    if not lead or lead[0] in "#;":
        return None
    key, sep, value = line.partition("=")
    key, value = key.strip(ENV_BLANKS), value.strip(ENV_BLANKS)
    if not sep or not ENV_KEY.fullmatch(key):
        return "not KEY=value"
    if ENV_CONTROL.search(value) or "\\" in value:
        return "a backslash or control character in the value of %s" % key
    quote = value[:1]
    if len(value) >= 2 and quote in ("\"", "'") and value[-1] == quote and quote not in value[1:-1]:
        return key, value[1:-1]  # one pair of quotes, as systemd's EnvironmentFile= removes
    if value[:1] in ("\"", "'") or value[-1:] in ("\"", "'"):
        return "a quote that does not wrap the value of %s once" % key
    return key, value


def load_env(agent, release, sha):
    env = dict(os.environ)
    if os.path.isfile(ENV_FILE):
        with open(ENV_FILE, "rb") as f:
            lines = f.read().decode("utf-8", "replace").split("\n")
        for number, line in enumerate(lines, 1):
            pair = read_env_line(line)
            if isinstance(pair, str):
                agent.log("%s line %d ignored: %s" % (ENV_FILE, number, pair))
            elif pair is not None:
                env[pair[0]] = pair[1]
    env["SPOT_DEPLOY_RELEASE"] = release
    env["SPOT_DEPLOY_SHA256"] = sha
    return env


def run_setup(agent, env):
    if not os.path.isfile(os.path.join(agent.release, "setup.sh")):
        agent.log("no setup.sh")
        return
    timeout = seconds(env, "SPOT_DEPLOY_SETUP_TIMEOUT", 900)
    code = agent.run(["/bin/sh", "setup.sh"], timeout=timeout, cwd=agent.release, env=env)
    if code is None:
        raise Failed("setup.sh timed out after %g s (SPOT_DEPLOY_SETUP_TIMEOUT)" % timeout)
    if code != 0:
        raise Failed("setup.sh exited with status %d" % code)


def switch_current(agent, release):
    tmp = "%s.tmp-%d" % (CURRENT, os.getpid())
    if os.path.lexists(tmp):
        os.remove(tmp)
    os.symlink(release, tmp)
    os.replace(tmp, CURRENT)
    agent.log("current -> " + release)


def install_units(agent, release, sha, names, also_installed=()):
    """Make the unit dir hold exactly `names` from release/systemd/ (the units we installed
    before and `also_installed` that are not among them are stopped, disabled and removed)."""
    previous = read_json(UNITS_RECORD, {}).get("units") or []
    previous = set(u for u in list(previous) + list(also_installed)
                   if isinstance(u, str) and UNIT_NAME.fullmatch(u))
    # Recorded before any file is written: a run that dies half-way leaves units that the next
    # check-units knows as ours (not the image's), and the next install removes if dropped.
    write_atomic(UNITS_RECORD, json.dumps({"sha256": sha, "units": sorted(
        previous | set(names))}) + "\n")
    removed = sorted(previous - set(names))
    for unit in removed:
        agent.log("removing unit %s (not in release %s)" % (unit, sha[:12]))
        agent.systemctl("stop", unit)
        agent.systemctl("disable", unit)
        if os.path.lexists(os.path.join(UNIT_DIR, unit)):
            os.remove(os.path.join(UNIT_DIR, unit))
    os.makedirs(UNIT_DIR, exist_ok=True)
    changed = []
    for unit in names:
        dest = os.path.join(UNIT_DIR, unit)
        with open(os.path.join(release, "systemd", unit), "rb") as f:
            content = f.read()
        if unit in previous and os.path.isfile(dest) and not os.path.islink(dest):
            with open(dest, "rb") as f:
                if f.read() == content:
                    continue
        tmp = "%s.tmp-%d" % (dest, os.getpid())
        with open(tmp, "wb") as f:
            f.write(content)
        os.chmod(tmp, 0o644)
        os.replace(tmp, dest)
        changed.append(unit)
        agent.log("installed " + dest)
    write_atomic(UNITS_RECORD, json.dumps({"sha256": sha, "units": names}) + "\n")
    watcher = stage_watcher(agent)  # its unit file shares this daemon-reload
    # daemon-reload and enable cost seconds on a small instance: a redeploy whose unit files are
    # byte-identical to the ones this agent installed and enabled before skips both.
    if not changed and not removed and not watcher:
        agent.log("unit files unchanged: no daemon-reload")
        return
    if not agent.systemctl("daemon-reload"):
        if watcher:
            drop_watcher_unit(agent, "systemctl daemon-reload failed")
        raise Failed("systemctl daemon-reload failed")
    if watcher and not agent.systemctl("enable", WATCHER):
        drop_watcher_unit(agent, "systemctl enable %s failed" % WATCHER)
    for unit in changed:
        with open(os.path.join(UNIT_DIR, unit), "rb") as f:
            has_install = re.search(br"^\s*\[Install\]\s*$", f.read(), re.M)
        if has_install and not agent.systemctl("enable", unit):
            raise Failed("systemctl enable %s failed" % unit)


def start_units(agent, names):
    failed = []
    for kind, verb in START:  # sockets before their services, timers and paths after
        for unit in (n for n in names if n.endswith("." + kind)):
            if not agent.systemctl(verb, unit):
                failed.append(unit)
                agent.run(["systemctl", "status", "--no-pager", "-n", "20", unit])
    if failed:
        raise Failed("failed to start: " + ", ".join(failed))


def take_health_deadline():
    """The epoch second by which the runner needs the health check's verdict, or None; removed
    once read, since it belongs to the delivery that wrote it."""
    try:
        with open(HEALTH_DEADLINE, "rb") as f:
            value = float(f.read().decode("ascii", "replace").strip())
    except (OSError, ValueError):
        value = None
    try:
        os.remove(HEALTH_DEADLINE)
    except OSError:
        pass
    return value


def health_check(agent, env, release, until=None):
    """The instance's one health-check command (per instance, not per release), run in release.
    It gets SPOT_DEPLOY_HEALTH_TIMEOUT (300 s) but never past `until` (epoch seconds, from the
    runner's ready-timeout): the runner would stop waiting before the verdict."""
    if not os.path.isfile(HEALTH_CHECK):
        return
    with open(HEALTH_CHECK, "rb") as f:
        command = f.read().decode("utf-8", "replace").strip()
    if not command:
        return
    timeout, bound = seconds(env, "SPOT_DEPLOY_HEALTH_TIMEOUT", 300), ""
    left = None if until is None else until - time.time()
    if left is not None and left < timeout:
        timeout, bound = max(1.0, float(int(left))), "the time ready-timeout left; "
        agent.log("health check bounded to %g s by ready-timeout" % timeout)
    deadline = time.monotonic() + timeout
    while True:
        left = max(1.0, deadline - time.monotonic())
        code = agent.run(["/bin/sh", "-c", command], timeout=left, cwd=release, env=env)
        if code == 0:
            return
        if time.monotonic() >= deadline:
            raise Failed("health check did not pass within %g s (%slast exit status %s)"
                         % (timeout, bound, "timeout" if code is None else code))
        time.sleep(min(2.0, max(0.0, deadline - time.monotonic())))


def prune(agent, ready):
    """Keep current and the KEEP_READY newest other ready releases; record those as ready."""
    cur = current_sha()
    keep = set([cur] + [s for s in ready if s != cur][:KEEP_READY])
    ready = [s for s in ready if s in keep]
    write_atomic(READY_RECORD, json.dumps({"ready": ready}) + "\n")
    for name in sorted(os.listdir(RELEASES)):
        path = os.path.join(RELEASES, name)
        if SHA.fullmatch(name) and name not in keep and not os.path.islink(path):
            agent.log("pruning " + path)
            shutil.rmtree(path, ignore_errors=True)
    for name in os.listdir(ENV_SNAPSHOTS) if os.path.isdir(ENV_SNAPSHOTS) else []:
        if name not in keep:
            os.remove(os.path.join(ENV_SNAPSHOTS, name))
    return ready


def snapshot_env(agent, sha):
    """Keep the env file this release became ready with (0600): a rollback puts it back too."""
    os.makedirs(ENV_SNAPSHOTS, mode=0o700, exist_ok=True)
    try:
        with open(ENV_FILE, "rb") as f:
            text = f.read().decode("utf-8", "replace")
    except OSError:
        text = None  # no env file: a rollback to this release removes the one it finds
    path = os.path.join(ENV_SNAPSHOTS, sha)
    fd = os.open(path + ".tmp", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(json.dumps({"env": text}))
    os.replace(path + ".tmp", path)


def restore_env(agent, sha):
    doc = read_json(os.path.join(ENV_SNAPSHOTS, sha), None)
    if doc is None:
        agent.log("no env snapshot of %s: %s left as it is" % (sha[:12], ENV_FILE))
        return
    text = doc.get("env")
    if not isinstance(text, str):
        if os.path.lexists(ENV_FILE):
            os.remove(ENV_FILE)
        agent.log("%s had no env file: removed" % sha[:12])
        return
    os.makedirs(os.path.dirname(ENV_FILE), exist_ok=True)
    fd = os.open(ENV_FILE + ".tmp", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(text)
    os.chmod(ENV_FILE + ".tmp", 0o600)
    os.replace(ENV_FILE + ".tmp", ENV_FILE)
    agent.log("env file of %s restored" % sha[:12])


def rearm_ttl(agent):
    """Shut down ttl-minutes from now. logind keeps one scheduled shutdown, so this replaces the
    one cloud-init's `shutdown -P +N` set at boot (or an earlier re-arm); 0 cancels it. Never
    fails the run: a release that is healthy stays reported as such."""
    try:
        with open(TTL_FILE, "rb") as f:
            text = f.read().decode("ascii", "replace").strip()
    except OSError:
        agent.log("no %s: shutdown schedule left as it is" % TTL_FILE)
        return
    if not text.isdigit() or len(text) > 7:
        agent.log("%s holds %r, not whole minutes: shutdown schedule left as it is"
                  % (TTL_FILE, text[:20]))
        return
    minutes = int(text)
    argv = ["shutdown", "-c"] if minutes == 0 else ["shutdown", "-P", "+%d" % minutes]
    try:
        code = agent.run(argv, timeout=30)
    except OSError as e:
        code = e
    if code != 0:
        agent.log("re-arming the shutdown failed (ignored): %s" % (
            "timed out" if code is None else code))
    elif minutes == 0:
        agent.log("ttl-minutes is 0: scheduled shutdown cancelled")
    else:
        at = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 60 * minutes))
        agent.log("shutdown re-armed: power-off at %s (ttl-minutes %d from now)" % (at, minutes))


def watcher_unit():
    """spot-deploy-watcher.service: the interpreter running this agent (a path), else python3."""
    python = sys.executable if os.path.isabs(sys.executable or "") else None
    python = python or shutil.which("python3") or "python3"  # a bare name: systemd >= 239 finds it
    return ("[Unit]\nDescription=spot-deploy interruption watcher (docs/architecture.md)\n"
            "After=network.target\n[Service]\nExecStart=%s %s\nRestart=always\nRestartSec=5\n"
            "[Install]\nWantedBy=multi-user.target\n" % (python, WATCHER_EXEC))


def write_if_changed(path, content, mode):
    """Whether path had to be (re)written with content (atomically, root's, `mode`)."""
    try:
        with open(path, "rb") as f:
            if f.read() == content:
                return False
    except OSError:
        pass
    tmp = "%s.tmp-%d" % (path, os.getpid())
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, mode)
    with os.fdopen(fd, "wb") as f:
        f.write(content)
    os.chmod(tmp, mode)
    os.replace(tmp, path)
    return True


def stage_watcher(agent):
    """Copy watcher.py and agent.py from agent.code_dir (the running agent's own, verified
    .spot-deploy/) into WATCHER_DIR and write the watcher's unit file. Whether the unit file
    changed (it then needs daemon-reload and enable). Never fails the run."""
    try:
        os.makedirs(WATCHER_DIR, mode=0o755, exist_ok=True)
        for name in WATCHER_FILES:
            with open(os.path.join(agent.code_dir, name), "rb") as f:
                write_if_changed(os.path.join(WATCHER_DIR, name), f.read(), 0o644)
        os.makedirs(UNIT_DIR, exist_ok=True)
        return write_if_changed(WATCHER_UNIT, watcher_unit().encode("utf-8"), 0o644)
    except OSError as e:
        agent.log("the interruption watcher was not installed (ignored): %s" % e)
        return False


def drop_watcher_unit(agent, why):
    """A unit file systemd never took: removed, so the next run writes, reloads and enables it."""
    agent.log("the interruption watcher is not enabled (ignored): %s" % why)
    try:
        os.remove(WATCHER_UNIT)
    except OSError:
        pass


def start_watcher(agent):
    """After a run that leaves a release serving: restart the watcher, so it runs the code just
    staged and reads the env file now in place. Installs it first when install_units did not (a
    no-op redeploy). Never fails the run: a healthy release stays reported as such."""
    if stage_watcher(agent):
        if not agent.systemctl("daemon-reload"):
            return drop_watcher_unit(agent, "systemctl daemon-reload failed")
        if not agent.systemctl("enable", WATCHER):
            return drop_watcher_unit(agent, "systemctl enable %s failed" % WATCHER)
    if not agent.systemctl("restart", WATCHER):
        agent.log("the interruption watcher did not start (ignored): systemctl restart %s failed"
                  % WATCHER)


def restore(agent, target, also_installed):
    """Put ready release `target` back: current, its own unit files, start, health check."""
    release = os.path.join(RELEASES, target)
    agent.begin("rollback")
    t0 = time.monotonic()
    agent.log("rolling back to %s" % target)
    units = plan_units(release)
    switch_current(agent, release)
    restore_env(agent, target)
    agent.log("rollback: install-units")
    install_units(agent, release, target, units, also_installed)
    agent.log("rollback: start")
    start_units(agent, units)
    agent.log("rollback: units of %s active after %d ms" % (
        target[:12], (time.monotonic() - t0) * 1000))
    agent.log("rollback: health-check")
    health_check(agent, load_env(agent, release, target), release)
    return int((time.monotonic() - t0) * 1000)


def activate(agent, staging, previous, ready, archive=None):
    until = take_health_deadline()
    agent.begin("verify")
    if archive is not None:  # streamed by the bootstrap; an older one extracted with tar itself
        extract(agent, archive, staging)
    verify(staging)
    agent.log("manifest verified")
    if current_sha() == agent.sha and ready[:1] == [agent.sha]:
        agent.log("release already ready: nothing to do")
        shutil.rmtree(staging)
        rearm_ttl(agent)
        start_watcher(agent)
        if previous.get("sha256") == agent.sha and previous.get("state") == "ready":
            previous["current"] = agent.sha
            write_atomic(STATUS, json.dumps(previous, indent=2) + "\n")
        else:  # e.g. after a rollback to this release: its own status says ready
            report_ready(agent)
        return
    agent.begin("check-units")  # before anything moves: a bad systemd/ leaves all as it was
    agent.units = check_units(staging)
    agent.begin("move")
    place(agent, staging)
    agent.begin("setup")
    env = load_env(agent, agent.release, agent.sha)
    run_setup(agent, env)
    agent.begin("switch")
    switch_current(agent, agent.release)
    agent.switched = True
    agent.begin("install-units")  # after the switch: current points at this release
    install_units(agent, agent.release, agent.sha, agent.units)
    agent.begin("start")
    start_units(agent, agent.units)
    agent.begin("health-check")
    health_check(agent, env, agent.release, until)
    snapshot_env(agent, agent.sha)
    agent.begin("prune")
    try:
        prune(agent, [agent.sha] + [s for s in ready if s != agent.sha])
    except OSError as e:
        agent.log("pruning failed (ignored): %s" % e)
    rearm_ttl(agent)
    start_watcher(agent)
    agent.log("release %s is ready" % agent.sha)
    report_ready(agent)


def report_ready(agent, **extra):
    agent.step = "done"
    agent.write_status("ready", **extra)


def roll_back_after_failure(agent, ready):
    """A release failed: drop it, and when current had moved put the newest ready one back."""
    failed_step, failed_lines = agent.step, list(agent.step_lines)
    ready = [s for s in ready if s != agent.sha]  # whatever it was before, it failed now
    target = ready[0] if agent.switched and ready else None
    if agent.switched and target is None:
        agent.log("no earlier ready release on this instance: %s stays current" % agent.sha[:12])
    if target is None:
        safe_prune(agent, ready)
        agent.step = failed_step
        agent.write_status("failed")
        return EXIT_FAILED
    try:
        took = restore(agent, target, agent.units)
    except Exception as e:  # Failed or not: never report a broken rollback as anything else
        detail = str(e) if isinstance(e, Failed) else traceback.format_exc()
        agent.log("ROLLBACK to %s FAILED: %s" % (target, detail))
        safe_prune(agent, [s for s in ready if s != target])
        agent.step = failed_step
        agent.write_status("rollback-failed", joined_tail(failed_lines, agent.step_lines),
                           rolledBackTo=target, error="rollback to %s failed: %s" % (
                               target[:12], str(e) if isinstance(e, Failed) else repr(e)))
        return EXIT_FAILED
    start_watcher(agent)  # from the failed release's .spot-deploy/, before it is pruned
    safe_prune(agent, [target] + [s for s in ready if s != target])
    rearm_ttl(agent)
    agent.log("rolled back to %s in %d ms: it serves again" % (target, took))
    agent.step = failed_step
    agent.write_status("rolled-back", joined_tail(failed_lines, agent.step_lines),
                       rolledBackTo=target, rollbackMs=took)
    return EXIT_FAILED


def joined_tail(failed_lines, rollback_lines):
    """The failed step's tail and the rollback's, each with its own share of the budget."""
    return tail(failed_lines, 24, 2400) + "\n" + tail(rollback_lines, 16, TAIL_BYTES - 2401)


def safe_prune(agent, ready):
    try:
        return prune(agent, ready)
    except OSError as e:
        agent.log("pruning failed (ignored): %s" % e)
        return ready


def lock_agent():
    """One agent at a time (deploys from the bootstrap, rollbacks over SSH); held until exit."""
    # State and log are root's: status.json and agent.log carry setup output. The state dir stays
    # searchable (0711) because the login user uploads into its incoming/ (owned by that user).
    for d, mode in ((RELEASES, 0o755), (STATE_DIR, 0o711), (os.path.dirname(LOG_FILE), 0o700)):
        os.makedirs(d, mode=mode, exist_ok=True)
        os.chmod(d, mode)
    for f in (STATUS, LOG_FILE, UNITS_RECORD, READY_RECORD):  # left 0644 by an older agent
        if os.path.isfile(f) and not os.path.islink(f):
            os.chmod(f, 0o600)
    lock = os.fdopen(os.open(LOCK_FILE, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW,
                             0o600), "a")
    fcntl.flock(lock, fcntl.LOCK_EX)
    return lock


def rollback_main(args):
    """`agent.py rollback [<sha256>]`: switch to a kept ready release; nothing moves otherwise."""
    if len(args) > 1 or (args and not SHA.fullmatch(args[0])):
        sys.stderr.write("usage: agent.py rollback [<sha256>]\n")
        return EXIT_USAGE
    lock = lock_agent()
    here = os.path.dirname(os.path.realpath(__file__))  # a release that pruning may remove
    previous = read_json(STATUS, {})
    ready, cur, wanted = read_ready(previous), current_sha(), (args[0] if args else None)
    others = [s for s in ready if s != cur]
    target = (wanted if wanted in ready else None) if wanted else (others[0] if others else None)
    agent = Agent(target or wanted or cur or "")
    agent.code_dir = here  # not the target's: it may predate the watcher
    agent.begin("rollback")
    if target is None:
        kept = ", ".join(s[:12] for s in ready) or "none"
        agent.log(("release %s is not a ready release kept on this instance" % wanted
                   if wanted else "no ready release other than the current one is kept here")
                  + " (ready here: %s): nothing changed" % kept)
        agent.write_status("failed", rolledBackFrom=cur)
        lock.close()
        return EXIT_FAILED
    if target == cur:
        agent.log("release %s is already current and ready: nothing to do" % target)
        took = 0
    else:
        units = (read_json(UNITS_RECORD, {}).get("units") or []) if cur else []
        try:
            took = restore(agent, target, units)
        except Exception as e:
            detail = str(e) if isinstance(e, Failed) else traceback.format_exc()
            agent.log("ROLLBACK to %s FAILED: %s" % (target, detail))
            safe_prune(agent, [s for s in ready if s != target])
            agent.write_status("rollback-failed", tail(agent.run_lines), rolledBackTo=target,
                               rolledBackFrom=cur, error="rollback to %s failed: %s" % (
                                   target[:12], str(e) if isinstance(e, Failed) else repr(e)))
            lock.close()
            return EXIT_FAILED
    start_watcher(agent)
    safe_prune(agent, [target] + [s for s in ready if s != target])
    rearm_ttl(agent)
    agent.log("rolled back from %s to %s in %d ms" % ((cur or "nothing")[:12], target[:12], took))
    report_ready(agent, rolledBackFrom=cur)
    lock.close()
    return EXIT_OK


def keep_watcher(agent):
    """The watcher as a no-op redeploy leaves it, without the restart while it runs (its code and
    env file are the ones it started with): a unit an earlier run dropped (drop_watcher_unit) is
    written, reloaded and enabled again, and a watcher that is not active is started."""
    if os.path.isfile(WATCHER_UNIT) and agent.systemctl("is-active", "--quiet", WATCHER):
        return
    start_watcher(agent)


def unchanged_main(args):
    """`agent.py unchanged`: the upkeep of a no-op redeploy for an upload that found the release
    unchanged and sent nothing: the TTL re-armed (it follows activity) and the watcher kept.
    Changes nothing else: status, current and the release's units stay as they are."""
    if args:
        sys.stderr.write("usage: agent.py unchanged\n")
        return EXIT_USAGE
    lock = lock_agent()
    try:
        agent = Agent(current_sha() or "")
        rearm_ttl(agent)
        if agent.code_dir is not None:
            keep_watcher(agent)
    finally:
        lock.close()
    return EXIT_OK


def main(argv):
    if len(argv) >= 2 and argv[1] == "rollback":
        return rollback_main(argv[2:])
    if len(argv) >= 2 and argv[1] == "unchanged":
        return unchanged_main(argv[2:])
    if (len(argv) not in (3, 4) or not SHA.fullmatch(argv[1]) or not os.path.isdir(argv[2])
            or argv[3:] not in ([], ["-"])):
        sys.stderr.write("usage: agent.py <sha256> <staging-dir> [-] | "
                         "agent.py rollback [<sha256>] | agent.py unchanged\n")
        return EXIT_USAGE
    sha, staging = argv[1], os.path.abspath(argv[2])
    lock = lock_agent()
    previous = read_json(STATUS, {})
    ready = read_ready(previous)
    agent = Agent(sha)
    try:
        activate(agent, staging, previous, ready, sys.stdin.buffer if argv[3:] else None)
        return EXIT_OK
    except Failed as e:
        agent.log("FAILED at step %s: %s" % (agent.step, e))
    except Exception:  # report anything unexpected as a failed step, never leave "activating"
        agent.log("FAILED at step %s:\n%s" % (agent.step, traceback.format_exc()))
    finally:
        if os.path.isdir(staging):
            shutil.rmtree(staging, ignore_errors=True)
    code = roll_back_after_failure(agent, ready)
    lock.close()
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv))
