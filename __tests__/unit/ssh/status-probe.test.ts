import { describe, expect, it } from 'vitest';
import { CURRENT_MARK, ENV_MARK, readStatusProbe } from '../../../src/ssh/status-probe.js';

const A = 'a'.repeat(64);

describe('readStatusProbe', () => {
  it('reads the current release and status.json', () => {
    const out = `${CURRENT_MARK} /opt/spot-deploy/releases/${A}\n{"sha256":"${A}","state":"interrupted"}\n`;
    expect(readStatusProbe('i-1', out)).toEqual({
      id: 'i-1',
      reachable: true,
      state: 'interrupted',
      sha256: A,
      current: A,
    });
  });

  it("reads the env file's digest, printed before the current mark; none is unknown", () => {
    const B = 'b'.repeat(64);
    const out = `${ENV_MARK} ${B}\n${CURRENT_MARK} /opt/spot-deploy/releases/${A}\n{"state":"ready"}\n`;
    expect(readStatusProbe('i-1', out)).toMatchObject({ current: A, envSha256: B });
    const none = `${ENV_MARK} none\n${CURRENT_MARK} /opt/spot-deploy/releases/${A}\n{}`;
    expect(readStatusProbe('i-1', none)).not.toHaveProperty('envSha256');
    // A digest inside status.json is not the env file's.
    const inside = `${CURRENT_MARK} \n{"note":"${ENV_MARK} ${B}\n"}`;
    expect(readStatusProbe('i-1', inside)).not.toHaveProperty('envSha256');
  });

  it('a fresh instance has neither; garbage is unreachable', () => {
    expect(readStatusProbe('i-1', `${CURRENT_MARK} \n`)).toEqual({ id: 'i-1', reachable: true });
    expect(readStatusProbe('i-1', 'Permission denied')).toMatchObject({ reachable: false });
  });
});
