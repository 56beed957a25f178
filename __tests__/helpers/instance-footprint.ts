/**
 * What a fake instance (./fake-instance.ts) shows of the deliveries it received, and the
 * interruption watcher's mark, for the tests of mode reconcile (which must never touch a ready
 * instance, and must replace an interrupted one).
 */
import { readdirSync, writeFileSync } from 'node:fs';
import type { FakeInstance } from './fake-instance.js';

const STATUS = '/var/lib/spot-deploy/status.json';
const INCOMING = '/var/lib/spot-deploy/incoming';
const AGENT_LOG = '/var/log/spot-deploy/agent.log';

/** Every trace a delivery leaves: systemctl calls, uploads, the agent's log, status.json. */
export const footprint = (f: FakeInstance) => ({
  systemctl: f.systemctlCalls(),
  incoming: readdirSync(f.path(INCOMING)),
  agentLog: f.read(AGENT_LOG),
  status: f.status(),
});

/** Writes status.json as the interruption watcher does on a spot notice. */
export function markInterrupted(f: FakeInstance): void {
  const was = f.status() ?? {};
  writeFileSync(
    f.path(STATUS),
    JSON.stringify({
      ...was,
      state: 'interrupted',
      interruption: { time: new Date().toISOString(), action: 'terminate' },
    }),
  );
}
