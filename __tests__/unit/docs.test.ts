/**
 * README.md's reference tables list exactly what action.yml and the reusable workflow declare,
 * and the README promises that must not rot: the two commands, and links to files and headings
 * that exist. integration/gen-docs.test.ts runs scripts/gen-docs.mjs itself (the CI check that the
 * tables are current, and the generator's behaviour on a scratch copy).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../helpers/repo.js';
import { tableNames } from '../helpers/readme-tables.js';

const ROOT = repoRoot;
const WORKFLOW = '.github/workflows/spot-deploy.yml';

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function anchors(markdown: string): string[] {
  return [...markdown.replace(/```[\s\S]*?```/g, '').matchAll(/^#{1,6} (.+)$/gm)].map((m) =>
    (m[1] ?? '')
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N} _-]/gu, '')
      .replace(/ /g, '-'),
  );
}

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('README reference tables', () => {
  it('list every input and output of action.yml, in its order', () => {
    const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
      inputs: Record<string, unknown>;
      outputs: Record<string, unknown>;
    };
    expect(tableNames(readme, 'inputs')).toEqual(Object.keys(action.inputs));
    expect(tableNames(readme, 'outputs')).toEqual(Object.keys(action.outputs));
  });

  it('list every input and secret of the reusable workflow', () => {
    const wf = parse(readFileSync(join(ROOT, WORKFLOW), 'utf8')) as {
      on: { workflow_call: { inputs: object; secrets: object } };
    };
    expect(tableNames(readme, 'workflow-inputs')).toEqual(Object.keys(wf.on.workflow_call.inputs));
    expect(tableNames(readme, 'workflow-secrets')).toEqual(
      Object.keys(wf.on.workflow_call.secrets),
    );
  });
});

describe('README', () => {
  it('keeps the two commands: the main job on the embedded example, and the whole suite', () => {
    expect(readme).toContain('npm ci && npm run example');
    expect(readme).toContain('bash .ci/run');
    const scripts = (
      JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
        scripts: Record<string, string>;
      }
    ).scripts;
    expect(scripts.example).toBe('node dist/cli.js plan --config examples/plan.yml');
    expect(existsSync(join(ROOT, 'examples/plan.yml'))).toBe(true);
    // .ci/run ends in the whole suite, whatever it installs first.
    expect(readFileSync(join(ROOT, '.ci/run'), 'utf8')).toMatch(/^npm run all$/m);
  });

  it.each(['README.md', 'docs/troubleshooting.md', 'docs/release-notes-v1.md', 'CHANGELOG.md'])(
    '%s links only to files and headings that exist',
    (doc) => {
      const text = readFileSync(join(ROOT, doc), 'utf8');
      const links = [...text.matchAll(/\]\(([^)\s]+)\)/g)]
        .map((m) => m[1] ?? '')
        .filter((t) => !/^[a-z]+:/.test(t));
      expect(links.length).toBeGreaterThan(0);
      for (const link of links) {
        const [path = '', anchor] = link.split('#');
        const file = path === '' ? join(ROOT, doc) : join(ROOT, dirname(doc), path);
        expect(existsSync(file), `${doc} → ${link}`).toBe(true);
        if (anchor !== undefined && file.endsWith('.md'))
          expect(anchors(readFileSync(file, 'utf8')), `${doc} → ${link}`).toContain(anchor);
      }
    },
  );

  it('summarises exactly the actions of docs/iam-policy.json', () => {
    const policy = JSON.parse(readFileSync(join(ROOT, 'docs/iam-policy.json'), 'utf8')) as {
      Statement: Array<{ Action: string | string[] }>;
    };
    const inPolicy = policy.Statement.flatMap((st) => [st.Action].flat()).map((a) =>
      a.startsWith('ec2:') ? a.slice(4) : a,
    );
    const section = readme.split('\n## AWS permissions\n')[1]?.split('\n## ')[0] ?? '';
    const table = section.split('\n').filter((l) => l.startsWith('| '));
    const inReadme = table.flatMap((l) =>
      [...(l.split(' | ')[1] ?? '').matchAll(/`([\w:]+)`/g)].map((m) => m[1]),
    );
    expect([...new Set(inReadme)].sort()).toEqual([...new Set(inPolicy)].sort());
  });

  it('has the sections the quick starts link to', () => {
    for (const heading of [
      '### 1. A one-off deploy (manual dispatch)',
      '### 2. A test fleet per pull request',
      '### 3. A scheduled janitor',
      '## Security model',
      '## Cost safety',
      '## Troubleshooting',
    ])
      expect(readme).toContain(`\n${heading}\n`);
  });
});
