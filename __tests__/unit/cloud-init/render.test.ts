// The user-data renderer: structure, size accounting, gzip fallback, merge rules, injection
// safety, and schema validity against Debian bookworm's real cloud-init 22.4 (every document these
// tests render is validated at the end; the hostile ones are also read back with cloud-init's
// PyYAML).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import ssh2 from 'ssh2';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import {
  compactShell,
  loadCloudInitAssets,
  renderUserData,
  USER_DATA_LIMIT,
  type CloudInitSpec,
  type UserData,
} from '../../../src/cloud-init/render.js';
import { mergeCloudConfig } from '../../../src/cloud-init/merge.js';
import { CloudInitError } from '../../../src/errors.js';
import {
  loadWithPyYaml,
  validateCloudConfig,
  validateCloudConfigs,
} from '../../helpers/cloud-init-schema.js';
import { repoRoot } from '../../helpers/repo.js';

const repo = repoRoot;
const assets = loadCloudInitAssets(join(repo, 'cloud-init'));
const HOST = ssh2.utils.generateKeyPairSync('ed25519', { comment: 'spot-deploy' });
const CLIENT = ssh2.utils.generateKeyPairSync('ed25519', { comment: 'spot-deploy' });
const HOST_PUB = HOST.public.trim();
const CLIENT_PUB = CLIENT.public.trim();
const KEY_BODY = CLIENT_PUB.split(' ').slice(0, 2).join(' ');

const PATHS = {
  bootstrap: '/usr/local/lib/spot-deploy/bootstrap',
  pathUnit: '/etc/systemd/system/spot-deploy.path',
  serviceUnit: '/etc/systemd/system/spot-deploy.service',
  sshd: '/etc/ssh/sshd_config.d/60-spot-deploy.conf',
};
const ENABLE = ['systemctl', 'enable', '--now', 'spot-deploy.path'];
const SCHEMA_TIMEOUT = 300_000;

function spec(over: Partial<CloudInitSpec> = {}): CloudInitSpec {
  return {
    deploymentId: 'pr-42',
    sshUser: 'spot-deploy',
    authorizedKeys: [CLIENT_PUB],
    hostKey: { privateKey: HOST.private, publicKey: HOST_PUB },
    sshPort: 22,
    directories: [],
    packages: [],
    packageUpgrade: false,
    ttlMinutes: 240,
    ...over,
  };
}

/** Every document rendered here, validated by the last test (label → text). */
const rendered = new Map<string, string>();
const validated = new Set<string>();

