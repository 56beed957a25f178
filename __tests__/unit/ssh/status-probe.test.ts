import { describe, expect, it } from 'vitest';
import { CURRENT_MARK, readStatusProbe } from '../../../src/ssh/status-probe.js';

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

  it('a fresh instance has neither; garbage is unreachable', () => {
    expect(readStatusProbe('i-1', `${CURRENT_MARK} \n`)).toEqual({ id: 'i-1', reachable: true });
    expect(readStatusProbe('i-1', 'Permission denied')).toMatchObject({ reachable: false });
  });
});
