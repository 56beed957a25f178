import { describe, expect, it } from 'vitest';
import { HAVE_END, HAVE_MARK } from '../../../src/ssh/have.js';
import { DEFAULT_REMOTE } from '../../../src/ssh/remote-scripts.js';
import { readStatusProbe, statusProbeScript } from '../../../src/ssh/status-probe.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const C = 'c'.repeat(64);

describe('readStatusProbe', () => {
  it("reads the current release, status.json and the env file's digest, not the health check's", () => {
    const out = [
      `${HAVE_MARK} /opt/spot-deploy/releases/${A}`,
      `${B}  ${DEFAULT_REMOTE.envPath}`,
      `${C}  ${DEFAULT_REMOTE.healthCheckPath}`,
      `{"sha256":"${A}","state":"interrupted"}`,
      '',
      HAVE_END,
      '',
    ].join('\n');
    expect(readStatusProbe('i-1', out)).toEqual({
      id: 'i-1',
      reachable: true,
      state: 'interrupted',
      sha256: A,
      current: A,
      envSha256: B,
    });
  });

  it('a fresh instance has none of it; output without the marks is unreachable', () => {
    const fresh = `${HAVE_MARK} \n\n${HAVE_END}\n`;
    expect(readStatusProbe('i-1', fresh)).toEqual({ id: 'i-1', reachable: true });
    expect(readStatusProbe('i-1', 'Permission denied')).toMatchObject({ reachable: false });
  });

  it('only reads: the script writes, starts and uploads nothing', () => {
    const s = statusProbeScript(DEFAULT_REMOTE);
    expect(s).not.toMatch(/\b(install|mv|rm|tee|systemctl|python3)\b|>\s*[^&/]/);
  });
});
