// The unit project's setup file (helpers/unit-guard.ts) really refuses processes and sockets,
// however they are reached: named imports, promisified calls, HTTP servers and clients, fetch.
import { execFile, spawn, spawnSync } from 'node:child_process';
import { createServer as createHttpServer, get } from 'node:http';
import { connect, createServer } from 'node:net';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const RULE =
  /in process only: no child processes, no network, no servers; move this test to __tests__\/integration\//;

describe('the unit tier guard', () => {
  it('refuses to start a process', async () => {
    expect(() => spawnSync('tar', ['--version'])).toThrow(
      /child_process\.spawnSync\("tar"\) would start a process/,
    );
    expect(() => spawn('true')).toThrow(RULE);
    await expect(promisify(execFile)('true', [])).rejects.toThrow(RULE);
  });

  it('refuses to listen, on TCP, HTTP or a unix socket', () => {
    expect(() => createServer().listen(0, '127.0.0.1')).toThrow(
      /net\.Server\.listen\(\) would open a server/,
    );
    expect(() => createHttpServer().listen(0)).toThrow(RULE);
    expect(() => createServer().listen('/tmp/spot-deploy-guard.sock')).toThrow(RULE);
  });

  it('refuses to connect, with net, http or fetch', async () => {
    expect(() => connect(9, '127.0.0.1')).toThrow(
      /net\.Socket\.connect\(\) would open a connection/,
    );
    expect(() => get('http://127.0.0.1:9/')).toThrow(RULE);
    const failed = await fetch('http://127.0.0.1:2/').catch((e: unknown) => e);
    expect((failed as Error & { cause?: unknown }).cause).toMatchObject({
      message: expect.stringMatching(RULE) as unknown,
    });
  });
});
