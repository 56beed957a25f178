import { cell } from './markdown.js';

/** What destroy or the janitor did in one region (aws/destroy.ts's report has this shape). */
export interface RegionCleanup {
  readonly region: string;
  readonly instancesTerminated: readonly string[];
  readonly securityGroupsDeleted: readonly string[];
  readonly launchTemplatesDeleted: readonly string[];
  readonly errors: readonly string[];
}

/** The step summary of `mode: destroy`: one row per region. */
export function renderDestroySummary(
  deploymentId: string,
  reports: readonly RegionCleanup[],
  terminated: number,
): string {
  const rows = reports.map(
    (r) =>
      `| ${cell(r.region)} | ${cell(r.instancesTerminated.join(', ') || '–')} | ${cell(r.securityGroupsDeleted.join(', ') || '–')} | ${cell(r.launchTemplatesDeleted.join(', ') || '–')} | ${cell(r.errors.join('; ') || '–')} |`,
  );
  return [
    `## spot-deploy destroy: \`${deploymentId}\``,
    '',
    `${terminated} instance(s) terminated.`,
    '',
    '| region | instances | security groups | launch templates | errors |',
    '|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
