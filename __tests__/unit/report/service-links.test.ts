// The links to a deployment's `ports`: the urls output, and the links column of the step summary
// and the PR comment (golden files; UPDATE_GOLDEN=1 rewrites them), with `ports: 8080`.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BundleResult } from '../../../src/bundle/build.js';
import type { UserData } from '../../../src/cloud-init/render.js';
import { parseInputs } from '../../../src/inputs/parse.js';
import { buildPlan } from '../../../src/inputs/plan.js';
import type { InputName } from '../../../src/inputs/types.js';
import { renderDeploySummary } from '../../../src/report/deploy-summary.js';
import {
  fleetOutputs,
  NO_FLEET,
  setDeployOutputs,
  type RenderedFiles,
} from '../../../src/report/outputs.js';
import { renderPrComment } from '../../../src/report/pr-comment.js';
import type { InstanceResult } from '../../../src/report/results.js';
import { fleetUrls, serviceUrl } from '../../../src/report/service-urls.js';
import { recordingSink } from '../../helpers/recording-sink.js';

const inst = (k: number, over: Partial<InstanceResult> = {}): InstanceResult => ({
  id: `i-${k.toString(16).padStart(17, '0')}`,
  region: 'eu-west-1',
  availabilityZone: 'eu-west-1a',
  instanceType: 't3.small',
  lifecycle: 'spot',
  spotPrice: '0.0071',
  publicIp: `198.51.100.${k}`,
  privateIp: `10.0.0.${k}`,
  status: 'ready',
  adopted: false,
  timings: { runningMs: 31_000, sshReadyMs: 9_000, uploadedMs: 9_400, activeMs: 12_100 },
  ...over,
});

/** Two ready instances and a failed one: only ready instances get links. */
const FLEET: InstanceResult[] = [
  inst(1),
  inst(2, { status: 'failed', step: 'setup', error: 'setup.sh exited 3' }),
  inst(3, { adopted: true }),
];

const plan = (over: Partial<Record<InputName, string>>) =>
  buildPlan(
    parseInputs(
      (n) =>
        ({
          mode: 'deploy',
          regions: 'eu-west-1',
          count: '3',
          'bundle-path': 'examples/bundle',
          'deployment-id': 'pr-42',
          ...over,
        })[n] ?? '',
      { workspace: process.cwd(), defaultRegion: undefined },
    ),
    { tempDir: '/tmp', repository: 'org/app', runId: '99', serverUrl: 'https://github.com' },
    new Date('2026-11-25T12:00:00Z'),
  );

const prepared: RenderedFiles = {
  workDir: '/tmp',
  userData: { bytes: 2032, gzipped: false } as UserData,
  userDataPath: '/tmp/user-data',
  bundle: {
    sha256: 'ab'.repeat(32),
    bytes: 6690,
    fileCount: 4,
    file: '/tmp/b.tgz',
  } as BundleResult,
};

function golden(path: string, text: string): void {
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) writeFileSync(path, text);
  expect(text).toBe(readFileSync(path, 'utf8'));
}

describe('service links', () => {
  it('keep the port explicit but for the schemes’ defaults, and bracket IPv6', () => {
    expect(serviceUrl('198.51.100.1', 8080)).toBe('http://198.51.100.1:8080');
    expect(serviceUrl('198.51.100.1', 80)).toBe('http://198.51.100.1');
    expect(serviceUrl('198.51.100.1', 443)).toBe('https://198.51.100.1');
    expect(serviceUrl('2001:db8::1', 8443)).toBe('http://[2001:db8::1]:8443');
    expect(serviceUrl('2001:db8::1', 443)).toBe('https://[2001:db8::1]');
  });

  it('link every ready instance per port, at the address the runner used', () => {
    const ports = [8080, 443];
    expect(fleetUrls(FLEET, { ports, sshAddress: 'public-ip' })).toEqual([
      'http://198.51.100.1:8080',
      'https://198.51.100.1',
      'http://198.51.100.3:8080',
      'https://198.51.100.3',
    ]);
    expect(fleetUrls(FLEET, { ports, sshAddress: 'private-ip' })).toEqual([
      'http://10.0.0.1:8080',
      'https://10.0.0.1',
      'http://10.0.0.3:8080',
      'https://10.0.0.3',
    ]);
    // A ready instance without the address (no public IP) gets no broken link.
    const { publicIp: _p, ...noPublic } = inst(4);
    expect(fleetUrls([noPublic], { ports, sshAddress: 'public-ip' })).toEqual([]);
  });

  it('the urls output: comma-separated like public-ips; empty without ports and with no fleet', () => {
    const sink = recordingSink();
    const p = plan({ ports: '8080' });
    const links = { ports: p.inputs.ports, sshAddress: p.inputs.sshAddress };
    setDeployOutputs(sink, p.deploymentId, prepared, FLEET, '', links);
    expect(sink.outputs.get('urls')).toBe('http://198.51.100.1:8080,http://198.51.100.3:8080');
    expect(fleetOutputs(sink, FLEET, { ports: [], sshAddress: 'public-ip' }).urls).toBe('');
    expect(NO_FLEET.urls).toBe('');
    // Mode reconcile passes no links: it does not know which ports each deployment opened.
    expect(fleetOutputs(sink, FLEET).urls).toBeUndefined();
  });

  it('the step summary with ports: 8080 has a links column (golden)', () => {
    const p = plan({ ports: '8080' });
    const md = renderDeploySummary(
      p,
      prepared,
      FLEET,
      { shortfall: 0, launchErrors: [] },
      '2 of 3 instance(s) ready (min-ready 3)',
    );
    golden('__tests__/golden/deploy-summary-ports.md', md);
    expect(md).toContain(
      '| ✅ ready | `i-00000000000000001` | eu-west-1 / eu-west-1a | t3.small | spot | $0.0071 | 198.51.100.1 | 31.0 s | 9.0 s | 9.4 s | 12.1 s | [http://198.51.100.1:8080](http://198.51.100.1:8080) |',
    );
    // Without ports the table is the one it always was.
    const plain = renderDeploySummary(
      plan({}),
      prepared,
      FLEET,
      { shortfall: 0, launchErrors: [] },
      'x',
    );
    expect(plain).not.toContain('links');
    expect(plain).not.toContain(':8080');
  });

  it('the PR comment with ports: 8080 links each ready instance (golden)', () => {
    const p = plan({ ports: '8080' });
    const body = renderPrComment({
      deploymentId: p.deploymentId,
      instances: FLEET,
      bundleSha256: 'ab'.repeat(32),
      minReady: 3,
      links: { ports: p.inputs.ports, sshAddress: p.inputs.sshAddress },
      runUrl: 'https://github.com/org/app/actions/runs/99',
      now: new Date('2026-11-25T12:00:00Z'),
    });
    golden('__tests__/golden/pr-comment-ports.md', body);
    expect(body).toContain('| address | detail | links |');
    expect(body).toContain('[http://198.51.100.3:8080](http://198.51.100.3:8080)');
    // The failed instance is listed without a link.
    expect(body).toMatch(/`i-00000000000000002` .*\| – \|$/m);
    const plain = renderPrComment({
      deploymentId: p.deploymentId,
      instances: FLEET,
      bundleSha256: 'ab'.repeat(32),
      links: { ports: [], sshAddress: 'public-ip' },
    });
    expect(plain).not.toContain('links');
  });
});
