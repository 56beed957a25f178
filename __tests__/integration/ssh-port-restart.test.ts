// The runcmd entry that makes sshd pick up a non-default `ssh-port`, run as the rendered user-data
// carries it against a `systemctl` on PATH that plays each image's units: Ubuntu 24.04
// (socket-activated ssh.socket), Ubuntu 22.04 and Debian 12 (ssh.service, alias sshd.service) and
// Amazon Linux 2023 (sshd.service only: `ssh.service` is not found there).
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { renderUserData } from '../../src/cloud-init/render.js';
import { AL2023, assets, caseSpec } from '../helpers/cloud-init-cases.js';

const dir = mkdtempSync(join(tmpdir(), 'ssh-restart-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function restartEntry(label: string): string[] {
  const runcmd = (parse(renderUserData(caseSpec(label), assets).text) as { runcmd: unknown[] })
    .runcmd;
  const entry = runcmd.find(
    (c): c is string[] => Array.isArray(c) && String(c[2]).includes('daemon-reload'),
  );
  if (!entry) throw new Error(`no sshd restart in the runcmd of '${label}'`);
  return entry;
}

/**
 * Runs the entry with a systemctl that knows only `units` (is-active: the active ones) and logs
 * every call; returns the calls and the entry's exit status.
 */
function run(label: string, image: string, units: string[], active: string[]) {
  const bin = join(dir, image);
  const log = join(dir, `${image}.log`);
  mkdirSync(bin, { recursive: true });
  writeFileSync(
    join(bin, 'systemctl'),
    [
      '#!/bin/sh',
      `echo "$*" >> ${log}`,
      'case "$1" in',
      'daemon-reload) exit 0;;',
      `-q) shift; [ "$1" = is-active ] && case " ${active.join(' ')} " in *" $2 "*) exit 0;; esac; exit 3;;`,
      `restart|try-restart) case " ${units.join(' ')} " in *" $2 "*) exit 0;; esac; echo "Unit $2 not found." >&2; exit 5;;`,
      'esac',
      'exit 1',
      '',
    ].join('\n'),
  );
  chmodSync(join(bin, 'systemctl'), 0o755);
  writeFileSync(log, '');
  const [cmd, ...args] = restartEntry(label);
  const r = spawnSync(cmd ?? 'false', args, {
    env: { PATH: `${bin}:/usr/bin:/bin` },
    encoding: 'utf8',
  });
  expect(r.error).toBeUndefined();
  return { status: r.status, calls: readFileSync(log, 'utf8').trim().split('\n') };
}

describe('sshd restart for another ssh-port', () => {
  it('Amazon Linux 2023: falls back to sshd.service and succeeds', () => {
    const r = run(AL2023, 'al2023', ['sshd.service'], ['sshd.service']);
    expect(r.calls).toEqual([
      'daemon-reload',
      '-q is-active ssh.socket',
      'restart ssh.service',
      'restart sshd.service',
    ]);
    expect(r.status).toBe(0);
  });

  it('Ubuntu 22.04 / Debian 12: restarts ssh.service', () => {
    const r = run('port 2222', 'jammy', ['ssh.service', 'sshd.service'], ['ssh.service']);
    expect(r.calls).toEqual(['daemon-reload', '-q is-active ssh.socket', 'restart ssh.service']);
    expect(r.status).toBe(0);
  });

  it('Ubuntu 24.04: restarts the socket, then the service if it runs', () => {
    const r = run('port 2222', 'noble', ['ssh.socket', 'ssh.service'], ['ssh.socket']);
    expect(r.calls).toEqual([
      'daemon-reload',
      '-q is-active ssh.socket',
      'restart ssh.socket',
      'try-restart ssh.service',
    ]);
    expect(r.status).toBe(0);
  });
});
