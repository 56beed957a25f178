// The remote scripts as strings and the readers of their output (no SSH: sshd.test.ts runs them).
import { describe, expect, it } from 'vitest';
import { SCRIPT_EXIT } from '../../../src/instance/contract.js';
import {
  activationScript,
  cleanDiagnostics,
  configureScript,
  DEFAULT_REMOTE,
  healthCheckScript,
  shq,
} from '../../../src/ssh/remote-scripts.js';
import { HAVE_END, HAVE_MARK } from '../../../src/ssh/have.js';
import { UPLOADED_MARK, uploadScript } from '../../../src/ssh/upload-script.js';
import { parseActivation } from '../../../src/ssh/activation-result.js';

const SHA = 'a'.repeat(64);
const MARK = '__SPOT_DEPLOY_STATUS__';
const status = (doc: object, rc = 0) => `${MARK} ${rc}\n${JSON.stringify(doc)}\n`;

describe('uploadScript and activationScript', () => {
  it('exit with the contract codes', () => {
    expect(uploadScript(DEFAULT_REMOTE, SHA, 10)).toContain(`|| exit ${SCRIPT_EXIT.prepare}`);
    const script = activationScript(DEFAULT_REMOTE, SHA, 10, {
      healthCheck: 'curl -f localhost',
      ttlMinutes: 240,
    });
    for (const code of [
      SCRIPT_EXIT.uploadVerify,
      SCRIPT_EXIT.env,
      SCRIPT_EXIT.ttlConfig,
      SCRIPT_EXIT.healthCheckConfig,
      SCRIPT_EXIT.rename,
    ])
      expect(script).toContain(`exit ${code}`);
    expect(script).toContain("'/var/lib/spot-deploy/incoming/.");
    expect(script).toContain('systemctl start spot-deploy.service');
    expect(script).toContain("cat '/var/lib/spot-deploy/status.json'");
  });

  /** The privileged script's lines (configureScript), in order. */
  const lines = (config: Parameters<typeof activationScript>[3]) =>
    configureScript(DEFAULT_REMOTE, config).split('\n');
  const indexOf = (ls: string[], needle: string) => ls.findIndex((l) => l.includes(needle));

  it('writes as root in one sudo (two with a health check), after the verification and before the rename', () => {
    const full = { healthCheck: 'curl -f localhost', ttlMinutes: 240, healthDeadlineSeconds: 60 };
    for (const [config, privileged] of [
      [{}, 3],
      [{ ttlMinutes: 5 }, 3],
      [{ healthCheck: '' }, 3],
      [full, 4],
    ] as const) {
      const script = activationScript(DEFAULT_REMOTE, SHA, 10, config);
      // The privileged script spans lines inside its quotes: found whole, in the whole text.
      const call = `sudo -n sh -c ${shq(configureScript(DEFAULT_REMOTE, config))}\n`;
      const at = script.indexOf(call);
      expect(at).toBeGreaterThan(script.indexOf(`exit ${SCRIPT_EXIT.uploadVerify}`));
      expect(at).toBeLessThan(script.indexOf('mv -f'));
      // Its own failures keep their codes; sudo's own (refused, no shell) are the env file's.
      expect(
        script
          .slice(at + call.length)
          .split('\n')
          .slice(0, 2),
      ).toEqual([
        'rc=$?',
        `case $rc in 0) ;; ${SCRIPT_EXIT.ttlConfig}|${SCRIPT_EXIT.healthCheckConfig}) exit $rc ;; *) exit ${SCRIPT_EXIT.env} ;; esac`,
      ]);
      // This one (and the health check's), the start and the status read: was up to eight.
      const sudos = script.split('\n').filter((l) => l.includes('sudo -n '));
      expect(sudos).toHaveLength(privileged);
    }
    // Root needs no sudo: the same script, run by the login shell.
    const root = { ...DEFAULT_REMOTE, sudo: '' };
    expect(activationScript(root, SHA, 10, full)).toContain(
      `\nsh -c ${shq(configureScript(root, full))}\nrc=$?\n`,
    );
    expect(configureScript(DEFAULT_REMOTE, full)).not.toContain('sudo');
  });

  it("keeps the health check's text off every privileged command line (sudo logs those)", () => {
    const check = "curl -fsS -H 'X-Probe: 1' localhost:8080/health";
    const script = activationScript(DEFAULT_REMOTE, SHA, 10, {
      healthCheck: check,
      healthDeadlineSeconds: 110,
    });
    for (const s of [
      configureScript(DEFAULT_REMOTE, { healthCheck: check }),
      healthCheckScript(DEFAULT_REMOTE, 110),
    ])
      expect(s).not.toContain('X-Probe');
    // It reaches the privileged shell on stdin, from the shell's own printf, before the rename.
    const line = `printf '%s\\n' ${shq(check)} | sudo -n sh -c ${shq(healthCheckScript(DEFAULT_REMOTE, 110))} || exit ${SCRIPT_EXIT.healthCheckConfig}`;
    const at = script.indexOf(line);
    expect(at).toBeGreaterThan(script.indexOf('rc=$?'));
    expect(at).toBeLessThan(script.indexOf('mv -f'));
  });

  it('writes the env file on every run, from stdin, even with no env (replaced as a whole)', () => {
    const exit = `|| exit ${SCRIPT_EXIT.env}`;
    for (const config of [{}, { healthCheck: 'true', ttlMinutes: 30 }, { envBytes: 42 }]) {
      const ls = lines(config);
      // First: the only thing that reads stdin.
      expect(ls[0]).toBe('set -u');
      // Into a .part of its own, checked for the size stdin was meant to carry, then moved whole.
      expect(ls.slice(1, 8)).toEqual([
        `install -D -m 0600 /dev/stdin '/etc/spot-deploy/env.part' ${exit}`,
        "n=$(stat -c %s '/etc/spot-deploy/env.part')",
        `if [ "$n" != ${config.envBytes ?? 0} ]; then`,
        `  echo "env: expected ${config.envBytes ?? 0} bytes on stdin, got $n" >&2`,
        `  exit ${SCRIPT_EXIT.env}`,
        'fi',
        `mv '/etc/spot-deploy/env.part' '/etc/spot-deploy/env' ${exit}`,
      ]);
    }
    expect(() => lines({ envBytes: -1 })).toThrow(RangeError);
    expect(() => activationScript(DEFAULT_REMOTE, SHA, 10, { envBytes: -1 })).toThrow(RangeError);
  });

  it('writes ttl-minutes for the agent after the env file, and 0 as 0', () => {
    const ls = lines({ ttlMinutes: 90 });
    const ttl = indexOf(ls, '/etc/spot-deploy/ttl-minutes');
    expect(ls[ttl]).toBe(
      `printf '%s\\n' 90 | install -D -m 0644 /dev/stdin '/etc/spot-deploy/ttl-minutes' || exit ${SCRIPT_EXIT.ttlConfig}`,
    );
    expect(ttl).toBeGreaterThan(indexOf(ls, "'/etc/spot-deploy/env'"));
    expect(lines({ ttlMinutes: 0 })[ttl]).toContain("printf '%s\\n' 0 |");
    // Undefined leaves the instance's file alone (callers without a TTL of their own).
    expect(indexOf(lines({}), 'ttl-minutes')).toBe(-1);
  });

  it('writes the health check, then its deadline on the instance clock', () => {
    const ls = healthCheckScript(DEFAULT_REMOTE, 110).split('\n');
    expect(ls).toEqual([
      `install -D -m 0644 /dev/stdin '/etc/spot-deploy/health-check' || exit ${SCRIPT_EXIT.healthCheckConfig}`,
      `echo $(($(date +%s) + 110)) | install -D -m 0644 /dev/stdin '/etc/spot-deploy/health-deadline' || exit ${SCRIPT_EXIT.healthCheckConfig}`,
    ]);
    expect(healthCheckScript(DEFAULT_REMOTE)).not.toContain('health-deadline');
    // Cleared: removed in the first privileged shell, and no second one.
    expect(lines({ healthCheck: '' })).toContain(
      `rm -f '/etc/spot-deploy/health-check' || exit ${SCRIPT_EXIT.healthCheckConfig}`,
    );
    // No health check to bound (none, or one being removed), or no deadline given: nothing.
    for (const config of [
      { healthDeadlineSeconds: 110 },
      { healthCheck: '', healthDeadlineSeconds: 110 },
      { healthCheck: 'true' },
    ])
      expect(activationScript(DEFAULT_REMOTE, SHA, 10, config)).not.toContain('health-deadline');
    for (const bad of [0, -5, 1.5, Number.NaN]) {
      expect(() => lines({ healthCheck: 'true', healthDeadlineSeconds: bad })).toThrow(RangeError);
      expect(() => healthCheckScript(DEFAULT_REMOTE, bad)).toThrow(RangeError);
    }
  });

  it('refuses a ttl that is not a whole number of minutes (it is pasted into the script)', () => {
    for (const ttlMinutes of [-1, 1.5, Number.NaN])
      expect(() => activationScript(DEFAULT_REMOTE, SHA, 10, { ttlMinutes })).toThrow(RangeError);
  });
});

