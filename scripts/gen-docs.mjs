#!/usr/bin/env node
// Renders README.md's reference tables from their sources, between marker comments:
//
//   <!-- inputs:start -->            … <!-- inputs:end -->             action.yml `inputs`
//   <!-- outputs:start -->           … <!-- outputs:end -->            action.yml `outputs`
//   <!-- workflow-inputs:start -->   … <!-- workflow-inputs:end -->    reusable workflow inputs
//   <!-- workflow-secrets:start -->  … <!-- workflow-secrets:end -->   reusable workflow secrets
//
// usage: node scripts/gen-docs.mjs [--check] [--root DIR]
//   (no flag)  rewrite the sections of README.md that are out of date
//   --check    change nothing; exit 1 naming the stale sections (CI: __tests__/unit/docs.test.ts)
//   --root     the repository to work on (default: this script's): DIR/README.md, DIR/action.yml,
//              DIR/.github/workflows/spot-deploy.yml
// Exit status 0: up to date (or rewritten); 1: stale under --check, or any error (a missing
// marker, an unreadable file, a bad flag).
//
// Everything outside the markers is left byte for byte. Rows follow the order of the source, so
// a new input or output appears with no change here.
//
// Importing this module runs nothing: the command line is run() (its exit status and output, in
// process), renderSections() and applySections() its two steps (__tests__/unit/docs.test.ts).
// Types: gen-docs.d.mts.
import { readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const WORKFLOW = '.github/workflows/spot-deploy.yml';
const FIX = 'run `npm run docs` (node scripts/gen-docs.mjs) and commit README.md';

export class DocsError extends Error {}

/** A Markdown table cell: one line, pipes escaped (also inside code spans, as GFM requires). */
function cell(text) {
  return String(text ?? '')
    .replace(/\s*\r?\n\s*/g, ' ')
    .replace(/\|/g, '\\|')
    .trim();
}

/** A value as inline code, with a fence longer than any backtick run inside it. */
function code(value) {
  const text = cell(value);
  if (text === '') return '';
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

function table(header, rows) {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

function entries(mapping, what, file) {
  if (mapping === undefined || mapping === null) return [];
  if (typeof mapping !== 'object' || Array.isArray(mapping)) {
    throw new DocsError(`${file}: ${what} must be a mapping`);
  }
  return Object.entries(mapping).map(([name, spec]) => [name, spec ?? {}]);
}

function description(spec) {
  const text = cell(spec.description);
  const deprecated = spec.deprecationMessage
    ? ` **Deprecated:** ${cell(spec.deprecationMessage)}`
    : '';
  return `${text}${deprecated}`;
}

function defaultCell(spec) {
  if (spec.required === true || spec.required === 'true') return '**required**';
  return spec.default === undefined ? '' : code(spec.default);
}

function readYaml(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new DocsError(`could not read ${file}: ${e.message}`);
  }
  try {
    return parse(text);
  } catch (e) {
    throw new DocsError(`${file} is not valid YAML: ${e.message.split('\n')[0]}`);
  }
}

/** The generated body of every section, keyed by marker name; paths are shown relative to `base`. */
export function renderSections({ action, workflow, base }) {
  const act = readYaml(action);
  const actionName = relative(base, action) || action;
  const sections = {
    inputs: table(
      ['input', 'default', 'description'],
      entries(act?.inputs, 'inputs', actionName).map(([name, spec]) => [
        code(name),
        defaultCell(spec),
        description(spec),
      ]),
    ),
    outputs: table(
      ['output', 'description'],
      entries(act?.outputs, 'outputs', actionName).map(([name, spec]) => [
        code(name),
        description(spec),
      ]),
    ),
  };
  const wf = readYaml(workflow);
  const workflowName = relative(base, workflow) || workflow;
  const call = wf?.on?.workflow_call;
  if (!call) throw new DocsError(`${workflowName} has no on.workflow_call`);
  sections['workflow-inputs'] = table(
    ['input', 'type', 'default', 'description'],
    entries(call.inputs, 'on.workflow_call.inputs', workflowName).map(([name, spec]) => [
      code(name),
      cell(spec.type),
      defaultCell(spec),
      description(spec),
    ]),
  );
  sections['workflow-secrets'] = table(
    ['secret', 'required', 'description'],
    entries(call.secrets, 'on.workflow_call.secrets', workflowName).map(([name, spec]) => [
      code(name),
      spec.required === true ? 'yes' : 'no',
      description(spec),
    ]),
  );
  const sources = {
    inputs: actionName,
    outputs: actionName,
    'workflow-inputs': workflowName,
    'workflow-secrets': workflowName,
  };
  return Object.fromEntries(
    Object.entries(sections).map(([name, body]) => [
      name,
      `<!-- Generated from ${sources[name]} by scripts/gen-docs.mjs: edit ${sources[name]}, then run \`npm run docs\`. -->\n\n${body}`,
    ]),
  );
}

/** README text with each section replaced; `stale` names the sections that changed. */
export function applySections(readme, sections, readmeName = 'README.md') {
  let out = readme;
  const stale = [];
  for (const [name, body] of Object.entries(sections)) {
    const start = `<!-- ${name}:start -->`;
    const end = `<!-- ${name}:end -->`;
    const from = out.indexOf(start);
    const to = out.indexOf(end);
    if (from < 0 || to < 0) {
      throw new DocsError(
        `${readmeName} has no ${from < 0 ? start : end} marker: add the pair ${start} … ${end} where the ${name} table belongs`,
      );
    }
    if (out.indexOf(start, from + 1) >= 0 || out.indexOf(end, to + 1) >= 0) {
      throw new DocsError(`${readmeName} has more than one ${start} … ${end} pair`);
    }
    if (to < from) throw new DocsError(`${readmeName}: ${end} comes before ${start}`);
    const current = out.slice(from + start.length, to);
    const wanted = `\n${body}\n`;
    if (current !== wanted) {
      stale.push(name);
      out = out.slice(0, from + start.length) + wanted + out.slice(to);
    }
  }
  return { text: out, stale };
}

function main(argv, cwd) {
  const { values } = parseArgs({
    args: argv,
    options: {
      check: { type: 'boolean', default: false },
      root: { type: 'string', default: ROOT },
    },
    strict: true,
  });
  const root = values.root;
  const readmePath = join(root, 'README.md');
  const readmeName = relative(cwd, readmePath) || readmePath;
  const sections = renderSections({
    action: join(root, 'action.yml'),
    workflow: join(root, WORKFLOW),
    base: root,
  });
  let readme;
  try {
    readme = readFileSync(readmePath, 'utf8');
  } catch (e) {
    throw new DocsError(`could not read ${readmePath}: ${e.message}`);
  }
  const { text, stale } = applySections(readme, sections, readmeName);
  if (stale.length === 0) {
    return {
      status: 0,
      stdout: `${readmeName}: the generated tables are up to date.\n`,
      stderr: '',
    };
  }
  if (values.check) {
    return {
      status: 1,
      stdout: '',
      stderr: `${readmeName} is out of date: the ${stale.join(', ')} table(s) differ from their source; ${FIX}.\n`,
    };
  }
  writeFileSync(readmePath, text);
  return { status: 0, stdout: `${readmeName}: regenerated ${stale.join(', ')}.\n`, stderr: '' };
}

/**
 * `node scripts/gen-docs.mjs ...argv` in process: its exit status and what it prints (README.md
 * is rewritten unless --check). Paths in messages are relative to `cwd`. A bad flag or a DocsError
 * is status 1 with `gen-docs: <message>` on stderr; anything else (a bug) throws.
 */
export function run(argv, { cwd = process.cwd() } = {}) {
  try {
    return main(argv, cwd);
  } catch (e) {
    const usage = typeof e?.code === 'string' && e.code.startsWith('ERR_PARSE_ARGS');
    if (!(e instanceof DocsError) && !usage) throw e;
    return { status: 1, stdout: '', stderr: `gen-docs: ${e.message}\n` };
  }
}

// The command line, only when this file is the program node runs (`npm run docs`), never on import.
const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(realpathSync(entry)).href) {
  const { status, stdout, stderr } = run(process.argv.slice(2));
  process.stdout.write(stdout);
  process.stderr.write(stderr);
  process.exitCode = status;
}
