// Issue 12, B15 (instance parts), in a scratch root with the real bootstrap and agent: the agent's
// state and log are root's alone, the agent extracts the archive itself and refuses hostile
// members before writing them, and a bundle unit may not replace a unit the image already has.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  Instance,
  run,
  sha256,
  v1,
  type BundleOptions,
  type Files,
} from '../helpers/agent-instance.js';

let box: Instance;
beforeEach(() => {
  box = new Instance();
});
afterEach(() => {
  box.cleanup();
});

const mode = (p: string): number => fs.lstatSync(p).mode & 0o7777;

/** Deploys `files` and expects a failure at `step` whose log tail matches `message`. */
function expectRefused(
  files: Files,
  step: string,
  message: RegExp,
  env: Record<string, string> = {},
  options: BundleOptions = {},
) {
  const before = box.current();
  const { code, sha } = box.deploy(files, options, env);
  expect(code).toBe(1);
  const status = box.status();
  expect(status).toMatchObject({ sha256: sha, state: 'failed', step });
  expect(status.log_tail).toMatch(message);
  expect(box.current()).toBe(before);
  expect(box.releaseNames().filter((n) => !n.startsWith('.'))).not.toContain(sha);
  expect(fs.readdirSync(box.releases).filter((n) => n.startsWith('.staging-'))).toEqual([]);
  return sha;
}

describe('state and log modes (B15a)', { timeout: 60_000 }, () => {
  it('writes status.json, agent.log and the records 0600, the log dir 0700, the state dir 0711', () => {
    // An older agent left these world-readable.
    fs.mkdirSync(box.path('var/lib/spot-deploy'), { recursive: true });
    fs.writeFileSync(box.path('var/lib/spot-deploy/releases.json'), '{"ready":[]}', {
      mode: 0o644,
    });
    fs.mkdirSync(box.path('var/log/spot-deploy'), { recursive: true, mode: 0o755 });
    fs.writeFileSync(box.path('var/log/spot-deploy/agent.log'), 'old\n', { mode: 0o644 });
    const { code } = box.deploy(v1());
    expect(code).toBe(0);
    for (const f of ['status.json', 'units.json', 'releases.json', 'agent.lock'])
      expect([f, mode(box.path(`var/lib/spot-deploy/${f}`))]).toEqual([f, 0o600]);
    expect(mode(box.path('var/log/spot-deploy/agent.log'))).toBe(0o600);
    expect(mode(box.path('var/log/spot-deploy'))).toBe(0o700);
    // Searchable, not listable: the login user uploads into incoming/ below it.
    expect(mode(box.path('var/lib/spot-deploy'))).toBe(0o711);
    // Releases stay readable: services running under User= read them (their files are the
    // bundle, a public artifact anyway).
    expect(mode(box.path('opt/spot-deploy/releases'))).toBe(0o755);
  });
});

describe('archive extraction by the agent (B15b)', { timeout: 60_000 }, () => {
  it.each([
    ['a setuid file', { 'bin/su': { content: 'x', mode: 0o4755 } }, /bin\/su'?: mode 4755/],
    ['a setgid file', { 'bin/sg': { content: 'x', mode: 0o2755 } }, /mode 2755/],
    ['a world-writable file', { 'data.txt': { content: 'x', mode: 0o666 } }, /mode 0666/],
  ] satisfies [string, Files, RegExp][])(
    'refuses %s at verify, before it is written',
    (_what, extra, message) => {
      expectRefused(v1(extra), 'verify', message);
      expect(box.status().log_tail).toMatch(/setuid, setgid, sticky or world-writable/);
    },
  );

  it('refuses a sticky or world-writable directory', () => {
    const dir = (m: number) => (tree: string) => {
      fs.mkdirSync(path.join(tree, 'cache'));
      fs.chmodSync(path.join(tree, 'cache'), m);
    };
    expectRefused(v1(), 'verify', /cache'?: mode 1777/, {}, { tamper: dir(0o1777) });
    expectRefused(v1(), 'verify', /cache'?: mode 0777/, {}, { tamper: dir(0o777) });
  });

  it('stops extracting once the members add up to more than the limit', () => {
    const big = 'x'.repeat(300_000);
    expectRefused(
      v1({ 'a.bin': big, 'b.bin': big }),
      'verify',
      /extracts to more than 400000 bytes .*stopped at '?b\.bin/,
      { SPOT_DEPLOY_EXTRACT_MAX: '400000' },
    );
    // A bundle under the limit activates with the same limit.
    const { code } = box.deploy(v1({ 'a.bin': big }), {}, { SPOT_DEPLOY_EXTRACT_MAX: '400000' });
    expect(code).toBe(0);
  });

  it('refuses a .spot-deploy that is a symlink in the archive', () => {
    // A normal bundle, with a symlink member `.spot-deploy` put in front of it.
    const { archive } = box.bundle(v1());
    const scratch = path.dirname(archive);
    const front = path.join(scratch, 'front');
    fs.mkdirSync(front);
    fs.symlinkSync('/tmp', path.join(front, '.spot-deploy'));
    const plain = path.join(scratch, 'evil.tar');
    run('tar', ['-cf', plain, '-C', front, '.spot-deploy']);
    const body = path.join(scratch, 'body.tar');
    run('sh', ['-c', `gzip -dc '${archive}' > '${body}'`]);
    run('tar', ['-Af', plain, body]);
    run('gzip', ['-n', plain]);
    const evil = fs.readFileSync(`${plain}.gz`);
    const sha = sha256(evil);
    fs.writeFileSync(path.join(box.incoming, `${sha}.tar.gz`), evil);
    expect(box.bootstrap().code).toBe(1);
    expect(box.status()).toMatchObject({ sha256: sha, state: 'failed', step: 'verify' });
    expect(box.status().log_tail).toMatch(/\.spot-deploy: must be a directory, not a link/);
    expect(box.releaseNames()).toEqual([]);
  });
});

describe('units the image already has (B15c)', { timeout: 60_000 }, () => {
  it('refuses a bundle unit named like an image unit at check-units, touching nothing', () => {
    const imageUnit = '[Unit]\nDescription=OpenBSD Secure Shell server\n';
    fs.mkdirSync(box.path('lib/systemd/system'), { recursive: true });
    fs.writeFileSync(box.path('lib/systemd/system/ssh.service'), imageUnit);
    expectRefused(
      v1({ 'systemd/ssh.service': '[Service]\nExecStart=/bin/true\n' }),
      'check-units',
      /image already has these units: ssh\.service \(.*lib\/systemd\/system\/ssh\.service\)/,
    );
    expect(box.unit('ssh.service')).toBeUndefined();
    expect(fs.readFileSync(box.path('lib/systemd/system/ssh.service'), 'utf8')).toBe(imageUnit);
    expect(box.calls()).toEqual([]);
  });

  it('refuses a unit in /etc/systemd/system that the agent did not install', () => {
    fs.mkdirSync(box.path('etc/systemd/system'), { recursive: true });
    fs.symlinkSync('/lib/systemd/system/cron.service', box.path('etc/systemd/system/cron.service'));
    expectRefused(v1({ 'systemd/cron.service': '[Service]\n' }), 'check-units', /cron\.service/);
  });

  it("accepts the agent's own units from an earlier release of the deployment", () => {
    expect(box.deploy(v1()).code).toBe(0);
    const second = box.deploy(v1({ 'app.txt': 'hello v2' }));
    expect(second.code).toBe(0);
    expect(box.status()).toMatchObject({ sha256: second.sha, state: 'ready' });
  });
});
