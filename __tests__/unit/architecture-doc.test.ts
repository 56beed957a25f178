// docs/architecture.md's module map is the newcomer's index of src/: it must name every module,
// each under its own folder's heading, and name nothing that is gone.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/repo.js';

const doc = readFileSync(join(repoRoot, 'docs/architecture.md'), 'utf8');
const map = doc.slice(
  doc.indexOf('## Module map'),
  doc.indexOf('\n## ', doc.indexOf('## Module map') + 1),
);
const modules = readdirSync(join(repoRoot, 'src'), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.split('\\').join('/'))
  .sort();

/** The module paths the map names: `name.ts` under a `**\`folder/\`**` heading, or top-level ones. */
function named(text: string): string[] {
  const out: string[] = [];
  let folder = '';
  for (const line of text.split('\n')) {
    const heading = /^\*\*`([a-z-]+)\/`\*\*/.exec(line);
    if (heading) folder = `${heading[1] ?? ''}/`;
    else if (line.startsWith('**Entry points')) folder = '';
    if (!line.startsWith('- ')) continue;
    const head = line.slice(2).split(':')[0] ?? '';
    for (const m of head.matchAll(/`([a-z0-9/-]+\.ts)`/g)) out.push(folder + (m[1] ?? ''));
  }
  return out.sort();
}

describe('docs/architecture.md module map', () => {
  it('names every module under src/, by folder, and no module that does not exist', () => {
    expect(named(map)).toEqual(modules);
  });

  it('would notice a module missing from the map', () => {
    const without = map.replace(/^- `time\.ts`.*$/m, '');
    expect(named(without)).not.toEqual(modules);
  });
});
