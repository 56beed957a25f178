// Issue 12 B13/B15: what cloud-init's own PyYAML reads from the user's `cloud-config` equals what
// it reads from the user-data rendered from it; and the directories command leaves an existing
// directory alone (run with sh in a scratch directory, as the login user itself).
import { execFile } from 'node:child_process';
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderUserData } from '../../src/cloud-init/render.js';
import { parseCloudConfig } from '../../src/inputs/cloud-config.js';
import { assets, spec } from '../helpers/cloud-init-cases.js';
import { loadWithPyYaml, validateCloudConfig } from '../helpers/cloud-init-schema.js';

const run = promisify(execFile);
const TIMEOUT = 300_000;

// .inf is left to the unit tests: Python's json.dumps writes it as Infinity, which JSON lacks.
const TRAPS = [
  '0755',
  '-0755',
  '0o755',
  '09',
  'yes',
  'No',
  'on',
  'OFF',
  'y',
  'n',
  '1:20',
  '1:20.5',
  '~',
  '1e3',
  '1.0e+3',
  '1_000',
  '0x1F',
  '0b101',
  "'0755'",
  '"yes"',
];

describe('cloud-config through PyYAML', () => {
  it(
    "reads every YAML 1.1 trap in the rendered user-data as in the user's text",
    async () => {
      const raw = `${TRAPS.map((t, i) => `k${i}: ${t}`).join('\n')}\nwrite_files:\n  - path: /srv/app/x\n    permissions: 0755\n    content: x\n`;
      const text = renderUserData(spec({ extraCloudConfig: parseCloudConfig(raw) }), assets).text;
      const [user, rendered] = await loadWithPyYaml([raw, text]);
      expect(user && 'docs' in user).toBe(true);
      expect(rendered && 'docs' in rendered).toBe(true);
      const u = (user as { docs: Array<Record<string, unknown>> }).docs[0] ?? {};
      const r = (rendered as { docs: Array<Record<string, unknown>> }).docs[0] ?? {};
      for (let i = 0; i < TRAPS.length; i++) expect(r[`k${i}`], TRAPS[i]).toEqual(u[`k${i}`]);
      // permissions: the same mode (493 = 0o755) as the octal string the schema wants.
      const files = r.write_files as Array<{ path: string; permissions: unknown }>;
      expect(files.find((f) => f.path === '/srv/app/x')?.permissions).toBe('0755');
      expect((u.write_files as Array<{ permissions: unknown }>)[0]?.permissions).toBe(493);
      expect(await validateCloudConfig(text)).toEqual({ ok: true, output: '' });
    },
    TIMEOUT,
  );
});

describe('directories on the instance', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spot-deploy-dirs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates missing directories and never changes an existing one or a symlink', async () => {
    const existing = join(dir, 'existing');
    mkdirSync(existing, { mode: 0o700 });
    const link = join(dir, 'link');
    symlinkSync(join(dir, 'nowhere'), link);
    const fresh = join(dir, 'new', 'deep');
    const me = userInfo().username;
    const text = renderUserData(
      spec({ sshUser: me, directories: [existing, link, fresh] }),
      assets,
    ).text;
    const runcmd = (parse(text, { version: '1.1' }) as { runcmd: string[][] }).runcmd;
    const argv = runcmd.at(-1) ?? [];
    expect(argv).toContain(fresh);
    await run(argv[0] ?? '', argv.slice(1));
    expect(statSync(existing).mode & 0o777).toBe(0o700);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(join(dir, 'nowhere'));
    expect(statSync(fresh).mode & 0o777).toBe(0o755);
  });
});
