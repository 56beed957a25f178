// The upload and activation scripts run by /bin/sh (dash on Debian) in a scratch directory, no SSH
// (sshd.test.ts and deliver-unchanged.test.ts run them over SSH): the single-pass digest, what a
// stale digest or a short upload leaves, the writer's failure, the skip path, and that what the
// script says about the instance reads back into the decision to skip.
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SCRIPT_EXIT } from '../../src/instance/contract.js';
import {
  activationScript,
  DEFAULT_REMOTE,
  digestPath,
  shq,
  type RemoteLayout,
} from '../../src/ssh/remote-scripts.js';
import { UPLOADED_MARK, uploadScript } from '../../src/ssh/upload-script.js';
import { readHave } from '../../src/ssh/have.js';
import { decideUpload } from '../../src/ssh/unchanged.js';

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

describe('the upload script under /bin/sh', () => {
  let dir: string;
  let r: RemoteLayout;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'spot-deploy-upload-script-'));
    mkdirSync(join(dir, 'etc'));
    r = {
      ...DEFAULT_REMOTE,
      incomingDir: join(dir, 'incoming'),
      statusPath: join(dir, 'status.json'),
      envPath: join(dir, 'etc', 'env'),
      healthCheckPath: join(dir, 'etc', 'health-check'),
      healthDeadlinePath: join(dir, 'etc', 'health-deadline'),
      ttlPath: join(dir, 'etc', 'ttl-minutes'),
      currentPath: join(dir, 'current'),
      startCommand: 'true',
      // Records how the agent was called (the skip path's re-arm).
      agentCommand: `sh -c 'echo "$*" >> ${join(dir, 'agent.calls')}' agent`,
      sudo: '',
    };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  // stdin from a file: as over SSH (a pipe), `install /dev/stdin` can open it; Node's own stdin
  // pipes are sockets, which /dev/stdin cannot be opened on.
  const run = (script: string, input: Buffer | string) => {
    const file = join(dir, 'stdin');
    writeFileSync(file, input);
    const fd = openSync(file, 'r');
    try {
      return spawnSync('/bin/sh', ['-c', script], { stdio: [fd, 'pipe', 'pipe'], timeout: 30_000 });
    } finally {
      closeSync(fd);
    }
  };
  // A real pipe, as sshd gives the command: /dev/stdin opened on a file would start over at byte 0.
  const piped = (script: string, input: Buffer) => {
    const file = join(dir, 'stdin');
    writeFileSync(file, input);
    return spawnSync('/bin/sh', ['-c', `cat ${shq(file)} | /bin/sh -c ${shq(script)}`], {
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 30_000,
    });
  };
  const part = (sha: string) => join(r.incomingDir, `.${sha}.part`);

  it('writes exactly the bytes after the answer and records their digest while writing', () => {
    // Starts with what a line reader would take: a newline, and "go" again.
    const data = Buffer.concat([Buffer.from('\ngo\n'), randomBytes(3 * 1024 * 1024 + 17)]);
    const sha = sha256(data);
    const x = run(uploadScript(r, sha, data.length), Buffer.concat([Buffer.from('go\n'), data]));
    expect(x.status, x.stderr.toString()).toBe(0);
    expect(readFileSync(part(sha)).equals(data)).toBe(true);
    expect(readFileSync(digestPath(r, sha), 'utf8')).toBe(`${sha}\n`);
    // The activation takes it: no second pass, digest consumed, renamed.
    writeFileSync(r.statusPath, '{}'); // what it prints last (the start command is `true` here)
    const act = run(activationScript(r, sha, data.length), '');
    expect(act.status, act.stderr.toString()).toBe(0);
    expect(readdirSync(r.incomingDir)).toEqual([`${sha}.tar.gz`]);
  });

  it('one command: the bundle, then `activate` and the env file right behind it on the same stdin', () => {
    const data = randomBytes(2 * 1024 * 1024 + 5);
    const sha = sha256(data);
    const env = 'GREETING=hi\nTOKEN=s3cret\n';
    writeFileSync(r.statusPath, '{}');
    const activation = activationScript(r, sha, data.length, { envBytes: env.length });
    const script = uploadScript(r, sha, data.length, { activation });
    const x = piped(
      script,
      Buffer.concat([Buffer.from('go\n'), data, Buffer.from(`activate\n${env}`)]),
    );
    expect(x.status, x.stderr.toString()).toBe(0);
    expect(x.stdout.toString()).toContain(`${UPLOADED_MARK}\n`);
    // The writer took exactly the bundle: the env file is the rest, whole.
    expect(readFileSync(r.envPath, 'utf8')).toBe(env);
    expect(readdirSync(r.incomingDir)).toEqual([`${sha}.tar.gz`]);
    expect(readFileSync(join(r.incomingDir, `${sha}.tar.gz`)).equals(data)).toBe(true);
  });

  it('no `activate` (the link went once the bundle was sent): nothing is activated', () => {
    const data = randomBytes(64 * 1024);
    const sha = sha256(data);
    writeFileSync(r.envPath, 'OLD=1\n');
    const activation = activationScript(r, sha, data.length, { envBytes: 6 });
    const x = run(
      uploadScript(r, sha, data.length, { activation }),
      Buffer.concat([Buffer.from('go\n'), data]),
    );
    expect(x.status).toBe(1);
    expect(readFileSync(r.envPath, 'utf8')).toBe('OLD=1\n');
    expect(readdirSync(r.incomingDir).sort()).toEqual([`.${sha}.part`, `.${sha}.part.sha256`]);
  });

  it('a stale digest never vouches: removed before writing, none recorded for a short upload', () => {
    const whole = randomBytes(256 * 1024);
    const sha = sha256(whole);
    mkdirSync(r.incomingDir);
    // What an earlier, complete attempt of the same sha256 left behind.
    writeFileSync(digestPath(r, sha), `${sha}\n`);
    const cut = whole.subarray(0, 100_000); // the connection went; stdin ended early
    const x = run(uploadScript(r, sha, whole.length), Buffer.concat([Buffer.from('go\n'), cut]));
    expect(x.status).toBe(0);
    expect(readdirSync(r.incomingDir)).toEqual([`.${sha}.part`]);
    // Had the activation run on it (it does not after a cut): refused, nothing renamed.
    writeFileSync(part(sha), whole.subarray(0, whole.length)); // even with the right bytes now
    const act = run(activationScript(r, sha, whole.length), '');
    expect(act.status).toBe(SCRIPT_EXIT.uploadVerify);
    expect(act.stderr.toString()).toContain(`expected sha256 ${sha} and ${whole.length} bytes`);
    expect(readdirSync(r.incomingDir)).toEqual([]);
  });

  it('a writer that cannot write ends the upload with a failure (step upload), no digest', () => {
    const data = randomBytes(1024);
    const sha = sha256(data);
    mkdirSync(part(sha), { recursive: true }); // the .part path is a directory: open fails
    writeFileSync(join(part(sha), 'keep'), 'x'); // and rm -f cannot remove it
    const x = run(uploadScript(r, sha, data.length), Buffer.concat([Buffer.from('go\n'), data]));
    expect(x.status).toBe(1);
    expect(x.stderr.toString()).toContain('upload: writing the bundle failed');
    expect(existsSync(digestPath(r, sha))).toBe(false);
  });

  it('says what runs there; the same release, env and health check read back as "skip"', () => {
    const sha = 'c'.repeat(64);
    const env = 'GREETING=hi\nTOKEN=s3cret\n';
    const check = `curl -fsS 'http://127.0.0.1:8080/h?a=1&b=2'`;
    mkdirSync(join(dir, 'releases', sha), { recursive: true });
    symlinkSync(join(dir, 'releases', sha), r.currentPath);
    writeFileSync(r.envPath, env, { mode: 0o600 });
    writeFileSync(r.healthCheckPath, `${check}\n`);
    writeFileSync(
      r.statusPath,
      JSON.stringify({ sha256: sha, state: 'ready', step: 'done', log_tail: 'x\n}\n{' }, null, 2) +
        '\n',
    );
    const x = run(uploadScript(r, sha, 10, { ttlMinutes: 45 }), 'skip\n');
    expect(x.status, x.stderr.toString()).toBe(0);
    const have = readHave(x.stdout.toString(), r) ?? {};
    expect(have).toEqual({
      current: sha,
      state: 'ready',
      sha256: sha,
      envSha256: sha256(env),
      healthCheckSha256: sha256(`${check}\n`),
    });
    expect(decideUpload(have, { sha256: sha, envFile: env, healthCheck: check })).toMatchObject({
      upload: false,
    });
    // The skip: ttl-minutes written, the agent asked to re-arm; nothing in incoming/.
    expect(readFileSync(r.ttlPath, 'utf8')).toBe('45\n');
    expect(readFileSync(join(dir, 'agent.calls'), 'utf8')).toBe('unchanged\n');
    expect(existsSync(r.incomingDir)).toBe(false);
  });

  it('a failed re-arm on skip is a ttl-config failure; an unknown answer an upload failure', () => {
    const sha = 'd'.repeat(64);
    const failing = { ...r, agentCommand: 'false' };
    expect(run(uploadScript(failing, sha, 10, { ttlMinutes: 5 }), 'skip\n').status).toBe(
      SCRIPT_EXIT.ttlConfig,
    );
    const odd = run(uploadScript(r, sha, 10), 'maybe\n');
    expect(odd.status).toBe(1);
    expect(odd.stderr.toString()).toContain("unexpected answer 'maybe'");
    expect(run(uploadScript(r, sha, 10), '').status).toBe(1); // stdin closed before an answer
  });
});
