// The user-data renderer: structure, size accounting, gzip fallback, merge rules and injection
// safety, read with the yaml library as YAML 1.1. Every document rendered here is a labelled case
// of helpers/cloud-init-cases.ts; integration/cloud-init-schema.test.ts validates each one with
// Debian bookworm's real cloud-init 22.4 and reads it back with cloud-init's PyYAML.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import {
  compactShell,
  renderUserData,
  USER_DATA_LIMIT,
  type UserData,
} from '../../../src/cloud-init/render.js';
import { repoRoot } from '../../helpers/repo.js';
import { mergeCloudConfig } from '../../../src/cloud-init/merge.js';
import { CloudInitError } from '../../../src/errors.js';
import {
  AL2023,
  assets,
  CASES,
  caseSpec,
  CLIENT_PUB,
  ENABLE,
  systemAccountGuard,
  FUZZ,
  GZIP_FILES,
  HOST,
  HOSTILE_CASES,
  KEY_BODY,
  loginUser,
  MERGE_EXTRA,
  ourFiles,
  PATHS,
  spec,
} from '../../helpers/cloud-init-cases.js';

/** Renders a labelled case of helpers/cloud-init-cases.ts (the documents the schema tests see). */
function render(label: string): UserData {
  return renderUserData(caseSpec(label), assets);
}

/** The document as YAML 1.1 (what cloud-init reads), checking it is exactly one document. */
function load(text: string): Record<string, unknown> {
  const docs = parseAllDocuments(text, { version: '1.1' });
  expect(docs).toHaveLength(1);
  for (const doc of docs) expect(doc.errors).toEqual([]);
  return parse(text, { version: '1.1' }) as Record<string, unknown>;
}

function refusal(fn: () => unknown): CloudInitError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CloudInitError);
    return e as CloudInitError;
  }
  throw new Error('expected a CloudInitError');
}

