// Issue 12, B13/B15/B16/A9: inputs that cloud-init, EC2 or the instance would read otherwise than
// the user meant. Each case here was accepted (or misread) before the fix.
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _InstanceType } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { renderUserData } from '../../../src/cloud-init/render.js';
import { InputErrors } from '../../../src/errors.js';
import { parseCloudConfig, pyYamlPlainType } from '../../../src/inputs/cloud-config.js';
import { unknownNameWarnings } from '../../../src/inputs/known-names.js';
import { parseInputs } from '../../../src/inputs/parse.js';
import { parseCidr } from '../../../src/inputs/primitives.js';
import { parseDirectory } from '../../../src/inputs/login-user.js';
import { parseInstanceTypes } from '../../../src/inputs/ec2-rules.js';
import type { InputName } from '../../../src/inputs/types.js';
import { REMOTE_PATHS } from '../../../src/instance/contract.js';
import { assets, spec } from '../../helpers/cloud-init-cases.js';

const workspace = mkdtempSync(join(tmpdir(), 'inputs-'));
mkdirSync(join(workspace, 'deploy'));

function errorsOf(over: Partial<Record<InputName, string>>): InputErrors {
  const values: Partial<Record<InputName, string>> = {
    mode: 'plan',
    regions: 'eu-west-1',
    'bundle-path': 'deploy',
    ...over,
  };
  try {
    parseInputs((n) => values[n] ?? '', { workspace, defaultRegion: undefined });
  } catch (e) {
    if (e instanceof InputErrors) return e;
    throw e;
  }
  throw new Error(`no error for ${JSON.stringify(over)}`);
}

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected a refusal');
}

describe('cloud-config is read as cloud-init (PyYAML, YAML 1.1) reads it', () => {
  // [YAML trap, what PyYAML reads]
  const TRAPS: Array<[string, unknown]> = [
    ['0755', 493], // octal: 0o755, not decimal 755 (which cloud-init applies as 0o1363)
    ['-0755', -493],
    ['0o755', '0o755'], // YAML 1.2 octal: text to PyYAML
    ['09', '09'], // not octal, not decimal: text
    ['yes', true],
    ['No', false],
    ['on', true],
    ['OFF', false],
    ['y', 'y'], // YAML 1.1's spec has y/n; PyYAML does not
    ['n', 'n'],
    ['1:20', 80], // sexagesimal
    ['1:20.5', 80.5],
    ['~', null],
    ['.inf', Infinity],
    ['-.Inf', -Infinity],
    ['1e3', '1e3'], // PyYAML's float needs a dot
    ['1.0e+3', 1000],
    ['1_000', 1000],
    ['0x1F', 31],
    ['0b101', 5],
    ['12345678901234567890', 12345678901234567890n],
  ];

  it.each(TRAPS)('%s is what PyYAML reads', (text, value) => {
    expect(parseCloudConfig(`v: ${text}`).v).toEqual(value);
  });

  it.each(TRAPS)('%s survives rendering: the user-data says the same to PyYAML', (text, value) => {
    const ud = renderUserData(spec({ extraCloudConfig: parseCloudConfig(`v: ${text}`) }), assets);
    const line = ud.text.split('\n').find((l) => l.startsWith('v: ')) ?? '';
    const written = line.slice(3);
    // What PyYAML makes of the written scalar: a plain one by its resolvers, else the yaml reading.
    const read = parseCloudConfig(`v: ${written}`).v;
    expect(read, line).toEqual(value);
  });

  it('writes permissions: 0755 as the mode 0755 in write_files', () => {
    const extra = parseCloudConfig('write_files:\n  - path: /srv/x\n    permissions: 0755\n');
    const ud = renderUserData(spec({ extraCloudConfig: extra }), assets);
    const doc = parseYaml(ud.text, { version: '1.1' }) as {
      write_files: Array<{ path: string; permissions?: unknown }>;
    };
    const mine = doc.write_files.find((f) => f.path === '/srv/x');
    expect(mine?.permissions).toBe('0755');
    expect(ud.text).not.toMatch(/permissions: 755\b/);
  });

  it.each([
    ['v: 2001-12-14', /line 1: '2001-12-14' is a date/],
    ['a: 1\nv: =', /line 2: '=' cannot be read/],
    ['v: <<', /'<<' outside a key/],
    ['yes: 1', /key 'yes' is read by cloud-init \(YAML 1\.1\) as boolean/],
    ['~: 1', /key '~' .* as null/],
    ['v: 0b_', /integer PyYAML cannot read/],
  ])('refuses %j, naming cloud-config and the line', (text, why) => {
    const message = refusal(() => parseCloudConfig(text));
    expect(message).toContain("Input 'cloud-config'");
    expect(message).toMatch(why);
  });

  it('keeps merge keys, as PyYAML does', () => {
    expect(parseCloudConfig('base: &b {a: 1}\nv:\n  <<: *b\n  c: 2\n').v).toEqual({ a: 1, c: 2 });
  });

  it('reports alias errors as input errors, collected with the others', () => {
    const bomb =
      'a: &a [1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n';
    for (const [text, why] of [
      ['v: *nowhere', /Unresolved alias/],
      [bomb, /resource exhaustion/],
    ] as const) {
      const err = errorsOf({ count: '0', 'cloud-config': text });
      expect(err.errors.map((e) => e.input)).toEqual(['count', 'cloud-config']);
      expect(err.errors[1]?.message).toMatch(why);
    }
  });

  it('quotes every string PyYAML would resolve to something else', () => {
    const strings = [
      'yes',
      'on',
      'no',
      'y',
      '0755',
      '1:20',
      '2001-01-01',
      '=',
      '<<',
      '~',
      '.inf',
      '1_000',
      'null',
      '',
    ];
    const ud = renderUserData(
      spec({ sshUser: 'no', packages: ['yes', 'on'], extraCloudConfig: { s: strings } }),
      assets,
    );
    // Read with PyYAML's resolvers (the yaml library's YAML 1.1 differs on y/n, 1e3…).
    const doc = parseCloudConfig(ud.text) as {
      s: unknown;
      packages: unknown;
      users: Array<{ name: unknown }>;
    };
    expect(doc.s).toEqual(strings);
    expect(doc.packages).toEqual(['yes', 'on']);
    expect(doc.users[0]?.name).toBe('no');
    // All but 'y' (kept as a string that the yaml library would misread) are PyYAML traps.
    expect(strings.filter((s) => pyYamlPlainType(s) === 'str')).toEqual(['y']);
  });
});

