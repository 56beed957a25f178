import type { EC2Client } from '@aws-sdk/client-ec2';
import * as runner from './runner.js';
import { errorMessage } from '../errors.js';
import { actionsSink } from './sink.js';
import { NOTHING_LAUNCHED, postHasWork, STATE } from '../modes/state.js';
import { actionsState } from './state.js';

// What every step loads before it knows what to do is kept to this file's static imports: the
// main step (inputs, modes) and the post step's cleanup come with import(), each a chunk of its
// own in dist/, and a post step with nothing to clean up loads neither (docs/architecture.md,
// "Start-up"; __tests__/unit/github/start-up.test.ts keeps it so).

/** The action's main and post steps (the runner runs the same file twice; state tells which). */
export async function run(): Promise<void> {
  try {
    if (runner.getState(STATE.isPost) === 'true') {
      await post();
      return;
    }
    runner.saveState(STATE.isPost, 'true');
    const { runMain } = await import('./main-step.js');
    await runMain(withEc2);
  } catch (e) {
    runner.setFailed(errorMessage(e));
  }
}

/** The post step: the cleanup, loaded only when main saved something for it. */
async function post(): Promise<void> {
  const sink = actionsSink();
  if (!postHasWork(actionsState)) {
    sink.info(NOTHING_LAUNCHED);
    return;
  }
  const { runPost } = await import('../modes/cleanup.js');
  await withEc2((ec2) => runPost(actionsState, ec2, sink));
}

/** Runs `work` with the per-region EC2 clients (aws/clients.ts), destroyed afterwards. */
async function withEc2(
  work: (ec2: (region: string) => EC2Client) => Promise<unknown>,
): Promise<void> {
  const { ec2Clients } = await import('../aws/clients.js');
  const clients = ec2Clients();
  try {
    await work(clients.get);
  } finally {
    clients.destroy();
  }
}
