// What an instance says it runs (the upload command's first words and reconcile's probe), read (pure).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HAVE_END, HAVE_MARK, readHave } from '../../../src/ssh/have.js';
import { DEFAULT_REMOTE } from '../../../src/ssh/remote-scripts.js';

const A = 'a'.repeat(64);
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

  it('knows nothing of a fresh instance or a torn status.json; output without both marks is no answer', () => {
    expect(readHave(head({}), DEFAULT_REMOTE)).toEqual({});
    expect(readHave('Permission denied', DEFAULT_REMOTE)).toBeUndefined();
    expect(readHave(head({ current: A, status: '{"sha256": "a' }), DEFAULT_REMOTE)).toEqual({
      current: A,
    });
    expect(readHave(`${readyOn(A)}\n${HAVE_END}\n`, DEFAULT_REMOTE)).toBeUndefined();
    expect(readHave(`${HAVE_MARK} /x/${A}\n${readyOn(A)}\n`, DEFAULT_REMOTE)).toBeUndefined();
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
