import type { EC2Client } from '@aws-sdk/client-ec2';
import { readInputs } from './action-inputs.js';
import { readEvent, runContextFromEnv } from './context.js';
import { actionRoot } from '../paths.js';
import { lazyArtifactClient, lazyOctokit } from './clients.js';
import { githubPublisher } from './publish.js';
import { actionsSink } from './sink.js';
import { actionsState } from './state.js';

/**
 * The action's main step: inputs → the mode. Each mode is imported only when it runs (a chunk of
 * its own in dist/): a plan never loads the EC2 client or ssh2 (docs/architecture.md, "Start-up").
 */
export async function runMain(withEc2: WithEc2): Promise<void> {
  const inputs = readInputs();
  const ctx = runContextFromEnv(process.env, readEvent(process.env.GITHUB_EVENT_PATH));
  const sink = actionsSink();
  const root = actionRoot();
  // The artifact client and Octokit load on first use (github/clients.ts).
  const artifacts = lazyArtifactClient();
  const publisher = githubPublisher(
    { artifacts, octokit: (token) => lazyOctokit(token) },
    inputs,
    ctx,
    sink,
  );
  if (inputs.mode === 'plan') {
    const { runPlan } = await import('../modes/plan.js');
    await runPlan(inputs, ctx, sink, root, new Date(), publisher);
    return;
  }
  const state = actionsState;
  await withEc2(async (ec2) => {
    if (inputs.mode === 'destroy') {
      const { runDestroy } = await import('../modes/destroy.js');
      await runDestroy(inputs, ctx, { sink, ec2, publisher, state });
    } else if (inputs.mode === 'rollback') {
      const { runRollback } = await import('../modes/rollback.js');
      await runRollback(inputs, ctx, { sink, ec2, publisher, state });
    } else if (inputs.mode === 'reconcile') {
      const [{ runReconcile }, { artifactBundleSource }] = await Promise.all([
        import('../modes/reconcile/run.js'),
        import('./artifact-download.js'),
      ]);
      const source = artifactBundleSource(artifacts, {
        token: inputs.githubToken,
        repository: ctx.repository,
      });
      await runReconcile(inputs, ctx, { sink, ec2, root, source, publisher, state });
    } else {
      const { runDeploy } = await import('../modes/deploy/run.js');
      await runDeploy(inputs, ctx, { sink, state, ec2, root, publisher });
    }
  });
}

/** Runs `work` with the per-region EC2 clients, destroyed afterwards (github/main.ts: withEc2). */
export type WithEc2 = (
  work: (ec2: (region: string) => EC2Client) => Promise<unknown>,
) => Promise<void>;
