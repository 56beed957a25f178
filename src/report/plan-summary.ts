import type { BundleResult } from '../bundle/build.js';
import { USER_DATA_LIMIT, type UserData } from '../cloud-init/render.js';
import type { Inputs } from '../inputs/types.js';
import type { Plan } from '../inputs/plan.js';
import { isBurstable } from '../aws/launch-options.js';
import { sshAccessText, worldOpenWarning } from '../inputs/runner-ip.js';
import { cell, formatBytes, percent } from './markdown.js';

/** The step summary of a dry run: what a deploy with these inputs would launch and send. */
export function renderPlanSummary(plan: Plan, userData: UserData, bundle: BundleResult): string {
  const i = plan.inputs;
  const rows = plan.regions.map(
    (r) =>
      `| ${cell(r.region)} | ${r.count === 0 ? '0 (fallback)' : r.count} | ${cell(i.instanceTypes.join(', '))} | ${cell(i.amiByRegion[r.region] ?? i.ami)} (${i.architecture}) |`,
  );
  const parts = userData.parts.map((p) => `| ${cell(p.name)} | ${p.bytes} |`);
  const lines = [
    `## spot-deploy plan: \`${plan.deploymentId}\``,
    '',
    'Dry run: nothing was launched. A deploy with these inputs would start:',
    '',
    '| region | instances | instance types (spot) | image |',
    '|---|---|---|---|',
    ...rows,
    '',
    `Total **${i.count}** instance(s), ready needed: ${i.minReady}; on-demand fallback: ${i.onDemandFallback ? 'yes' : 'no'}; max price: ${i.maxPrice ? `$${i.maxPrice}/h` : 'on-demand price'}; time to live: ${i.ttlMinutes === 0 ? 'none' : `${i.ttlMinutes} min`}${plan.expiresAt ? ` (until ${plan.expiresAt})` : ''}; cleanup: ${i.cleanup}.`,
    '',
    ...launchOptionLines(i),
    `SSH (TCP ${i.sshPort}) open to: ${sshAccessText(i)}.`,
    ...(i.securityGroupIds.length === 0 && worldOpenWarning(i.sshCidrs, i.sshPort)
      ? ['', `> [!WARNING]`, `> ${worldOpenWarning(i.sshCidrs, i.sshPort) ?? ''}`]
      : []),
    '',
    '| size | value | limit | used |',
    '|---|---|---|---|',
    `| user-data${userData.gzipped ? ' (gzip)' : ''} | ${userData.bytes} B | ${USER_DATA_LIMIT} B | ${percent(userData.bytes, USER_DATA_LIMIT)} |`,
    `| bundle content | ${formatBytes(bundle.treeBytes)} in ${bundle.fileCount} files | ${formatBytes(i.bundleMaxBytes)} | ${percent(bundle.treeBytes, i.bundleMaxBytes)} |`,
    `| bundle archive | ${formatBytes(bundle.bytes)} | | |`,
    '',
    `Bundle sha256: \`${bundle.sha256}\``,
    '',
    '<details><summary>user-data bytes by part</summary>',
    '',
    '| part | bytes |',
    '|---|---|',
    ...parts,
    '',
    '</details>',
    '',
  ];
  return lines.join('\n');
}

/** Root volume, instance profile and CPU credits as the launch template will carry them. */
export function launchOptionLines(i: Inputs): string[] {
  const v = i.rootVolume;
  const perf = [
    v.iops !== undefined ? `${v.iops} IOPS` : '',
    v.throughputMiBs !== undefined ? `${v.throughputMiBs} MiB/s` : '',
  ].filter(Boolean);
  const volume = `${v.type}, ${v.sizeGiB === undefined ? "the image's size" : `${v.sizeGiB} GiB`}${perf.length ? `, ${perf.join(', ')}` : ''}, encrypted with ${v.kmsKeyId === undefined ? "the account's default EBS key" : `\`${cell(v.kmsKeyId)}\``}, deleted with the instance`;
  const profile =
    i.instanceProfile === undefined
      ? 'none'
      : `\`${cell('arn' in i.instanceProfile ? i.instanceProfile.arn : i.instanceProfile.name)}\``;
  const burstable = i.instanceTypes.filter(isBurstable);
  const credits =
    burstable.length === 0
      ? 'no burstable type'
      : `${i.cpuCredits} for ${burstable.join(', ')}${burstable.length < i.instanceTypes.length ? ' (the other types have none)' : ''}`;
  return [`Root volume: ${volume}.`, `Instance profile: ${profile}; CPU credits: ${credits}.`];
}
