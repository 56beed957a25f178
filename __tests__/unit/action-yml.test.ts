import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULTS } from '../../src/inputs/parse.js';
import { INPUT_NAMES } from '../../src/inputs/types.js';
import { OUTPUT_NAMES } from '../../src/report/sink.js';

interface ActionYml {
  inputs: Record<string, { description?: string; default?: string }>;
  outputs: Record<string, { description?: string }>;
  runs: { using: string; main: string; post: string };
}
const action = parse(readFileSync('action.yml', 'utf8')) as ActionYml;

/** Every `getInput('x')`-style or INPUT_NAMES use in src, found by reading the code. */
function namesUsedInSource(): Set<string> {
  const used = new Set<string>();
  const files = readdirSync('src', { recursive: true, encoding: 'utf8' }).filter((f) =>
    f.endsWith('.ts'),
  );
  for (const file of files) {
    const text = readFileSync(join('src', file), 'utf8');
    for (const m of text.matchAll(/(?:getInput|field)\(\s*'([a-z-]+)'/g)) used.add(m[1] ?? '');
  }
  return used;
}

describe('action.yml', () => {
  it('declares exactly the inputs the code reads', () => {
    expect(Object.keys(action.inputs).sort()).toEqual([...INPUT_NAMES].sort());
    for (const name of namesUsedInSource()) expect(INPUT_NAMES).toContain(name);
    // Every declared input is parsed somewhere.
    const used = namesUsedInSource();
    for (const name of INPUT_NAMES) expect(used.has(name), name).toBe(true);
  });

  it('declares exactly the outputs the code sets, and the code sets them only through OUTPUT_NAMES', () => {
    expect(Object.keys(action.outputs).sort()).toEqual([...OUTPUT_NAMES].sort());
    // No module sets an output by a literal name behind setOutputs' back.
    const files = readdirSync('src', { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.ts'),
    );
    const literal = files.filter((f) =>
      /setOutput\(\s*['"`]/.test(readFileSync(join('src', f), 'utf8')),
    );
    expect(literal).toEqual([]);
  });

  it('gives every input and output a description, and the code the same defaults', () => {
    for (const [name, spec] of Object.entries(action.inputs)) {
      expect(spec.description, name).toBeTruthy();
      expect(spec.default, name).toBe(DEFAULTS[name as keyof typeof DEFAULTS]);
    }
    for (const [name, spec] of Object.entries(action.outputs))
      expect(spec.description, name).toBeTruthy();
  });

  it('declares the outputs the mission needs and runs on node24 with a post step', () => {
    expect(Object.keys(action.outputs)).toEqual(
      expect.arrayContaining([
        'deployment-id',
        'instances',
        'ready-count',
        'failed-count',
        'public-ips',
        'bundle-sha256',
        'artifact-id',
        'cloud-init-bytes',
        'user-data-path',
        'bundle-file',
      ]),
    );
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js', post: 'dist/index.js' });
  });
});