describe('uploadScript: one pass, hashed as it lands; nothing sent when unchanged (issue 15)', () => {
  const PART = `'/var/lib/spot-deploy/incoming/.${SHA}.part'`;
  const SUM = `'/var/lib/spot-deploy/incoming/.${SHA}.part.sha256'`;
  const ls = (ttlMinutes?: number) =>
    uploadScript(DEFAULT_REMOTE, SHA, 1234, { ttlMinutes }).split('\n');
  const at = (lines: string[], needle: string) => lines.findIndex((l) => l.includes(needle));

  it('says what the instance runs in one privileged read, then waits for the answer', () => {
    const l = ls();
    expect(l[at(l, HAVE_MARK)]).toBe(
      `echo "${HAVE_MARK} $(readlink '/opt/spot-deploy/current' 2>/dev/null)"`,
    );
    const read = l[at(l, HAVE_MARK) + 1] ?? '';
    expect(read.startsWith('sudo -n sh -c ')).toBe(true);
    for (const f of [
      '/etc/spot-deploy/env',
      '/etc/spot-deploy/health-check',
      '/var/lib/spot-deploy/status.json',
    ])
      expect(read).toContain(f);
    expect(l.filter((x) => x.startsWith('sudo -n'))).toHaveLength(1); // the mkdir's is indented
    expect(at(l, HAVE_END)).toBeLessThan(at(l, 'read -r answer'));
    expect(at(l, 'read -r answer')).toBeLessThan(at(l, 'install -d'));
  });

  it('hashes while writing, after removing a stale digest; records it only for a whole upload', () => {
    const l = ls();
    expect(l[at(l, 'rm -f')]).toBe(`rm -f ${PART} ${SUM}`);
    const script = l.join('\n');
    // One writer (its text spans lines): it hashes and counts what it writes, and its failure
    // ends the upload.
    const write = script.indexOf("out=$(python3 -S -c 'import hashlib");
    const end = script.indexOf(
      `' ${PART} 1234) || { echo "upload: writing the bundle failed" >&2; exit 1; }`,
    );
    expect(write).toBeGreaterThan(0);
    expect(end).toBeGreaterThan(write);
    expect(script.slice(write, end)).toContain('h.update(b)');
    // Exactly the announced bytes (argv[2]): the runner's next answer follows on the same stdin.
    expect(script.slice(write, end)).toContain('os.read(0, min(1 << 20, left))');
    expect(script.indexOf(`rm -f ${PART} ${SUM}`)).toBeLessThan(write);
    expect(script.indexOf(`> ${SUM}`)).toBeGreaterThan(end);
    expect(l.join('\n')).not.toMatch(/cat >|openssl|sha256sum </);
    const digest = at(l, `> ${SUM}`);
    expect(l.slice(digest - 1, digest + 2)).toEqual([
      'if [ "$n" = 1234 ]; then',
      `  printf '%s\\n' "$got" > ${SUM} || { echo "upload: recording the digest failed" >&2; exit 1; }`,
      'fi',
    ]);
    expect(() => uploadScript(DEFAULT_REMOTE, SHA, -1)).toThrow(RangeError);
  });

  it("on skip: writes ttl-minutes and runs the agent's no-op upkeep, before touching incoming/", () => {
    const l = ls(45);
    const skip = at(l, '"$answer" = skip');
    const ttl = at(l, '/etc/spot-deploy/ttl-minutes');
    const rearm = at(l, 'agent.py unchanged');
    expect(l[ttl]).toContain(`printf '%s\\n' 45 | sudo -n install -D -m 0644 /dev/stdin`);
    expect(l[ttl]).toContain(`|| exit ${SCRIPT_EXIT.ttlConfig}`);
    expect(l[rearm]).toBe(
      `  sudo -n python3 /opt/spot-deploy/current/.spot-deploy/agent.py unchanged >/dev/null </dev/null || exit ${SCRIPT_EXIT.ttlConfig}`,
    );
    expect(skip).toBeLessThan(ttl);
    expect(ttl).toBeLessThan(rearm);
    expect(l[rearm + 1]).toBe('  exit 0');
    expect(rearm).toBeLessThan(at(l, 'install -d'));
    // Without a ttl (callers that have none), no ttl file is written, but the watcher is still kept.
    const none = ls();
    const start = at(none, '"$answer" = skip');
    expect(none.slice(start, start + 4)).toEqual([
      'if [ "$answer" = skip ]; then',
      l[rearm],
      '  exit 0',
      'fi',
    ]);
    expect(() => uploadScript(DEFAULT_REMOTE, SHA, 1, { ttlMinutes: 1.5 })).toThrow(RangeError);
  });

  it("then says the bundle is there, and activates only on the runner's answer (one session)", () => {
    const activation = activationScript(DEFAULT_REMOTE, SHA, 1234, { envBytes: 5 });
    const l = uploadScript(DEFAULT_REMOTE, SHA, 1234, { activation }).split('\n');
    const mark = at(l, `echo ${UPLOADED_MARK}`);
    expect(mark).toBeGreaterThan(at(l, `> ${SUM}`));
    expect(l.slice(mark + 1, mark + 3)).toEqual([
      'read -r answer || exit 1',
      `[ "$answer" = activate ] || { echo "upload: unexpected answer '$answer'" >&2; exit 1; }`,
    ]);
    expect(l.slice(mark + 3).join('\n')).toBe(activation);
    // Without an activation the command ends once the bundle is there.
    const alone = ls();
    expect(alone.slice(-2)).toEqual([`echo ${UPLOADED_MARK}`, 'exit 0']);
  });

  it('the activation checks the recorded digest and the inode size: no second pass', () => {
    const script = activationScript(DEFAULT_REMOTE, SHA, 10);
    expect(script).not.toMatch(/openssl|sha256sum|wc -c/);
    const l = script.split('\n');
    expect(l[at(l, `< ${SUM}`)]).toBe(`[ -f ${SUM} ] && read -r got < ${SUM}`);
    expect(at(l, `rm -f ${SUM}`)).toBeLessThan(at(l, 'mv -f'));
    expect(l[at(l, 'stat -c %s ' + PART)]).toBe(`size=$(stat -c %s ${PART} 2>/dev/null)`);
    expect(at(l, `exit ${SCRIPT_EXIT.uploadVerify}`)).toBeLessThan(at(l, 'mv -f'));
  });
});