describe('ssh-user: no system account of the image', () => {
  it.each([
    'www-data',
    'messagebus',
    'daemon',
    'nobody',
    'syslog',
    '_apt',
    'systemd-network',
    'ec2-instance-connect',
    'chrony',
    'polkitd',
    'tss',
  ])('%s is refused', (user) => {
    const err = errorsOf({ 'ssh-user': user });
    expect(err.errors[0]?.input).toBe('ssh-user');
    expect(err.message).toContain('system account');
  });

  it.each(['spot-deploy', 'deploy', 'ubuntu', 'ec2-user', 'admin', 'app_1'])(
    '%s is accepted',
    (user) => {
      const values: Partial<Record<InputName, string>> = {
        mode: 'plan',
        regions: 'eu-west-1',
        'bundle-path': 'deploy',
        'ssh-user': user,
      };
      expect(
        parseInputs((n) => values[n] ?? '', { workspace, defaultRegion: undefined }).sshUser,
      ).toBe(user);
    },
  );
});

describe('directories: no system or spot-deploy path', () => {
  it.each([
    '/tmp',
    '/tmp/x',
    '/etc',
    '/etc/app',
    '/usr/local/app',
    '/var',
    '/var/lib',
    '/opt',
    '/home',
    '/srv',
    '/proc/x',
    '/sys',
    '/dev/shm',
    '/boot',
    '/root',
    '/run/app',
    '/bin',
    '/lib64',
    '/var/tmp/x',
    '/opt/spot-deploy',
    '/opt/spot-deploy/current',
    '/var/lib/spot-deploy/incoming',
    '/var/log/spot-deploy',
  ])('%s is refused', (dir) => {
    const err = errorsOf({ directories: dir });
    expect(err.errors[0]?.input).toBe('directories');
    expect(err.message).toMatch(/system|spot-deploy/);
  });

  it('refuses every directory of the on-instance contract and what is under it', () => {
    for (const path of Object.values(REMOTE_PATHS)) {
      expect(() => parseDirectory(path), path).toThrow(/directories/);
      expect(() => parseDirectory(`${path}/x`), path).toThrow(/directories/);
    }
  });

  it.each([
    '/srv/app',
    '/var/lib/myapp',
    '/opt/myapp',
    '/data',
    '/home/app/data',
    '/var/log/myapp',
  ])('%s is accepted', (dir) => {
    expect(parseDirectory(dir)).toBe(dir);
  });
});

