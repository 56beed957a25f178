import { describe, expect, it } from 'vitest';
import { readReleaseTags, releaseTags } from '../../../src/aws/release-tags.js';
import { TAG } from '../../../src/aws/types.js';

const SHA = 'a'.repeat(64);

describe('release tags', () => {
  it('name the run and the artifact only when both exist', () => {
    expect(
      releaseTags({ sha256: SHA, runId: '42', artifactName: 'spot-deploy-x-42-1', count: 3 }),
    ).toEqual({
      [TAG.bundleSha256]: SHA,
      [TAG.count]: '3',
      [TAG.bundleRun]: '42',
      [TAG.bundleArtifact]: 'spot-deploy-x-42-1',
    });
    expect(releaseTags({ sha256: SHA, runId: '42', artifactName: false, count: 1 })).toEqual({
      [TAG.bundleSha256]: SHA,
      [TAG.count]: '1',
    });
    expect(releaseTags({ sha256: SHA, runId: undefined, artifactName: 'n', count: 1 })).toEqual({
      [TAG.bundleSha256]: SHA,
      [TAG.count]: '1',
    });
  });

  it('read back what they wrote, and nothing malformed or emptied', () => {
    const t = releaseTags({ sha256: SHA, runId: '42', artifactName: 'n', count: 4 });
    expect(readReleaseTags(t)).toEqual({ sha256: SHA, runId: '42', artifactName: 'n', count: 4 });
    expect(
      readReleaseTags({
        [TAG.bundleSha256]: 'nope',
        [TAG.bundleRun]: '',
        [TAG.bundleArtifact]: '',
        [TAG.count]: '0',
      }),
    ).toEqual({});
    expect(readReleaseTags(undefined)).toEqual({});
  });
});
