/**
 * activationVsSeed: on a real VM, upload → active through our path (deliverBundle: upload,
 * sha256/size verification and the agent's activation, as the action runs it) divided by what a
 * minimal cloud-init "seed" approach does in the same run: plain `scp` of the same bundle onto a
 * path a `.path` unit watches, whose service extracts it, runs its setup hook, installs its unit,
 * reloads systemd and starts it (no verification, no atomic rename, no status, no rollback).
 *
 * Both sides are measured from the host: from the start of the upload until the service runs.
 * The runs interleave (ours, then the seed) on one VM over one SSH connection for the waits.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Client } from 'ssh2';
import { generateEd25519 } from '../../src/keys.js';
import { connect, exec } from '../../src/ssh/connect.js';
import { deliverBundle } from '../../src/ssh/deliver.js';
import { bootVm, exampleBundle, type Vm } from '../../__tests__/helpers/vm.js';
import { median, since } from './stats.js';
import { sshOptions } from './upload.js';

const run = promisify(execFile);
const USER = 'spot-deploy';

/** The seed side, installed over SSH before any timing (a seed's user-data would carry it). */
const SEED_SETUP = [
  'set -eu',
  `install -d -o ${USER} -m 0755 /var/lib/seed/incoming`,
  `cat > /usr/local/lib/seed-activate <<'EOF'
#!/bin/sh
set -eu
d=/opt/seed/r$(date +%s%N)
mkdir -p "$d"
tar xzf /var/lib/seed/incoming/bundle.tar.gz -C "$d"
SPOT_DEPLOY_SHA256=seed sh "$d/setup.sh"
sed -e "s#/opt/spot-deploy/current#$d#g" -e "s#^EnvironmentFile=.*#Environment=PORT=8081#" \\
  "$d/systemd/example-web.service" > /etc/systemd/system/seed-web.service
systemctl daemon-reload
systemctl restart seed-web.service
touch /var/lib/seed/active
EOF`,
  'chmod 0755 /usr/local/lib/seed-activate',
  // PathChanged= fires when the writer closes the file: scp's one write needs no rename.
  `printf '[Path]\\nPathChanged=/var/lib/seed/incoming/bundle.tar.gz\\n[Install]\\nWantedBy=multi-user.target\\n' > /etc/systemd/system/seed.path`,
  `printf '[Service]\\nType=oneshot\\nExecStart=/usr/local/lib/seed-activate\\n' > /etc/systemd/system/seed.service`,
  'systemctl daemon-reload',
  'systemctl enable --now seed.path',
].join('\n');

export interface SeedResult {
  readonly oursMs: number[];
  readonly seedMs: number[];
  /** median(oursMs) / median(seedMs). */
  readonly ratio: number;
  readonly cloudInit: string;
}

/** Boots one VM (bookworm), then `runs` interleaved pairs. Needs root and the built image. */
export async function activationVsSeed(work: string, runs: number): Promise<SeedResult> {
  const host = generateEd25519('bench-seed-host');
  const client = generateEd25519('bench-seed-client');
  const key = join(work, 'seed_client_key');
  writeFileSync(key, client.privateKey, { mode: 0o600 });
  let vm: Vm | undefined;
  let c: Client | undefined;
  try {
    vm = await bootVm({ name: `seed-${process.pid}`, work, host, client, sshUser: USER });
    const port = vm.port;
    const knownHosts = join(work, 'seed_known_hosts');
    writeFileSync(knownHosts, `[127.0.0.1]:${port} ${host.publicKey}\n`);
    c = await connect({
      host: '127.0.0.1',
      port,
      username: USER,
      privateKey: client.privateKey,
      hostKey: host.publicKey,
      deadlineMs: 600_000,
    });
    const sh = async (cmd: string, stdin?: string): Promise<string> => {
      const input = stdin === undefined ? undefined : Buffer.from(stdin);
      const r = await exec(c as Client, cmd, input, { timeoutMs: 300_000 });
      if (r.code !== 0) throw new Error(`${cmd}: exit ${String(r.code)}: ${r.stderr}`);
      return r.stdout.trim();
    };
    // Both measured on a settled guest: cloud-init done, the seed units in place.
    const cloudInit = await sh('cloud-init status --wait >/dev/null; cloud-init --version 2>&1');
    await sh('sudo sh -s', SEED_SETUP);

    const oursMs: number[] = [];
    const seedMs: number[] = [];
    for (let k = 0; k < runs; k++) {
      const b = await exampleBundle(work, `seed-${k}`, (d) =>
        writeFileSync(join(d, 'VERSION'), `seed ${k}\n`),
      );
      let t0 = performance.now();
      const ours = await deliverBundle(c, {
        file: b.file,
        sha256: b.sha256,
        bytes: b.bytes,
        envFile: 'GREETING=bench\nPORT=8080',
        readyTimeoutMs: 300_000,
      });
      const took = since(t0);
      if (ours.status !== 'ready') throw new Error(`ours: ${ours.step}: ${ours.logTail}`);
      oursMs.push(took);

      await sh('sudo rm -f /var/lib/seed/active');
      t0 = performance.now();
      await run('scp', [
        '-q',
        ...sshOptions(key, knownHosts),
        '-P',
        String(port),
        b.file,
        `${USER}@127.0.0.1:/var/lib/seed/incoming/bundle.tar.gz`,
      ]);
      await sh(
        'for i in $(seq 3000); do [ -e /var/lib/seed/active ] && exit 0; sleep 0.05; done; exit 1',
      );
      seedMs.push(since(t0));
      if ((await sh('systemctl is-active seed-web.service || true')) !== 'active')
        throw new Error('the seed service is not active');
    }
    return { oursMs, seedMs, ratio: median(oursMs) / median(seedMs), cloudInit };
  } finally {
    c?.end();
    await vm?.stop();
  }
}
