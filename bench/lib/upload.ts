/**
 * The upload comparison of bench/ssh.bench.ts (a), reduced to the variant bench/all.bench.ts
 * reports: the whole operation to a stock-like sshd (sftp served by the separate
 * /usr/lib/openssh/sftp-server process, as on Debian/Ubuntu), ours = connect + deliverBundle
 * (what-runs-there read, mkdir, upload hashed as it lands, digest + size check, rename, a fake
 * activation) + close, against
 * OpenSSH `scp` of the same file (pinned known_hosts, same client key), runs interleaved.
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateEd25519 } from '../../src/keys.js';
import { connect } from '../../src/ssh/connect.js';
import { deliverBundle } from '../../src/ssh/deliver.js';
import type { RemoteLayout } from '../../src/ssh/remote-scripts.js';
import { startSshd } from '../../__tests__/helpers/sshd.js';
import { median, since } from './stats.js';

/** OpenSSH client options for the benches: our key only, the pinned known_hosts only, no prompts. */
export function sshOptions(key: string, knownHosts: string): string[] {
  return [
    '-F',
    '/dev/null',
    '-i',
    key,
    '-o',
    'IdentitiesOnly=yes',
    '-o',
    'BatchMode=yes',
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    `UserKnownHostsFile=${knownHosts}`,
    '-o',
    'GlobalKnownHostsFile=/dev/null',
  ];
}

/** Stands in for `systemctl start spot-deploy.service`: marks the uploaded sha ready. */
export function fakeStart(path: string, incoming: string, status: string): string {
  writeFileSync(
    path,
    [
      'set -eu',
      `f=$(ls ${incoming}/*.tar.gz | head -n1)`,
      'sha=$(basename "$f" .tar.gz)',
      `printf '{"sha256":"%s","state":"ready","step":"done","log_tail":""}' "$sha" > ${status}`,
      'rm -f "$f"', // as the real bootstrap does once it has extracted a bundle
    ].join('\n'),
  );
  return `sh ${path}`;
}

export interface UploadResult {
  readonly mib: number;
  readonly oursMs: number[];
  readonly scpMs: number[];
  readonly ratio: number;
}

export async function uploadVsScp(work: string, runs: number, mib = 50): Promise<UploadResult> {
  const hostKey = generateEd25519('bench-host');
  const clientKey = generateEd25519('bench-client');
  // delayMs leaves time to rewrite its config (stock sftp-server) before it starts.
  const sshd = await startSshd({ hostKey, clientKey, delayMs: 200 });
  const cfg = join(sshd.dir, 'sshd_config');
  writeFileSync(
    cfg,
    readFileSync(cfg, 'utf8').replace(
      'Subsystem sftp internal-sftp',
      'Subsystem sftp /usr/lib/openssh/sftp-server',
    ),
  );
  await sshd.ready;
  try {
    const file = join(work, `upload-${mib}mib.tar.gz`);
    const data = randomBytes(mib * 1024 * 1024);
    writeFileSync(file, data);
    const sha256 = createHash('sha256').update(data).digest('hex');
    const key = join(work, 'client_key');
    writeFileSync(key, clientKey.privateKey, { mode: 0o600 });
    const knownHosts = join(work, 'known_hosts');
    writeFileSync(knownHosts, `[127.0.0.1]:${sshd.port} ${sshd.hostKey}\n`);
    const remoteDir = join(sshd.dir, 'dest');
    mkdirSync(remoteDir);
    const scp = (): number => {
      const t0 = performance.now();
      execFileSync(
        'scp',
        [
          '-q',
          ...sshOptions(key, knownHosts),
          '-P',
          String(sshd.port),
          file,
          `${sshd.user}@127.0.0.1:${remoteDir}/scp.bin`,
        ],
        { timeout: 120_000, stdio: 'ignore' },
      );
      return since(t0);
    };
    const root = join(sshd.dir, 'ours');
    const remote: Partial<RemoteLayout> = {
      incomingDir: join(root, 'incoming'),
      statusPath: join(root, 'status.json'),
      envPath: join(root, 'env'),
      currentPath: join(root, 'current'),
      startCommand: fakeStart(
        join(sshd.dir, 'fake-start.sh'),
        join(root, 'incoming'),
        join(root, 'status.json'),
      ),
      sudo: '',
    };
    const ours = async (): Promise<number> => {
      // Every run uploads: without the status of the last one, nothing says "unchanged".
      rmSync(join(root, 'status.json'), { force: true });
      const t0 = performance.now();
      const c = await connect({
        host: sshd.host,
        port: sshd.port,
        username: sshd.user,
        privateKey: clientKey.privateKey,
        hostKey: sshd.hostKey,
        deadlineMs: 10_000,
      });
      try {
        const res = await deliverBundle(c, {
          file,
          sha256,
          bytes: data.length,
          readyTimeoutMs: 60_000,
          remote,
        });
        if (res.status !== 'ready') throw new Error(`delivery ${res.status}: ${res.logTail}`);
      } finally {
        c.end();
      }
      return since(t0);
    };
    scp(); // warm-up: page cache, sshd's first fork
    await ours();
    const oursMs: number[] = [];
    const scpMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      scpMs.push(scp());
      oursMs.push(await ours());
    }
    return { mib, oursMs, scpMs, ratio: median(oursMs) / median(scpMs) };
  } finally {
    await sshd.stop();
  }
}
