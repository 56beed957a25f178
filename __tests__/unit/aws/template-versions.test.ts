import {
  DeleteLaunchTemplateVersionsCommand,
  DescribeLaunchTemplateVersionsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { pruneTemplateVersions } from '../../../src/aws/template-versions.js';

const R = 'eu-west-1';
const client = new EC2Client({ region: R });
const ec2 = mockClient(client);
beforeEach(() => ec2.reset());

const versions = (ns: number[], def = 1) =>
  ns.map((n) => ({ LaunchTemplateId: 'lt-1', VersionNumber: n, DefaultVersion: n === def }));

const deletedVersions = () =>
  ec2.commandCalls(DeleteLaunchTemplateVersionsCommand).flatMap((c) => c.args[0].input.Versions);

describe('pruneTemplateVersions', () => {
  it('keeps the default and the newest two, deletes the rest (all pages read)', async () => {
    ec2
      .on(DescribeLaunchTemplateVersionsCommand)
      .resolvesOnce({ LaunchTemplateVersions: versions([7, 6, 5]), NextToken: 'p2' })
      .resolvesOnce({ LaunchTemplateVersions: versions([4, 3, 2, 1]) });
    ec2.on(DeleteLaunchTemplateVersionsCommand).callsFake((input: { Versions: string[] }) => ({
      SuccessfullyDeletedLaunchTemplateVersions: input.Versions.map((v) => ({
        VersionNumber: Number(v),
      })),
    }));
    const r = await pruneTemplateVersions(client, R, 'lt-1', '7');
    expect(deletedVersions()).toEqual(['2', '3', '4', '5']);
    expect(r).toEqual({ deleted: [2, 3, 4, 5], warnings: [] });
    expect(
      ec2.commandCalls(DescribeLaunchTemplateVersionsCommand).map((c) => c.args[0].input),
    ).toEqual([
      { LaunchTemplateId: 'lt-1', MaxResults: 200 },
      { LaunchTemplateId: 'lt-1', MaxResults: 200, NextToken: 'p2' },
    ]);
  });

  it('never deletes the default version, wherever it is, nor this run’s', async () => {
    ec2
      .on(DescribeLaunchTemplateVersionsCommand)
      .resolves({ LaunchTemplateVersions: versions([9, 8, 4, 3, 2, 1], 3) });
    ec2.on(DeleteLaunchTemplateVersionsCommand).resolves({});
    await pruneTemplateVersions(client, R, 'lt-1', '4');
    expect(deletedVersions()).toEqual(['1', '2']);
  });

  it('keeps both versions of a run that split the CPU credits, wherever they are', async () => {
    // This run added 4 (plain) and 5 (T types); concurrent runs added 6 to 9 since.
    ec2
      .on(DescribeLaunchTemplateVersionsCommand)
      .resolves({ LaunchTemplateVersions: versions([9, 8, 7, 6, 5, 4, 3, 2, 1]) });
    ec2.on(DeleteLaunchTemplateVersionsCommand).resolves({});
    await pruneTemplateVersions(client, R, 'lt-1', ['4', '5'], 4);
    expect(deletedVersions()).toEqual(['2', '3']);
  });

  it('deletes nothing while there are only the kept versions', async () => {
    ec2
      .on(DescribeLaunchTemplateVersionsCommand)
      .resolves({ LaunchTemplateVersions: versions([3, 2, 1]) });
    expect(await pruneTemplateVersions(client, R, 'lt-1', '3')).toEqual({
      deleted: [],
      warnings: [],
    });
    expect(ec2.commandCalls(DeleteLaunchTemplateVersionsCommand)).toHaveLength(0);
  });

  it('turns refusals into warnings, never a throw', async () => {
    ec2
      .on(DescribeLaunchTemplateVersionsCommand)
      .resolves({ LaunchTemplateVersions: versions([5, 4, 3, 2, 1]) });
    ec2.on(DeleteLaunchTemplateVersionsCommand).resolves({
      SuccessfullyDeletedLaunchTemplateVersions: [{ VersionNumber: 2 }],
      UnsuccessfullyDeletedLaunchTemplateVersions: [
        { VersionNumber: 3, ResponseError: { Code: 'unexpectedError', Message: 'try later' } },
      ],
    });
    const r = await pruneTemplateVersions(client, R, 'lt-1', '5');
    expect(r.deleted).toEqual([2]);
    expect(r.warnings).toEqual([
      'could not delete version 3 of launch template lt-1 in eu-west-1: unexpectedError: try later',
    ]);

    ec2.reset();
    ec2
      .on(DescribeLaunchTemplateVersionsCommand)
      .rejects(Object.assign(new Error('denied'), { name: 'UnauthorizedOperation' }));
    const denied = await pruneTemplateVersions(client, R, 'lt-1', '5');
    expect(denied.deleted).toEqual([]);
    expect(denied.warnings[0]).toContain('ec2:DescribeLaunchTemplateVersions');

    ec2.reset();
    ec2
      .on(DescribeLaunchTemplateVersionsCommand)
      .resolves({ LaunchTemplateVersions: versions([5, 4, 3, 2, 1]) });
    ec2.on(DeleteLaunchTemplateVersionsCommand).rejects(new Error('denied'));
    const refused = await pruneTemplateVersions(client, R, 'lt-1', '5');
    expect(refused.warnings[0]).toMatch(
      /could not delete old versions 2–3 of launch template lt-1 .*ec2:DeleteLaunchTemplateVersions/,
    );
  });
});
