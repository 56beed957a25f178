// Every document the renderer's unit tests render (helpers/cloud-init-cases.ts), validated against
// the schema of Debian bookworm's real cloud-init 22.4 and read back with the PyYAML cloud-init
// reads user-data with (scripts/cloud-init-schema.sh fetches both into .cache/ on first use).
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderUserData } from '../../src/cloud-init/render.js';
import { assets, CASES, FUZZ, HOSTILE_CASES } from '../helpers/cloud-init-cases.js';
import {
  loadWithPyYaml,
  validateCloudConfig,
  validateCloudConfigs,
} from '../helpers/cloud-init-schema.js';

const SCHEMA_TIMEOUT = 300_000;

/** label → text of every case, as the unit tests render it. */
const rendered = new Map([...CASES].map(([label, s]) => [label, renderUserData(s, assets).text]));
const hostileLabels = new Set(HOSTILE_CASES.map((c) => c.label));

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
      const schema = await validateCloudConfigs(texts);
      schema.forEach((r, i) => expect(r, HOSTILE_CASES[i]?.h).toEqual({ ok: true, output: '' }));
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
    'accepts every document rendered by the unit tests',
    async () => {
      // The hostile ones are validated above.
      const todo = [...rendered].filter(([label]) => !hostileLabels.has(label));
      expect(todo.length).toBeGreaterThan(10);
      const results = await validateCloudConfigs(todo.map(([, text]) => text));
      const invalid = results.map((r, i) => ({ label: todo[i]?.[0], ...r })).filter((r) => !r.ok);
      expect(invalid).toEqual([]);
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