function render(label: string, s: CloudInitSpec): UserData {
  const ud = renderUserData(s, assets);
  rendered.set(ud.gzipped ? gunzipSync(ud.body).toString('utf8') : ud.text, label);
  return ud;
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

const ourFiles = (extra: object[] = []) => [
  { path: PATHS.bootstrap, permissions: '0755', content: assets.bootstrap },
  { path: PATHS.pathUnit, content: assets.pathUnit },
  { path: PATHS.serviceUnit, content: assets.serviceUnit },
  ...extra,
];

const loginUser = (name: string, keys: string[] = [CLIENT_PUB]) => ({
  name,
  sudo: 'ALL=(ALL) NOPASSWD:ALL',
  shell: '/bin/bash',
  lock_passwd: true,
  ssh_authorized_keys: keys,
});

describe('default rendering', () => {
  const ud = render('default', spec());

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
      'ssh_pwauth',
      'ssh_keys',
      'ssh_deletekeys',
      'ssh_genkeytypes',
      'write_files',
      'runcmd',
    ]);
    expect(doc).toEqual({
      users: [loginUser('spot-deploy')],
      ssh_pwauth: false,
      ssh_keys: { ed25519_private: HOST.private, ed25519_public: HOST_PUB },
      ssh_deletekeys: true,
      ssh_genkeytypes: ['ed25519'],
      write_files: ourFiles(),
      runcmd: [['shutdown', '-P', '+240'], ENABLE],
    });
    expect(ud.text).not.toMatch(/power_state|reboot|package|sshd_config|sh, -c/);
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
    const source = readFileSync(join(repo, 'cloud-init/bootstrap.sh'), 'utf8');
    expect(source.split('\n').filter((l) => /^\s*#(?!!)/.test(l)).length).toBeGreaterThan(5);
    const shipped = assets.bootstrap.split('\n');
    expect(shipped[0]).toBe('#!/bin/sh');
    expect(shipped.slice(1).filter((l) => l.startsWith('#') || /^\s/.test(l))).toEqual([]);
    // The same 574 bytes as when the file itself was kept minified.
    expect(Buffer.byteLength(assets.bootstrap)).toBe(574);
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
    const doc = load(render('packages', spec({ packages: ['jq', 'nginx=1.22.1-9'] })).text);
    expect(doc.packages).toEqual(['jq', 'nginx=1.22.1-9']);
    expect(doc.package_update).toBe(true);
    expect(doc).not.toHaveProperty('package_upgrade');
    const up = load(
      render('packages+upgrade', spec({ packages: ['jq'], packageUpgrade: true })).text,
    );
    expect(up).toMatchObject({ packages: ['jq'], package_update: true, package_upgrade: true });
    const onlyUp = load(render('upgrade only', spec({ packageUpgrade: true })).text);
    expect(onlyUp.package_upgrade).toBe(true);
    expect(onlyUp).not.toHaveProperty('packages');
    expect(onlyUp).not.toHaveProperty('package_update');
  });

  it('directories: one install -d argv, owned by the login user, after the TTL', () => {
    const ud = render(
      'directories',
      spec({ sshUser: 'deploy', directories: ['/srv/app', '/data x'] }),
    );
    const doc = load(ud.text);
    expect(doc.runcmd).toEqual([
      ['shutdown', '-P', '+240'],
      ENABLE,
      ['install', '-d', '-o', 'deploy', '-g', 'deploy', '-m', '0755', '--', '/srv/app', '/data x'],
    ]);
    expect(ud.parts.map((p) => p.name)).toContain('directories');
  });

  it('ssh port: sshd drop-in and a fixed restart command, only when not 22', () => {
    const doc = load(render('port 2222', spec({ sshPort: 2222 })).text);
    expect(doc.write_files).toEqual(ourFiles([{ path: PATHS.sshd, content: 'Port 2222\n' }]));
    const runcmd = doc.runcmd as unknown[][];
    expect(runcmd[0]).toEqual(['shutdown', '-P', '+240']);
    const restart = runcmd.find((c) => c[0] === 'sh');
    expect(restart?.slice(0, 2)).toEqual(['sh', '-c']);
    expect(restart?.[2]).toMatch(/daemon-reload/);
    expect(restart?.[2]).toMatch(/restart ssh\.socket/);
    expect(restart?.[2]).toMatch(/restart ssh\.service/);
    expect(restart?.[2]).not.toMatch(/2222/);
    expect(render('port 22', spec()).text).not.toMatch(/sshd_config|Port /);
  });

  it('ttl 0: no shutdown', () => {
    const doc = load(render('ttl 0', spec({ ttlMinutes: 0 })).text);
    expect(doc.runcmd).toEqual([ENABLE]);
    expect(render('ttl 0 text', spec({ ttlMinutes: 0 })).text).not.toMatch(/shutdown/);
  });

  it('the TTL stays the first command whatever follows', () => {
    const doc = load(
      render(
        'ttl first',
        spec({
          ttlMinutes: 30,
          sshPort: 2022,
          directories: ['/a'],
          extraCloudConfig: { runcmd: [['false']] },
        }),
      ).text,
    );
    const runcmd = doc.runcmd as unknown[];
    expect(runcmd[0]).toEqual(['shutdown', '-P', '+30']);
    expect(runcmd.at(-1)).toEqual(['false']);
    expect(runcmd).toHaveLength(5);
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
  const extra = {
    timezone: 'UTC',
    runcmd: [['echo', 'hi'], 'echo string form'],
    bootcmd: [['true']],
    write_files: [{ path: '/etc/motd', content: 'hello\n' }],
    packages: ['htop'],
    users: ['default', { name: 'ops', groups: 'adm' }],
    ssh_authorized_keys: [`${KEY_BODY} extra`],
    ssh_pwauth: true,
    package_upgrade: true,
    disable_root: false,
    package_reboot_if_required: false,
  };

  it('concatenates lists (ours first), lets user scalars win, adds new keys', () => {
    const doc = load(render('merged', spec({ packages: ['jq'], extraCloudConfig: extra })).text);
    expect(doc).toEqual({
      users: [
        loginUser('spot-deploy', [CLIENT_PUB, `${KEY_BODY} extra`]),
        'default',
        extra.users[1],
      ],
      ssh_pwauth: true,
      ssh_keys: { ed25519_private: HOST.private, ed25519_public: HOST_PUB },
      ssh_deletekeys: true,
      ssh_genkeytypes: ['ed25519'],
      write_files: ourFiles([{ path: '/etc/motd', content: 'hello\n' }]),
      packages: ['jq', 'htop'],
      package_update: true,
      package_upgrade: true,
      runcmd: [['shutdown', '-P', '+240'], ENABLE, ['echo', 'hi'], 'echo string form'],
      timezone: 'UTC',
      bootcmd: [['true']],
      disable_root: false,
      package_reboot_if_required: false,
    });
  });

  it('reports the cloud-config part', () => {
    const ud = render('merged parts', spec({ extraCloudConfig: extra }));
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
    const doc = load(render('drop-in', spec({ extraCloudConfig: { write_files: [ok] } })).text);
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
    const extra = JSON.parse('{"__proto__": {"polluted": true}, "x": 1}') as Record<
      string,
      unknown
    >;
    const ud = render('__proto__', spec({ extraCloudConfig: extra }));
    const doc = load(ud.text);
    expect(Object.hasOwn(doc, '__proto__')).toBe(true);
    expect(doc.x).toBe(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('size', () => {
  it('gzips a text over 16,384 bytes', () => {
    const files = Array.from({ length: 8 }, (_, i) => ({
      path: `/etc/app/file-${i}.conf`,
      content: `setting_${i} = value # a long, repetitive configuration line\n`.repeat(80),
    }));
    const ud = render('gzip', spec({ extraCloudConfig: { write_files: files } }));
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

// Values a renderer built from string templates would break on: quotes, shell, YAML indicators,
// document markers, PyYAML-only line breaks (U+0085, U+2028, U+2029), YAML 1.1 implicit types.
const HOSTILE = [
  `it's "quoted"`,
  'two\nlines\n',
  '$(touch /tmp/x)',
  '`touch /tmp/x`; rm -rf /',
  '---',
  'a\n...\n--- !!python/object/apply:os.system ["id"]',
  '# not a comment',
  'key: value',
  '{}',
  '[a, b]',
  '&anchor',
  '*alias',
  '!!python/object/apply:os.system ["touch /tmp/x"]',
  '  leading and trailing  ',
  'nel\u0085runcmd: [evil]',
  'ls\u2028runcmd: [evil]',
  'ps\u2029---',
  'tab\there',
  'yes',
  '0755',
  '1:20',
  '2001-12-14',
  '<<',
  '=',
  '~',
  '',
  '%YAML 1.1',
  '| block',
  '? key',
  'what? really',
  '?x',
  ':x',
  '-x',
  'a:b :c',
  'http://h:80/p?q=1#f',
  '- item',
  'bom\ufeff del\u007f c1\u0080 nul\u0000 esc\u001b[0m',
  `long ${'x'.repeat(1100)}`,
];

describe('injection', () => {
  // Names that apt-get/useradd would read as options are refused (tested above), so they get a prefix.
  const asName = (h: string) => (h === '' || h.startsWith('-') ? `x${h}` : h);
  const cases = HOSTILE.map((h) => {
    const extra = {
      [`k ${h}`]: h,
      'spot-test': { [h]: [h, { v: h }] },
      write_files: [{ path: `/srv/${h}`, content: h }],
      runcmd: [['echo', h]],
    };
    const s = spec({
      deploymentId: h,
      sshUser: asName(h),
      authorizedKeys: [`${KEY_BODY} ${h}`],
      directories: [h, `/srv/${h}`],
      packages: [asName(h)],
      sshPort: 2222,
      extraCloudConfig: extra,
    });
    const ud = render(`hostile ${JSON.stringify(h).slice(0, 40)}`, s);
    const user = asName(h);
    const expected = {
      users: [loginUser(user, [`${KEY_BODY} ${h}`])],
      ssh_pwauth: false,
      ssh_keys: { ed25519_private: HOST.private, ed25519_public: HOST_PUB },
      ssh_deletekeys: true,
      ssh_genkeytypes: ['ed25519'],
      write_files: ourFiles([
        { path: PATHS.sshd, content: 'Port 2222\n' },
        { path: `/srv/${h}`, content: h },
      ]),
      packages: [user],
      package_update: true,
      runcmd: [
        ['shutdown', '-P', '+240'],
        ENABLE,
        expect.arrayContaining(['sh', '-c']),
        ['install', '-d', '-o', user, '-g', user, '-m', '0755', '--', h, `/srv/${h}`],
        ['echo', h],
      ],
      [`k ${h}`]: h,
      'spot-test': { [h]: [h, { v: h }] },
    };
    return { h, s, ud, expected };
  });

  it.each(cases)('round-trips $h (yaml)', ({ ud, expected }) => {
    expect(ud.text.startsWith('#cloud-config\n')).toBe(true);
    const doc = load(ud.text);
    expect(doc).toEqual(expected);
    for (const cmd of doc.runcmd as unknown[]) expect(Array.isArray(cmd)).toBe(true);
  });

  it.each(cases)('does not render deploymentId $h', ({ s, ud }) => {
    expect(renderUserData({ ...s, deploymentId: 'pr-42' }, assets).text).toBe(ud.text);
  });

  it('round-trips random strings of YAML-significant characters, keys and values', async () => {
    const TOKENS = [
      ...[' ', '  ', '\n', '\t', '\r', ':', '?', '-', '#', ',', '[', ']', '{', '}', '&', '*'],
      ...['!', '|', '>', "'", '"', '%', '@', '`', '\\', '...', '---', '<<', '=', '~', '+', '.'],
      ...['\u0085', '\u2028', '\u2029', '\ufeff', '\u00a0', '\u007f', '\u0090', '\u0000'],
      ...['a', 'y', 'n', 'on', '0', '1', '7', 'e', 'x', '_', '😀', 'é', '$(', 'true', 'null'],
    ];
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const strings = Array.from({ length: 400 }, () =>
      Array.from({ length: 1 + (next() % 7) }, () => TOKENS[next() % TOKENS.length]).join(''),
    );
    const keys = Object.fromEntries(strings.map((s, i) => [s, i]));
    const fuzz = { values: strings.map((v) => ({ v })), flow: strings, argv: [strings] };
    const ud = render(
      'fuzz',
      spec({
        authorizedKeys: strings.map((s) => `${KEY_BODY} ${s}`),
        directories: strings,
        extraCloudConfig: { fuzz, keys },
      }),
    );
    const doc = load(ud.text);
    expect(doc.fuzz).toEqual(fuzz);
    expect(doc.keys).toEqual(keys);
    expect(ud.text).not.toMatch(/[\u0085\u2028\u2029\u007f-\u009f]/);
    const [py] = await loadWithPyYaml([ud.text]);
    expect(py && 'docs' in py ? py.docs : py).toEqual([doc]);
  });

  it(
    'round-trips every hostile value through the PyYAML cloud-init uses, schema-valid',
    async () => {
      const texts = cases.map((c) => c.ud.text);
      const schema = await validateCloudConfigs(texts);
      texts.forEach((t) => validated.add(t));
      schema.forEach((r, i) => expect(r, cases[i]?.h).toEqual({ ok: true, output: '' }));
      const loaded = await loadWithPyYaml(texts);
      loaded.forEach((r, i) => {
        const c = cases[i];
        expect('docs' in r ? r.docs.length : r.error, c?.h).toBe(1);
        if ('docs' in r) expect(r.docs[0], c?.h).toEqual(c?.expected);
      });
    },
    SCHEMA_TIMEOUT,
  );
});

describe('real cloud-init 22.4 schema', () => {
  it(
    'rejects known-invalid documents (the validator can fail)',
    async () => {
      const bad = await validateCloudConfigs([
        '#cloud-config\nruncmd: 5\n',
        '#cloud-config\nusers: [{name: x, sudo: 7}]\n',
        '#cloud-config\nssh_genkeytypes: []\n',
      ]);
      expect(bad.map((r) => r.ok)).toEqual([false, false, false]);
      expect(bad[0]?.output).toMatch(/runcmd: 5 is not of type 'array'/);
      expect(bad[2]?.output).toMatch(/ssh_genkeytypes: \[\] is too short/);
      expect(await validateCloudConfig('#cloud-config\nruncmd: [[ls, -l]]\n')).toEqual({
        ok: true,
        output: '',
      });
    },
    SCHEMA_TIMEOUT,
  );

  it(
    'accepts every document rendered by these tests',
    async () => {
      const todo = [...rendered].filter(([text]) => !validated.has(text));
      expect(todo.length).toBeGreaterThan(10);
      const results = await validateCloudConfigs(todo.map(([text]) => text));
      const invalid = results.map((r, i) => ({ label: todo[i]?.[1], ...r })).filter((r) => !r.ok);
      expect(invalid).toEqual([]);
      // And cloud-init's PyYAML reads each one exactly as the yaml library does.
      const all = [...rendered];
      const loaded = await loadWithPyYaml(all.map(([text]) => text));
      loaded.forEach((r, i) => {
        const [text, label] = all[i] ?? ['', ''];
        expect('docs' in r ? r.docs : r, label).toEqual([parse(text, { version: '1.1' })]);
      });
    },
    SCHEMA_TIMEOUT,
  );
});
