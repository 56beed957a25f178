// The boot-time half of the ssh-user check (issue 12, B15): the runcmd entry that takes sudo back
// when cloud-init's users module met an account the image already had. Run as the rendered
// user-data carries it, with `id` and `rm` replaced on PATH (the real ones would read this
// machine's accounts and delete its sudoers file).
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCloudInitAssets, renderUserData } from '../../src/cloud-init/render.js';
import { caseSpec } from '../helpers/cloud-init-cases.js';
import { repoRoot } from '../helpers/repo.js';

const dir = mkdtempSync(join(tmpdir(), 'guard-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function guardEntry(user: string): string[] {
  const ud = renderUserData(
    { ...caseSpec('default'), sshUser: user },
    loadCloudInitAssets(join(repoRoot, 'cloud-init')),
  );
  const runcmd = (parse(ud.text) as { runcmd: unknown[] }).runcmd;
  const entry = runcmd.find(
    (c): c is string[] => Array.isArray(c) && String(c[2]).includes('sudoers.d'),
  );
  if (!entry) throw new Error('no system-account guard in runcmd');
  return entry;
}

/** Runs the entry with an `id` that answers `uid` and an `rm` that records its arguments. */
function run(user: string, uid: string): string {
  const bin = join(dir, `bin-${user}-${uid}`);
  const log = join(dir, `rm-${user}-${uid}.log`);
  spawnSync('mkdir', ['-p', bin]);
  writeFileSync(join(bin, 'id'), `#!/bin/sh\n[ "$1 $2" = "-u ${user}" ] && echo ${uid}\n`);
  writeFileSync(join(bin, 'rm'), `#!/bin/sh\necho "$@" >> ${log}\n`);
  chmodSync(join(bin, 'id'), 0o755);
  chmodSync(join(bin, 'rm'), 0o755);
  writeFileSync(log, '');
  const [cmd, ...args] = guardEntry(user);
  const r = spawnSync(cmd!, args, { env: { PATH: `${bin}:/usr/bin:/bin` }, encoding: 'utf8' });
  expect(r.error).toBeUndefined();
  return readFileSync(log, 'utf8').trim();
}

describe('system-account guard in user-data', () => {
  it('takes the sudo grant back from an account the image had (UID below 1000)', () => {
    expect(run('appsvc', '998')).toBe('/etc/sudoers.d/90-cloud-init-users');
    expect(run('appsvc', '0')).toBe('/etc/sudoers.d/90-cloud-init-users');
  });

  it('leaves the grant of a user cloud-init created (UID 1000 and up)', () => {
    expect(run('spot-deploy', '1000')).toBe('');
    expect(run('deploy', '1001')).toBe('');
  });
});