describe('parseActivation', () => {
  it.each([
    [SCRIPT_EXIT.uploadVerify, 'upload-verify'],
    [SCRIPT_EXIT.rename, 'rename'],
    [SCRIPT_EXIT.env, 'env'],
    [SCRIPT_EXIT.healthCheckConfig, 'health-check-config'],
    [SCRIPT_EXIT.ttlConfig, 'ttl-config'],
  ])('reads exit %i as step %s', (code, step) => {
    expect(parseActivation(SHA, code, '', 'why\n')).toEqual({
      status: 'failed',
      step,
      logTail: 'why',
    });
  });

  it('reads a ready status, and the agent step of a failed one', () => {
    expect(parseActivation(SHA, 0, status({ sha256: SHA, state: 'ready' }), '')).toEqual({
      status: 'ready',
    });
    const failed = { sha256: SHA, state: 'failed', step: 'install-units', log_tail: 'no' };
    expect(parseActivation(SHA, 0, status(failed, 1), '')).toEqual({
      status: 'failed',
      step: 'install-units',
      logTail: 'no',
    });
  });

  it('reads rolled-back as failed at its step, naming the release that serves again', () => {
    const prev = 'a'.repeat(12) + 'b'.repeat(52);
    const doc = {
      sha256: SHA,
      state: 'rolled-back',
      step: 'health-check',
      log_tail: 'health check did not pass\nrolled back',
      rolledBackTo: prev,
      current: prev,
    };
    expect(parseActivation(SHA, 1, status(doc, 1), '')).toEqual({
      status: 'failed',
      step: 'health-check',
      logTail:
        'rolled back to aaaaaaaaaaaa: this release failed at health-check; the previous ready release serves again\nhealth check did not pass\nrolled back',
      rolledBackTo: prev,
    });
    // Not a sha256: no claim that anything was rolled back.
    const odd = { ...doc, rolledBackTo: 'zz' };
    expect(parseActivation(SHA, 1, status(odd, 1), '')).toEqual({
      status: 'failed',
      step: 'health-check',
      logTail: 'health check did not pass\nrolled back',
    });
  });

  it('reads rollback-failed as failed, with the rollback error and no rolledBackTo', () => {
    const doc = {
      sha256: SHA,
      state: 'rollback-failed',
      step: 'start',
      log_tail: 'tail',
      rolledBackTo: 'c'.repeat(64),
      error: 'rollback to cccccccccccc failed: failed to start: app.service',
    };
    expect(parseActivation(SHA, 1, status(doc, 1), '')).toEqual({
      status: 'failed',
      step: 'start',
      logTail:
        'failed at start, and the rollback failed too: rollback to cccccccccccc failed: failed to start: app.service\ntail',
    });
  });

  it('reads interrupted (the watcher drained on a spot notice) as failed at step interrupted', () => {
    const doc = {
      sha256: SHA,
      state: 'interrupted',
      step: 'interrupted',
      log_tail: 'watcher: drained in 412 ms',
      interruptedAt: '2026-12-02T10:00:00Z',
      interruptionAction: 'terminate',
      noticeSeenAt: '2026-12-02T09:58:03Z',
      stopScript: 'exit 0',
    };
    expect(parseActivation(SHA, 0, status(doc, 0), '')).toEqual({
      status: 'failed',
      step: 'interrupted',
      logTail:
        'spot interruption notice (terminate at 2026-12-02T10:00:00Z): the instance drained its services (stop.sh: exit 0)\nwatcher: drained in 412 ms',
    });
  });

  it('reports a step the contract does not know as activate, naming it', () => {
    const odd = { sha256: SHA, state: 'failed', step: 'units', log_tail: 'tail' };
    expect(parseActivation(SHA, 0, status(odd, 1), '')).toEqual({
      status: 'failed',
      step: 'activate',
      logTail: 'status.json names an unknown step "units"\ntail',
    });
  });

  it('blames the start command, or the status, when status.json is unusable', () => {
    expect(parseActivation(SHA, 0, `${MARK} 5\n`, '')).toMatchObject({ step: 'activate' });
    expect(parseActivation(SHA, 0, `${MARK} 0\nnot json`, '')).toMatchObject({ step: 'status' });
    expect(parseActivation(SHA, null, '', 'lost')).toEqual({
      status: 'failed',
      step: 'activate',
      logTail: 'lost',
    });
  });
});

describe('cleanDiagnostics', () => {
  // Redaction moved to seal.ts (before this truncation): see __tests__/unit/ssh/seal.test.ts.
  it('truncates to 8,000 characters with a marker', () => {
    const long = cleanDiagnostics('z'.repeat(20_000));
    expect(long).toHaveLength(8_000);
    expect(long.endsWith('[truncated]')).toBe(true);
    expect(cleanDiagnostics('short')).toBe('short');
  });
});
