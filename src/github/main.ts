import * as core from '@actions/core';
import { readInputs } from './action-inputs.js';
import { readEvent, runContextFromEnv } from './context.js';
import { ec2Clients } from '../aws/clients.js';
import { runDeploy } from '../modes/deploy/run.js';
import { errorMessage } from '../errors.js';
import { actionRoot } from '../paths.js';
import { runPost } from '../modes/cleanup.js';
import { runDestroy } from '../modes/destroy.js';
import { runPlan } from '../modes/plan.js';
import { runRollback } from '../modes/rollback.js';
import { runReconcile } from '../modes/reconcile/run.js';
import { artifactBundleSource } from './artifact-download.js';
import { githubPublisher } from './publish.js';
import { actionsSink } from './sink.js';
import { STATE } from '../modes/state.js';
import { actionsState } from './state.js';

/** The action's main and post steps (the runner runs the same file twice; state tells which). */
export async function run(): Promise<void> {
  const clients = ec2Clients();
  try {
    if (core.getState(STATE.isPost) === 'true') {
      await runPost(actionsState, clients.get, actionsSink());
      return;
    }
    core.saveState(STATE.isPost, 'true');
    const inputs = readInputs();
    const ctx = runContextFromEnv(process.env, readEvent(process.env.GITHUB_EVENT_PATH));
    // Imported only now: @actions/github (also through @actions/artifact) parses
    // GITHUB_EVENT_PATH when it is loaded, and a bad file would crash the step (the post step's
    // cleanup too) with a stack trace before run(); readEvent has said what is wrong by now.
    const [{ DefaultArtifactClient }, { getOctokit }] = await Promise.all([
      import('@actions/artifact'),
      import('@actions/github'),
    ]);
    const sink = actionsSink();
    const root = actionRoot();
    const artifacts = new DefaultArtifactClient();
    const publisher = githubPublisher(
      { artifacts, octokit: (token) => getOctokit(token) },
      inputs,
      ctx,
      sink,
    );
    const ec2 = clients.get;
    if (inputs.mode === 'plan') await runPlan(inputs, ctx, sink, root, new Date(), publisher);
    else if (inputs.mode === 'destroy')
      await runDestroy(inputs, ctx, { sink, ec2, publisher, state: actionsState });
    else if (inputs.mode === 'rollback')
      await runRollback(inputs, ctx, { sink, ec2, publisher, state: actionsState });
    else if (inputs.mode === 'reconcile') {
      const source = artifactBundleSource(artifacts, {
        token: inputs.githubToken,
        repository: ctx.repository,
      });
      await runReconcile(inputs, ctx, { sink, ec2, root, source, publisher, state: actionsState });
    } else await runDeploy(inputs, ctx, { sink, state: actionsState, ec2, root, publisher });
  } catch (e) {
    core.setFailed(errorMessage(e));
  } finally {
    clients.destroy();
  }
}
