import { TAG, type InstanceInfo } from '../aws/types.js';
import { cell } from './markdown.js';

/** `spot-deploy status`: the deployment's instances as EC2 tags describe them, with launch and expiry. */
export function renderStatusSummary(
  deploymentId: string,
  regions: readonly string[],
  found: readonly InstanceInfo[],
): string {
  const rows = found.map(
    (i) =>
      `| \`${i.id}\` | ${cell(i.state ?? '?')} | ${cell(i.region)} / ${cell(i.availabilityZone ?? '–')} | ${cell(i.instanceType)} | ${i.lifecycle} | ${cell(i.publicIp ?? '–')} | ${cell(i.privateIp ?? '–')} | ${cell(i.launchTime ?? '–')} | ${cell(i.tags?.[TAG.expiresAt] ?? '–')} |`,
  );
  return [
    `## spot-deploy status: \`${deploymentId}\` — ${found.length} instance(s) in ${regions.join(', ')}`,
    '',
    '| instance | state | region / AZ | type | lifecycle | public IP | private IP | launched | expires |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
