import { existsSync, readFileSync } from 'node:fs';
import * as core from '@actions/core';
import { readInputs, runContextFromEnv } from './action-inputs.js';
import { errorMessage, NotImplementedError } from './errors.js';
import { actionRoot } from './paths.js';
import { runPlan } from './run-plan.js';
import { actionsSink } from './sink.js';

const STATE_IS_POST = 'isPost';

/** The action's main and post steps (the runner runs the same file twice; state tells which). */
export async function run(): Promise<void> {
  try {
    if (core.getState(STATE_IS_POST) === 'true') return await post();
    core.saveState(STATE_IS_POST, 'true');
    const inputs = readInputs();
    const ctx = runContextFromEnv(process.env, readEvent(process.env.GITHUB_EVENT_PATH));
    if (inputs.mode !== 'plan') {
      throw new NotImplementedError(
        `Input 'mode': '${inputs.mode}' is not available in this version yet; only 'plan' is. Use mode: plan for a dry run.`,
      );
    }
    await runPlan(inputs, ctx, actionsSink(), actionRoot(import.meta.url));
  } catch (e) {
    core.setFailed(errorMessage(e));
  }
}

/** Nothing is launched by this version, so the post step has nothing to clean up. */
async function post(): Promise<void> {
  core.info('spot-deploy post step: no instances were launched by this step; nothing to clean up.');
}

function readEvent(path: string | undefined): { pull_request?: { number?: number } } | undefined {
  if (!path || !existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as { pull_request?: { number?: number } };
  } catch {
    return undefined;
  }
}
