/**
 * Setup file of the unit project (vitest.config.ts): unit tests run in process only. Starting a
 * process, listening on a socket or connecting anywhere throws, naming the call and where such a
 * test belongs. The module objects themselves are patched (and the ESM named exports synced), so
 * the guard also holds inside dependencies (Octokit, @actions/artifact, the AWS SDK), which
 * vi.mock would not reach.
 */
import { createRequire, syncBuiltinESMExports } from 'node:module';

const require = createRequire(import.meta.url);

export const UNIT_TIER_RULE =
  'the unit tier (__tests__/unit/) runs in process only: no child processes, no network, no ' +
  'servers; move this test to __tests__/integration/';

function refuse(call: string, what: string) {
  return (...args: unknown[]): never => {
    const first = args[0];
    const shown = typeof first === 'string' ? JSON.stringify(first) : '';
    throw new Error(`${call}(${shown}) ${what}: ${UNIT_TIER_RULE}`);
  };
}

const childProcess = require('node:child_process') as Record<string, unknown>;
for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'])
  childProcess[name] = refuse(`child_process.${name}`, 'would start a process');

const net = require('node:net') as typeof import('node:net');
net.Server.prototype.listen = refuse('net.Server.listen', 'would open a server');
net.Socket.prototype.connect = refuse('net.Socket.connect', 'would open a connection');

const dgram = require('node:dgram') as typeof import('node:dgram');
dgram.Socket.prototype.bind = refuse('dgram.Socket.bind', 'would open a socket');
dgram.Socket.prototype.send = refuse('dgram.Socket.send', 'would send a datagram') as never;

syncBuiltinESMExports();
