import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEvent } from '../../../src/github/context.js';

const dir = mkdtempSync(join(tmpdir(), 'event-'));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('readEvent (GITHUB_EVENT_PATH) (B16c)', () => {
  it('reads the payload; none without the variable or the file', () => {
    expect(readEvent(file('ok.json', '{"pull_request":{"number":7}}'))).toEqual({
      pull_request: { number: 7 },
    });
    expect(readEvent(undefined)).toBeUndefined();
    expect(readEvent(join(dir, 'missing.json'))).toBeUndefined();
  });

  it('says what is wrong with a file that is not a JSON object, naming it', () => {
    const bad = file('bad.json', '{not json');
    expect(() => readEvent(bad)).toThrow(
      `Could not read the event payload ${bad} (GITHUB_EVENT_PATH): not valid JSON`,
    );
    expect(() => readEvent(file('list.json', '[1]'))).toThrow(/not a JSON object/);
    expect(() => readEvent(file('null.json', 'null'))).toThrow(/not a JSON object/);
  });

  it('no module imports @actions/github or @actions/artifact on load: they parse the event file then', () => {
    // Loading either reads GITHUB_EVENT_PATH with a bare JSON.parse (an uncaught stack trace, in
    // the post step too); main.ts imports them once readEvent has accepted the file.
    const sources: string[] = [];
    const walk = (d: string): void => {
      for (const name of readdirSync(d)) {
        const p = join(d, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.ts')) sources.push(p);
      }
    };
    walk('src');
    const offenders = sources.filter((p) =>
      /^import (?!type )[^;]*from '@actions\/(github|artifact)'/m.test(readFileSync(p, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});
