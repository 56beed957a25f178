// Every document the renderer's unit tests render (helpers/cloud-init-cases.ts), validated against
// the schema of Debian bookworm's real cloud-init 22.4 and of the newest cloud-init in Debian's
// archive (forky: 26.2 when written), deprecations included, and read back with the PyYAML
// cloud-init reads user-data with (scripts/cloud-init-schema.sh fetches them into .cache/).
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderUserData } from '../../src/cloud-init/render.js';
import { assets, CASES, FUZZ, HOSTILE_CASES, MERGE_EXTRA } from '../helpers/cloud-init-cases.js';
import {
  CLOUD_INIT_RELEASES,
  loadWithPyYaml,
  validateCloudConfig,
  validateCloudConfigs,
  type CloudInitRelease,
  type SchemaResult,
} from '../helpers/cloud-init-schema.js';

const SCHEMA_TIMEOUT = 300_000;

/** label → text of every case, as the unit tests render it. */
const rendered = new Map([...CASES].map(([label, s]) => [label, renderUserData(s, assets).text]));
const hostileLabels = new Set(HOSTILE_CASES.map((c) => c.label));

/** Top-level keys of cloud-init's that the cases use (ours, and the user's in MERGE_EXTRA). */
const KNOWN = new Set([
  ...Object.keys(MERGE_EXTRA),
  ...Object.keys(parse(rendered.get('default') ?? '') as object),
]);
/** The top-level keys a case adds that no cloud-init module reads (hostile, fuzz, __proto__). */
const ownKeys = (label: string) =>
  Object.keys(CASES.get(label)?.extraCloudConfig ?? {}).filter((k) => !KNOWN.has(k));

/**
 * cloud-init 22.4 accepts unknown top-level keys; 25+ refuses them ("Additional properties are not
 * allowed") and still runs every module at boot. So a case that adds its own keys on purpose must,
 * there, fail on that one error and nothing else (cloud-init prints all errors on one line).
 */
function expectValid(label: string, release: CloudInitRelease, r: SchemaResult | undefined) {
  if (release === 'bookworm' || ownKeys(label).length === 0) {
    expect(r, `${release}: ${label}`).toEqual({ ok: true, output: '' });
    return;
  }
  expect(r?.ok, `${release}: ${label}`).toBe(false);
  const errors = (r?.output ?? '').split('\n').filter((l) => /schema errors|deprecat/i.test(l));
  expect(errors, `${release}: ${label}`).toEqual([
    expect.stringMatching(
      /^Error: Cloud config schema errors: : Additional properties are not allowed \(.* were unexpected\)$/,
    ),
  ]);
}

describe('injection', () => {
  it(
    'round-trips random strings of YAML-significant characters through PyYAML as through yaml',
    async () => {
      const text = rendered.get('fuzz') ?? '';
      const doc = parse(text, { version: '1.1' }) as Record<string, unknown>;
      expect(doc.fuzz).toEqual(FUZZ.fuzz);
      const [py] = await loadWithPyYaml([text]);
      expect(py && 'docs' in py ? py.docs : py).toEqual([doc]);
    },
    SCHEMA_TIMEOUT,
  );

  it(
    'round-trips every hostile value through the PyYAML cloud-init uses, schema-valid',
    async () => {
      const texts = HOSTILE_CASES.map((c) => rendered.get(c.label) ?? '');
      for (const release of CLOUD_INIT_RELEASES) {
        const schema = await validateCloudConfigs(texts, release);
        schema.forEach((r, i) => expectValid(HOSTILE_CASES[i]?.label ?? '', release, r));
      }
      const loaded = await loadWithPyYaml(texts);
      loaded.forEach((r, i) => {
        const c = HOSTILE_CASES[i];
        expect('docs' in r ? r.docs.length : r.error, c?.h).toBe(1);
        if ('docs' in r) expect(r.docs[0], c?.h).toEqual(c?.expected);
      });
    },
    SCHEMA_TIMEOUT,
  );
});

describe.each(CLOUD_INIT_RELEASES)('real cloud-init schema (%s)', (release) => {
  it(
    'rejects known-invalid and deprecated documents (the validator can fail)',
    async () => {
      const bad = await validateCloudConfigs(
        [
          '#cloud-config\nruncmd: 5\n',
          '#cloud-config\nusers: [{name: x, sudo: 7}]\n',
          '#cloud-config\nssh_genkeytypes: []\n',
          // Valid, but deprecated since 22.3: cloud-init exits 0 and only prints it.
          '#cloud-config\nusers: [{name: x, lock-passwd: true}]\n',
        ],
        release,
      );
      expect(bad.map((r) => r.ok)).toEqual([false, false, false, false]);
      expect(bad[0]?.output).toMatch(/runcmd: 5 is not of type 'array'/);
      expect(bad[2]?.output).toMatch(/ssh_genkeytypes: \[\] is too short/);
      expect(bad[3]?.output).toMatch(/deprecations: users\.0\.lock-passwd/);
      expect(await validateCloudConfig('#cloud-config\nruncmd: [[ls, -l]]\n', release)).toEqual({
        ok: true,
        output: '',
      });
    },
    SCHEMA_TIMEOUT,
  );

  it(
    'accepts every document rendered by the unit tests',
    async () => {
      // The hostile ones are validated above.
      const todo = [...rendered].filter(([label]) => !hostileLabels.has(label));
      expect(todo.length).toBeGreaterThan(10);
      const results = await validateCloudConfigs(
        todo.map(([, text]) => text),
        release,
      );
      results.forEach((r, i) => expectValid(todo[i]?.[0] ?? '', release, r));
      // The documents without keys of their own: valid as they are on every release.
      expect(todo.filter(([label]) => ownKeys(label).length === 0).length).toBeGreaterThan(10);
      // And cloud-init's PyYAML reads each one exactly as the yaml library does.
      const all = [...rendered];
      const loaded = await loadWithPyYaml(all.map(([, text]) => text));
      loaded.forEach((r, i) => {
        const [label, text] = all[i] ?? ['', ''];
        expect('docs' in r ? r.docs : r, label).toEqual([parse(text, { version: '1.1' })]);
      });
    },
    SCHEMA_TIMEOUT,
  );
});
