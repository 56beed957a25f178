// What the upload command says the instance runs, and whether a delivery skips the upload (pure).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_REMOTE } from '../../../src/ssh/remote-scripts.js';
import { HAVE_END, HAVE_MARK } from '../../../src/ssh/upload-script.js';
import { decideUpload, readHave, type Have } from '../../../src/ssh/unchanged.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const ENV = 'GREETING=hi\nTOKEN=s3cret\n';
const CHECK = 'curl -fsS http://127.0.0.1:8080/health';

/** The upload command's first words as the instance prints them (sha256sum, then status.json). */
const head = (o: { current?: string; env?: string; hc?: string; status?: string }) =>
  [
    `${HAVE_MARK} ${o.current === undefined ? '' : `/opt/spot-deploy/releases/${o.current}`}`,
    ...(o.env === undefined ? [] : [`${sha(o.env)}  /etc/spot-deploy/env`]),
    ...(o.hc === undefined ? [] : [`${sha(`${o.hc}\n`)}  /etc/spot-deploy/health-check`]),
    ...(o.status === undefined ? [] : [o.status]),
    '',
    HAVE_END,
    '',
  ].join('\n');

const readyOn = (s: string) =>
  JSON.stringify({ sha256: s, state: 'ready', step: 'done', log_tail: 'a\nb {' }, null, 2);

describe('readHave', () => {
  it('reads current, status.json (indented, as the agent writes it) and both digests', () => {
    expect(
      readHave(head({ current: A, env: ENV, hc: CHECK, status: readyOn(A) }), DEFAULT_REMOTE),
    ).toEqual({
      current: A,
      state: 'ready',
      sha256: A,
      envSha256: sha(ENV),
      healthCheckSha256: sha(`${CHECK}\n`),
    });
  });

  it('knows nothing of a fresh instance, a torn status.json or output without the marks', () => {
    expect(readHave(head({}), DEFAULT_REMOTE)).toEqual({});
    expect(readHave(head({ current: A, status: '{"sha256": "a' }), DEFAULT_REMOTE)).toEqual({
      current: A,
    });
    expect(readHave(`${readyOn(A)}\n${HAVE_END}\n`, DEFAULT_REMOTE)).toEqual({});
    expect(readHave(`${HAVE_MARK} /x/${A}\n${readyOn(A)}\n`, DEFAULT_REMOTE)).toEqual({});
  });

  it("takes a digest only for the layout's own paths (openssl's '*' form too)", () => {
    const out = [
      `${HAVE_MARK} /opt/spot-deploy/releases/${A}`,
      `${sha(ENV)}  /etc/spot-deploy/env.part`,
      `${sha(ENV)} */etc/spot-deploy/env`,
      `\\${sha(CHECK)}  /etc/spot-deploy/health\\ncheck`,
      HAVE_END,
    ].join('\n');
    expect(readHave(out, DEFAULT_REMOTE)).toEqual({ current: A, envSha256: sha(ENV) });
  });
});

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