describe('ssh-cidr: canonical blocks only', () => {
  it.each([
    ['2001:db8::1/64', 'write 2001:db8::/64'],
    ['2001:db8:0:0:1::/64', 'write 2001:db8::/64'],
    ['::ffff:10.0.0.1/120', 'write ::ffff:a00:0/120'],
    ['fe80::1%eth0/64', 'zone id'],
    ['fe80::%eth0/64', 'zone id'],
    ['1.2.3.4/032', 'leading zero'],
    ['10.0.0.0/08', 'leading zero'],
    ['10.0.0.1/8', 'write 10.0.0.0/8'],
  ])('%s is refused (%s)', (cidr, why) => {
    expect(() => parseCidr('ssh-cidr', cidr)).toThrow(why);
    expect(errorsOf({ 'ssh-cidr': cidr }).errors[0]?.input).toBe('ssh-cidr');
  });

  it.each([
    '2001:db8::/64',
    '::/0',
    '2001:db8::1/128',
    '0.0.0.0/0',
    '1.2.3.4/32',
    '::ffff:10.0.0.0/120',
    'fe80::/10',
  ])('%s is accepted', (cidr) => {
    expect(parseCidr('ssh-cidr', cidr)).toBe(cidr);
  });
});

describe('max-price: above EC2 minimum spot price', () => {
  it.each(['0', '0.0', '0.001', '0.0005', '0.000001', '-1', 'on-demand'])(
    '%s is refused',
    (price) => {
      const err = errorsOf({ 'max-price': price });
      expect(err.errors[0]?.input).toBe('max-price');
      expect(err.message).toContain('0.001');
    },
  );

  it.each(['0.0011', '0.002', '0.05', '2'])('%s is accepted', (price) => {
    const values: Partial<Record<InputName, string>> = {
      mode: 'plan',
      regions: 'eu-west-1',
      'bundle-path': 'deploy',
      'max-price': price,
    };
    expect(
      parseInputs((n) => values[n] ?? '', { workspace, defaultRegion: undefined }).maxPrice,
    ).toBe(price);
  });
});

describe('regions and instance types: form, and what the SDK knows', () => {
  it('accepts the form of every instance type the SDK knows', () => {
    const types = Object.values(_InstanceType);
    expect(types.length).toBeGreaterThan(500);
    const refused = types.filter((t) => {
      try {
        parseInstanceTypes(t, undefined);
        return false;
      } catch {
        return true;
      }
    });
    expect(refused).toEqual([]);
  });

  it.each(['t3.smal', 'foo.bar', 't3.', '3t.small', 't3.large.x', 'm7i-flex.', 't3.2xlargee'])(
    '%s is refused',
    (t) => {
      expect(errorsOf({ 'instance-types': t }).errors[0]?.input).toBe('instance-types');
    },
  );

  it('warns about well-formed names the SDK does not know, not about known ones', () => {
    expect(
      unknownNameWarnings(
        ['eu-west-1', 'us-gov-west-1', 'cn-north-1'],
        ['t3.small', 'm7i-flex.large'],
      ),
    ).toEqual([]);
    const warnings = unknownNameWarnings(['eu-west-9'], ['t3.huge', 't9z.small']);
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatch(/region 'eu-west-9' \(input `regions`\) is not one the AWS SDK/);
    expect(warnings[2]).toMatch(/instance type 't9z.small'/);
  });
});