describe('default rendering', () => {
  const ud = render('default');

  it('is a #cloud-config of at most 2,048 bytes, sent as is', () => {
    expect(ud.text.split('\n')[0]).toBe('#cloud-config');
    expect(ud.gzipped).toBe(false);
    expect(ud.body.equals(Buffer.from(ud.text, 'utf8'))).toBe(true);
    expect(ud.bytes).toBe(ud.body.length);
    expect(ud.textBytes).toBe(Buffer.byteLength(ud.text));
    const breakdown = [
      ...ud.parts.map((p) => `${p.name} ${p.bytes}`),
      `of which cloud-init/bootstrap.sh ${Buffer.byteLength(assets.bootstrap)}`,
    ].join(', ');
    expect(
      ud.textBytes,
      `default user-data: ${ud.textBytes} bytes (${breakdown})`,
    ).toBeLessThanOrEqual(2048);
  });

  it('has exactly the expected structure', () => {
    const doc = load(ud.text);
    expect(Object.keys(doc)).toEqual([
      'users',
      'ssh_keys',
      'ssh_deletekeys',
      'ssh_genkeytypes',
      'write_files',
      'runcmd',
    ]);
    expect(doc).toEqual({
      users: [loginUser('spot-deploy')],
      ssh_keys: { ed25519_private: HOST.private },
      ssh_deletekeys: true,
      ssh_genkeytypes: ['ed25519'],
      write_files: ourFiles(),
      runcmd: [['shutdown', '-P', '+240'], systemAccountGuard('spot-deploy'), ENABLE],
    });
    expect(ud.text).not.toMatch(/power_state|reboot|package|sshd_config/);
    // The host public key stays out: cloud-init writes the .pub from the private key.
    expect(ud.text).not.toContain('ed25519_public');
  });

  it('restarts sshd nowhere on a first boot at port 22: no ssh_pwauth, no sshd_config change', () => {
    // Any ssh_pwauth makes cloud-init's set-passwords module (config stage, sshd already up)
    // rewrite sshd_config and restart sshd: a connection made then is reset. The VM e2e checks
    // the journal of a real boot (e2e/vm.test.ts).
    for (const label of ['default', 'directories', 'packages', 'ttl 0', 'al2023 default']) {
      const doc = load(render(label).text);
      expect(Object.keys(doc), label).not.toContain('ssh_pwauth');
      expect(render(label).text, label).not.toMatch(/restart|sshd_config|PasswordAuthentication/);
    }
  });

  it('accounts for every byte in its parts', () => {
    expect(ud.parts.map((p) => p.name)).toEqual([
      'users and authorized keys',
      'host key',
      'bootstrap and units',
      'runcmd',
    ]);
    const sum = ud.parts.reduce((n, p) => n + p.bytes, 0);
    expect(sum + '#cloud-config\n'.length).toBe(ud.textBytes);
  });

  it('carries the bootstrap without its comments, blank lines and indentation', () => {
    const source = readFileSync(join(repoRoot, 'cloud-init/bootstrap.sh'), 'utf8');
    expect(source.split('\n').filter((l) => /^\s*#(?!!)/.test(l)).length).toBeGreaterThan(5);
    const shipped = assets.bootstrap.split('\n');
    expect(shipped[0]).toBe('#!/bin/sh');
    expect(shipped.slice(1).filter((l) => l.startsWith('#') || /^\s/.test(l))).toEqual([]);
    // 574 bytes when the file itself was kept minified; 579 since the agent extracts the archive
    // (the bootstrap extracts only the agent and streams the archive to it); 593 with every
    // variable quoted (shellcheck SC2086).
    expect(Buffer.byteLength(assets.bootstrap)).toBe(593);
    expect(compactShell(assets.bootstrap)).toBe(assets.bootstrap.trimEnd());
  });

  it('installs units with the contract semantics', () => {
    expect(assets.pathUnit).toMatch(
      /^PathExistsGlob=\/var\/lib\/spot-deploy\/incoming\/\*\.tar\.gz$/m,
    );
    expect(assets.pathUnit).toMatch(/^\[Install\]\nWantedBy=multi-user\.target$/m);
    expect(assets.serviceUnit).toMatch(/^After=cloud-final\.service$/m);
    expect(assets.serviceUnit).toMatch(/^Type=oneshot$/m);
    expect(assets.serviceUnit).toMatch(/^ExecStart=\/usr\/local\/lib\/spot-deploy\/bootstrap$/m);
  });
});

describe('options', () => {
  it('packages: list, update, and upgrade only when asked', () => {
    const doc = load(render('packages').text);
    expect(doc.packages).toEqual(['jq', 'nginx=1.22.1-9']);
    expect(doc.package_update).toBe(true);
    expect(doc).not.toHaveProperty('package_upgrade');
    const up = load(render('packages+upgrade').text);
    expect(up).toMatchObject({ packages: ['jq'], package_update: true, package_upgrade: true });
    const onlyUp = load(render('upgrade only').text);
    expect(onlyUp.package_upgrade).toBe(true);
    expect(onlyUp).not.toHaveProperty('packages');
    expect(onlyUp).not.toHaveProperty('package_update');
  });

  it('directories: one create-only argv (existing ones untouched), owned by the login user, after the TTL', () => {
    const ud = render('directories');
    const doc = load(ud.text);
    expect(doc.runcmd).toEqual([
      ['shutdown', '-P', '+240'],
      systemAccountGuard('deploy'),
      ENABLE,
      ['sh', '-c', expect.any(String), 'deploy', '/srv/app', '/data x'],
    ]);
    // The script gets the user and the directories as arguments, and skips what exists.
    const script = (doc.runcmd as string[][])[3]?.[2] ?? '';
    expect(script).toMatch(
      /^for d;do \[ -e "\$d" \]\|\|\[ -L "\$d" \]\|\|install -d -o "\$0" -g "\$0" -m 0755 -- "\$d";done$/,
    );
    expect(ud.parts.map((p) => p.name)).toContain('directories');
  });

  it('ssh port: sshd drop-in and a fixed restart command, only when not 22', () => {
    const doc = load(render('port 2222').text);
    expect(doc.write_files).toEqual(ourFiles([{ path: PATHS.sshd, content: 'Port 2222\n' }]));
    const runcmd = doc.runcmd as unknown[][];
    expect(runcmd[0]).toEqual(['shutdown', '-P', '+240']);
    const restart = runcmd.find((c) => c[0] === 'sh' && c.length === 3);
    expect(restart?.slice(0, 2)).toEqual(['sh', '-c']);
    expect(restart?.[2]).toMatch(/daemon-reload/);
    expect(restart?.[2]).toMatch(/restart ssh\.socket/);
    expect(restart?.[2]).toMatch(/restart ssh\.service/);
    expect(restart?.[2]).not.toMatch(/2222/);
    expect(render('default').text).not.toMatch(/sshd_config|Port /);
  });

  it('ttl 0: no shutdown', () => {
    const doc = load(render('ttl 0').text);
    expect(doc.runcmd).toEqual([systemAccountGuard('spot-deploy'), ENABLE]);
    expect(render('ttl 0').text).not.toMatch(/shutdown/);
  });

  it('the TTL stays the first command whatever follows', () => {
    const doc = load(render('ttl first').text);
    const runcmd = doc.runcmd as unknown[];
    expect(runcmd[0]).toEqual(['shutdown', '-P', '+30']);
    expect(runcmd.at(-1)).toEqual(['false']);
    expect(runcmd).toHaveLength(6);
  });

  it('refuses values that would be read as options, and impossible numbers', () => {
    for (const [over, input] of [
      [{ sshPort: 0 }, 'ssh-port'],
      [{ sshPort: 65536 }, 'ssh-port'],
      [{ sshPort: 22.5 }, 'ssh-port'],
      [{ ttlMinutes: -1 }, 'ttl-minutes'],
      [{ packages: ['-oAPT::Update::Pre-Invoke::=id'] }, 'packages'],
      [{ packages: [''] }, 'packages'],
      [{ sshUser: '-x' }, 'ssh-user'],
      [{ sshUser: 'a\ud800' }, 'ssh-user'],
    ] as const) {
      expect(refusal(() => renderUserData(spec(over), assets)).input).toBe(input);
    }
  });
});

describe('merging the cloud-config input', () => {
  const extra = MERGE_EXTRA;

  it('concatenates lists (ours first), lets user scalars win, adds new keys', () => {
    const doc = load(render('merged').text);
    expect(doc).toEqual({
      users: [
        loginUser('spot-deploy', [CLIENT_PUB, `${KEY_BODY} extra`]),
        'default',
        extra.users[1],
      ],
      ssh_pwauth: true,
      ssh_keys: { ed25519_private: HOST.private },
      ssh_deletekeys: true,
      ssh_genkeytypes: ['ed25519'],
      write_files: ourFiles([{ path: '/etc/motd', content: 'hello\n' }]),
      packages: ['jq', 'htop'],
      package_update: true,
      package_upgrade: true,
      runcmd: [
        ['shutdown', '-P', '+240'],
        systemAccountGuard('spot-deploy'),
        ENABLE,
        ['echo', 'hi'],
        'echo string form',
      ],
      timezone: 'UTC',
      bootcmd: [['true']],
      disable_root: false,
      package_reboot_if_required: false,
    });
  });

  it('reports the cloud-config part', () => {
    const ud = render('merged parts');
    expect(ud.parts.at(-1)?.name).toBe('cloud-config');
    expect(ud.parts.at(-1)?.bytes).toBeGreaterThan(100);
  });

  it('merges mappings recursively', () => {
    const ours = { a: { b: 1, c: { d: 2 } }, l: [1], s: 'x' };
    const theirs = { a: { c: { e: 3 }, b: 9 }, l: [2], s: { now: 'a map' } };
    expect(mergeCloudConfig(ours, theirs, 'u', [])).toEqual({
      a: { b: 9, c: { d: 2, e: 3 } },
      l: [2],
      s: { now: 'a map' },
    });
    expect(ours).toEqual({ a: { b: 1, c: { d: 2 } }, l: [1], s: 'x' });
  });

  it.each([
    'ssh_keys',
    'ssh_deletekeys',
    'ssh_genkeytypes',
    'power_state',
    'package_reboot_if_required',
    'cloud_init_modules',
    'cloud_config_modules',
    'cloud_final_modules',
  ])('refuses %s', (key) => {
    const value = key === 'power_state' ? { mode: 'reboot' } : true;
    const e = refusal(() => renderUserData(spec({ extraCloudConfig: { [key]: value } }), assets));
    expect(e.input).toBe('cloud-config');
    expect(e.message).toContain(key);
    expect(e.message).toMatch(/^Input 'cloud-config': /);
  });

  it('refuses a user entry named like the login user', () => {
    for (const entry of ['spot-deploy', { name: 'spot-deploy', sudo: false }]) {
      const e = refusal(() =>
        renderUserData(spec({ extraCloudConfig: { users: [entry] } }), assets),
      );
      expect(e.input).toBe('cloud-config');
      expect(e.message).toMatch(/users.*spot-deploy/);
    }
  });

  it('refuses write_files aimed at our files, however spelled', () => {
    for (const path of [
      ...Object.values(PATHS),
      '//usr/local/lib/spot-deploy/bootstrap',
      '/etc/systemd/system/../system/./spot-deploy.path',
      'etc/systemd/system/spot-deploy.service',
      '/etc/ssh/sshd_config.d/60-spot-deploy.conf/',
    ]) {
      const e = refusal(() =>
        renderUserData(
          spec({ extraCloudConfig: { write_files: [{ path, content: 'x', append: true }] } }),
          assets,
        ),
      );
      expect(e.input).toBe('cloud-config');
      expect(e.message).toMatch(/write_files/);
    }
    const ok = {
      path: '/etc/systemd/system/spot-deploy.service.d/env.conf',
      content: '[Service]\n',
    };
    const doc = load(render('drop-in').text);
    expect(doc.write_files).toEqual(ourFiles([ok]));
  });

  it('refuses a non-list where it must append to ours, and non-YAML values', () => {
    for (const bad of [
      { runcmd: 'echo hi' },
      { users: 'default' },
      { write_files: { path: '/x' } },
      { ssh_authorized_keys: 'ssh-ed25519 AAAA' },
      { x: () => 1 },
      { x: new Date(0) },
      { x: undefined },
      { x: ['\udc00'] },
    ]) {
      expect(refusal(() => renderUserData(spec({ extraCloudConfig: bad }), assets)).input).toBe(
        'cloud-config',
      );
    }
    expect(() =>
      renderUserData(spec({ packages: ['jq'], extraCloudConfig: { packages: 'htop' } }), assets),
    ).toThrow(CloudInitError);
  });

  it('keeps a __proto__ key as data', () => {
    const ud = render('__proto__');
    const doc = load(ud.text);
    expect(Object.hasOwn(doc, '__proto__')).toBe(true);
    expect(doc.x).toBe(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('size', () => {
  it('gzips a text over 16,384 bytes', () => {
    const files = GZIP_FILES;
    const ud = render('gzip');
    expect(ud.textBytes).toBeGreaterThan(USER_DATA_LIMIT);
    expect(ud.gzipped).toBe(true);
    expect([ud.body[0], ud.body[1]]).toEqual([0x1f, 0x8b]);
    expect(ud.bytes).toBe(ud.body.length);
    expect(ud.bytes).toBeLessThanOrEqual(USER_DATA_LIMIT);
    expect(gunzipSync(ud.body).toString('utf8')).toBe(ud.text);
    expect((load(ud.text).write_files as unknown[]).slice(3)).toEqual(files);
  });

  it('refuses what is over the limit even gzipped, listing the parts largest first', () => {
    const blob = randomBytes(24000).toString('base64');
    const e = refusal(() =>
      renderUserData(
        spec({ extraCloudConfig: { write_files: [{ path: '/blob', content: blob }] } }),
        assets,
      ),
    );
    expect(e.input).toBe('cloud-config');
    expect(e.message).toContain('16384');
    expect(e.message).toMatch(/setup\.sh/);
    const listed = [...e.message.matchAll(/([a-z][a-z -]+?) (\d+) B\b/g)].map((m) => ({
      name: m[1],
      bytes: Number(m[2]),
    }));
    expect(listed[0]?.name).toBe('cloud-config');
    expect(listed.map((p) => p.name)).toEqual(
      expect.arrayContaining(['host key', 'bootstrap and units', 'users and authorized keys']),
    );
    const sizes = listed.map((p) => p.bytes);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
  });

  it('names the input that dominates', () => {
    const packages = Array.from({ length: 2500 }, () => `p${randomBytes(8).toString('hex')}`);
    const e = refusal(() => renderUserData(spec({ packages }), assets));
    expect(e.input).toBe('packages');
    expect(e.message).toMatch(/Parts, largest first: packages \d+ B/);
  });
});

// The hostile values (helpers/cloud-init-cases.ts HOSTILE) in every field at once; the integration
// tier also reads each document back with cloud-init's PyYAML and validates it with its schema.
describe('injection', () => {
  const cases = HOSTILE_CASES.map((c) => ({ ...c, ud: render(c.label) }));

  it.each(cases)('round-trips $h (yaml)', ({ ud, expected }) => {
    expect(ud.text.startsWith('#cloud-config\n')).toBe(true);
    const doc = load(ud.text);
    expect(doc).toEqual(expected);
    for (const cmd of doc.runcmd as unknown[]) expect(Array.isArray(cmd)).toBe(true);
  });

  it.each(cases)('does not render deploymentId $h', ({ s, ud }) => {
    expect(renderUserData({ ...s, deploymentId: 'pr-42' }, assets).text).toBe(ud.text);
  });

  it('round-trips random strings of YAML-significant characters, keys and values', () => {
    const ud = render('fuzz');
    const doc = load(ud.text);
    expect(doc.fuzz).toEqual(FUZZ.fuzz);
    expect(doc.keys).toEqual(FUZZ.keys);
    expect(ud.text).not.toMatch(/[\u0085\u2028\u2029\u007f-\u009f]/);
  });
});

/**
 * The keys our own parts emit, each handled by cloud-init 22.2.2 (Amazon Linux 2023's) with the
 * meaning we use: users/groups, ssh, write-files,
 * package-update-upgrade-install (distro-neutral: apt on Debian/Ubuntu, dnf on Amazon Linux) and
 * runcmd all predate 22.2. A new key must be checked against 22.2.2 before it joins this list.
 */
const KEYS_OF_CLOUD_INIT_22_2 = {
  top: [
    'users',
    'ssh_keys',
    'ssh_deletekeys',
    'ssh_genkeytypes',
    'write_files',
    'packages',
    'package_update',
    'package_upgrade',
    'runcmd',
  ],
  user: ['name', 'sudo', 'shell', 'lock_passwd', 'ssh_authorized_keys'],
  file: ['path', 'permissions', 'content'],
  sshKeys: ['ed25519_private'],
};

describe('Amazon Linux 2023 (cloud-init 22.2.2, dnf)', () => {
  const ours = [...CASES].filter(([, s]) => s.extraCloudConfig === undefined);

  it('every key of our own documents is one 22.2.2 handles; none is apt-only', () => {
    expect(ours.length).toBeGreaterThan(8);
    for (const [label] of ours) {
      const doc = load(render(label).text);
      expect(KEYS_OF_CLOUD_INIT_22_2.top, label).toEqual(expect.arrayContaining(Object.keys(doc)));
      for (const u of doc.users as object[])
        expect(KEYS_OF_CLOUD_INIT_22_2.user, label).toEqual(expect.arrayContaining(Object.keys(u)));
      for (const f of doc.write_files as object[])
        expect(KEYS_OF_CLOUD_INIT_22_2.file, label).toEqual(expect.arrayContaining(Object.keys(f)));
      expect(KEYS_OF_CLOUD_INIT_22_2.sshKeys, label).toEqual(
        expect.arrayContaining(Object.keys(doc.ssh_keys as object)),
      );
      expect(render(label).text, label).not.toMatch(/\b(apt|snap|yum_repos)\w*:/);
    }
  });

  it('the AL2023 cases: packages as dnf reads them, user and sudo, TTL first, the default at most 2,048 bytes', () => {
    const ud = render(AL2023);
    const doc = load(ud.text);
    expect(doc.packages).toEqual(['nginx', 'git-2.40.1', 'python3-pip']);
    expect(doc).toMatchObject({ package_update: true, package_upgrade: true });
    expect(doc.users).toEqual([loginUser('ec2-user')]);
    const runcmd = doc.runcmd as unknown[][];
    expect(runcmd[0]).toEqual(['shutdown', '-P', '+240']);
    expect(runcmd[1]).toEqual(systemAccountGuard('ec2-user'));
    // Amazon Linux has sshd.service and no ssh.service: the restart falls back to it.
    expect(runcmd.find((c) => c[0] === 'sh' && c.length === 3)?.[2]).toMatch(
      /\|\|systemctl restart sshd\.service;fi$/,
    );
    // Packages, a port and directories cost bytes on any image; the 2,048 budget is the default's.
    expect(ud.gzipped).toBe(false);
    const al2023 = render('al2023 default');
    expect(al2023.textBytes, `AL2023 user-data: ${al2023.textBytes} bytes`).toBeLessThanOrEqual(
      2048,
    );
  });
});

describe('the cases', () => {
  it('are the only documents rendered here: an unknown label is refused', () => {
    expect(() => render('not a case')).toThrow(/no cloud-init case 'not a case'/);
  });
});
