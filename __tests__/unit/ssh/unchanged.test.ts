// Whether a delivery skips the upload, from what the instance runs (pure).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Have } from '../../../src/ssh/have.js';
import { decideUpload } from '../../../src/ssh/unchanged.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const ENV = 'GREETING=hi\nTOKEN=s3cret\n';
const CHECK = 'curl -fsS http://127.0.0.1:8080/health';

describe('decideUpload', () => {
  const have: Have = {
    current: A,
    state: 'ready',
    sha256: A,
    envSha256: sha(ENV),
    healthCheckSha256: sha(`${CHECK}\n`),
  };
  const want = { sha256: A, envFile: ENV, healthCheck: CHECK };
  const without = (k: keyof Have): Have => {
    const h: Record<string, unknown> = { ...have };
    delete h[k];
    return h;
  };

  it('skips only the release the instance runs ready, with the same env and health check', () => {
    expect(decideUpload(have, want)).toEqual({
      upload: false,
      note: `unchanged: already running ${A.slice(0, 12)}, nothing uploaded`,
    });
    // A health check left alone by this deploy (undefined) is not compared.
    expect(
      decideUpload({ ...have, healthCheckSha256: B }, { ...want, healthCheck: undefined }),
    ).toMatchObject({ upload: false });
    // No env: the instance's file is empty.
    expect(decideUpload({ ...have, envSha256: sha('') }, { ...want, envFile: '' })).toMatchObject({
      upload: false,
    });
    // No health check wanted ('' removes it) and none there.
    expect(decideUpload(without('healthCheckSha256'), { ...want, healthCheck: '' })).toMatchObject({
      upload: false,
    });
  });

  it.each<[string, Have, Partial<typeof want>]>([
    ['another release', { ...have, sha256: B, current: B }, {}],
    ['status.json of this sha256 but current elsewhere', { ...have, current: B }, {}],
    ['no current', without('current'), {}],
    ['failed', { ...have, state: 'failed' }, {}],
    ['rolled-back', { ...have, state: 'rolled-back' }, {}],
    ['interrupted', { ...have, state: 'interrupted' }, {}],
    ['activating', { ...have, state: 'activating' }, {}],
    ['no status', { current: A, envSha256: sha(ENV) }, {}],
    ['a changed env', have, { envFile: 'GREETING=changed\n' }],
    ['an unreadable env file', without('envSha256'), {}],
    ['a changed health check', have, { healthCheck: `${CHECK} -v` }],
    ['a health check to remove', have, { healthCheck: '' }],
    ['a health check to add', without('healthCheckSha256'), {}],
  ])('uploads for %s', (_what, h, w) => {
    const d = decideUpload(h, { ...want, ...w });
    expect(d.upload).toBe(true);
  });

  it('a fresh instance (nothing known) always uploads', () => {
    expect(decideUpload({}, want)).toMatchObject({ upload: true });
  });
});
