// github/runner.ts speaks the runner's protocol without @actions/core (whose HTTP client costs a
// plan's start-up most of its time): every call must write exactly what @actions/core writes.
import * as core from '@actions/core';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as runner from '../../../src/github/runner.js';

const ENV_KEYS = ['GITHUB_OUTPUT', 'GITHUB_STATE', 'GITHUB_STEP_SUMMARY'] as const;
const saved = new Map<string, string | undefined>();

/** What `act` writes to stdout and to the runner's three files, random delimiters made equal. */
async function capture(act: () => unknown): Promise<{ stdout: string; files: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'runner-'));
  for (const k of ENV_KEYS) {
    process.env[k] = join(dir, k);
    writeFileSync(join(dir, k), '');
  }
  let stdout = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  try {
    await act();
  } finally {
    spy.mockRestore();
  }
  const same = (s: string) => s.replace(/ghadelimiter_[0-9a-f-]{36}/g, 'ghadelimiter_X');
  return {
    stdout: same(stdout),
    files: ENV_KEYS.map((k) => same(readFileSync(join(dir, k), 'utf8'))),
  };
}

describe('github/runner.ts writes what @actions/core writes', () => {
  beforeEach(() => {
    for (const k of [...ENV_KEYS, 'INPUT_SSH-USER', 'INPUT_MY_INPUT', 'STATE_isPost'])
      saved.set(k, process.env[k]);
  });
  afterEach(() => {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    process.exitCode = undefined;
  });

  const odd = 'multi\nline\r\n100% sure: a, b::c';
  const cases: [string, (api: typeof runner | typeof core) => unknown][] = [
    ['setOutput', (api) => api.setOutput('instances', odd)],
    ['saveState', (api) => api.saveState('launched', '{"eu-west-1":["i-1"]}')],
    ['setSecret', (api) => api.setSecret(odd)],
    ['info', (api) => api.info(odd)],
    ['warning', (api) => api.warning(odd)],
    ['group', (api) => api.group('a: group, named', async () => api.info('inside'))],
  ];
  it.each(cases)('%s', async (_name, call) => {
    const ours = await capture(() => call(runner));
    const theirs = await capture(() => call(core));
    expect(ours).toEqual(theirs);
    expect(ours.stdout + ours.files.join('')).not.toBe('');
  });

  it('setFailed: the error annotation and exit code 1, without throwing', async () => {
    const ours = await capture(() => runner.setFailed(odd));
    expect(process.exitCode).toBe(1);
    process.exitCode = undefined;
    const theirs = await capture(() => core.setFailed(odd));
    expect(process.exitCode).toBe(1);
    expect(ours).toEqual(theirs);
  });

  it('the step summary: appended with a newline, as core.summary.addRaw(md, true).write()', async () => {
    const ours = await capture(async () => {
      await runner.appendSummary('# one');
      await runner.appendSummary('two');
    });
    const theirs = await capture(async () => {
      await core.summary.addRaw('# one', true).write();
      await core.summary.addRaw('two', true).write();
    });
    expect(ours).toEqual(theirs);
    expect(ours.files[2]).toMatch(/^# one\r?\ntwo\r?\n$/);
  });

  it('without the runner files: the stdout commands @actions/core falls back to', async () => {
    const both = async (api: typeof runner | typeof core) => {
      const r = await capture(() => {
        for (const k of ENV_KEYS) delete process.env[k];
        api.setOutput('deployment-id', odd);
        api.saveState('isPost', 'true');
      });
      return r.stdout;
    };
    expect(await both(runner)).toBe(await both(core));
    expect(await both(runner)).toContain('::set-output name=deployment-id::');
  });

  it('inputs and state: the same names, trimming and defaults', () => {
    process.env['INPUT_SSH-USER'] = '  deploy \n';
    process.env.INPUT_MY_INPUT = 'x';
    process.env.STATE_isPost = 'true';
    for (const name of ['ssh-user', 'my input', 'absent'])
      expect(runner.getInput(name)).toBe(core.getInput(name));
    expect(runner.getInput('ssh-user')).toBe('deploy');
    expect(runner.getInput('my input')).toBe('x');
    expect(runner.getState('isPost')).toBe(core.getState('isPost'));
    expect(runner.getState('absent')).toBe('');
  });
});
