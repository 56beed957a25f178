import { describe, expect, it } from 'vitest';
import { releaseTags } from '../../../../src/aws/release-tags.js';
import type { InstanceInfo } from '../../../../src/aws/types.js';
import {
  envDiffers,
  noneAnswered,
  planReconcile,
  replacementTtl,
} from '../../../../src/modes/reconcile/decide.js';
import type { InstanceStatus } from '../../../../src/ssh/status-probe.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const tags = releaseTags({ sha256: A, runId: '42', artifactName: 'art', count: 4 });

function inst(id: string, state = 'running', launchTime = '2026-12-01T00:00:00Z'): InstanceInfo {
  return { id, region: 'r', instanceType: 't3.small', lifecycle: 'spot', state, launchTime, tags };
}
const ready = (id: string, sha = A): Extract<InstanceStatus, { reachable: true }> => ({
  id,
  reachable: true,
  state: 'ready',
  sha256: sha,
  current: sha,
});

describe('planReconcile', () => {
  it('keeps the ready instance, replaces the interrupted one, launches up to the tagged count', () => {
    const live = [inst('i-1'), inst('i-2')];
    const statuses: InstanceStatus[] = [
      ready('i-1'),
      { id: 'i-2', reachable: true, state: 'interrupted', sha256: A, current: A },
    ];
    const p = planReconcile(live, statuses, 1);
    expect(p.healthy.map((i) => i.id)).toEqual(['i-1']);
    expect(p.unhealthy.map((u) => [u.info.id, u.why])).toEqual([
      ['i-2', 'its agent says interrupted'],
    ]);
    expect(p).toMatchObject({ sha256: A, size: 4, launch: 3 });
    expect(p.source).toEqual({ runId: '42', artifactName: 'art' });
  });

  it('is a no-op on a full, ready fleet', () => {
    const live = ['i-1', 'i-2', 'i-3', 'i-4'].map((id) => inst(id));
    const p = planReconcile(
      live,
      live.map((i) => ready(i.id)),
      1,
    );
    expect(p).toMatchObject({ launch: 0, unhealthy: [] });
    expect(p.healthy).toHaveLength(4);
  });

  it('counts pending instances without probing them, and replaces the unreachable and the failed', () => {
    const live = [inst('i-1'), inst('i-2', 'pending'), inst('i-3'), inst('i-4')];
    const p = planReconcile(
      live,
      [
        ready('i-1'),
        { id: 'i-3', reachable: false, error: 'timed out' },
        { id: 'i-4', reachable: true, state: 'failed', sha256: B, current: A },
      ],
      1,
    );
    expect(p.pending.map((i) => i.id)).toEqual(['i-2']);
    expect(p.unhealthy.map((u) => u.info.id)).toEqual(['i-3', 'i-4']);
    expect(p.launch).toBe(2);
  });

  it('gives the replacements the release most ready instances run', () => {
    const live = [inst('i-1'), inst('i-2'), inst('i-3', 'running', '2026-12-02T00:00:00Z')];
    const p = planReconcile(live, [ready('i-1', B), ready('i-2', B), ready('i-3', A)], 1);
    expect(p.sha256).toBe(B);
    // No instance is tagged with B: its size and artifact are unknown, the count input applies.
    expect(p).toMatchObject({ size: 1, launch: 0, source: undefined });
  });

  it('with nothing serving, takes the release from the tags and the count input when untagged', () => {
    const p = planReconcile([inst('i-1')], [{ id: 'i-1', reachable: true }], 2);
    expect(p).toMatchObject({ sha256: A, size: 4, launch: 4 });
    expect(planReconcile([], [], 2)).toMatchObject({ sha256: undefined, size: 2, launch: 2 });
  });
});

describe('envDiffers', () => {
  it("names the ready instances whose env digest is not the step's; unknown ones are not counted", () => {
    const E = 'e'.repeat(64);
    const healthy = [inst('i-1'), inst('i-2'), inst('i-3')];
    const statuses: InstanceStatus[] = [
      { ...ready('i-1'), envSha256: E },
      { ...ready('i-2'), envSha256: B },
      ready('i-3'),
      // Not among the healthy: its env does not matter.
      { id: 'i-4', reachable: true, state: 'interrupted', envSha256: B },
    ];
    expect(envDiffers(healthy, statuses, E)).toEqual(['i-2']);
    expect(envDiffers(healthy, statuses, B)).toEqual(['i-1']);
  });
});

describe('noneAnswered', () => {
  const down = (id: string): InstanceStatus => ({ id, reachable: false, error: 'timed out' });
  it('is true only when instances were probed and not one answered', () => {
    expect(noneAnswered([down('i-1'), down('i-2')])).toBe(true);
    expect(noneAnswered([down('i-1'), ready('i-2')])).toBe(false);
    expect(noneAnswered([{ id: 'i-1', reachable: true, state: 'interrupted' }])).toBe(false);
    // No running instance at all: nothing to distrust, every lost one is launched again.
    expect(noneAnswered([])).toBe(false);
  });
});

describe('replacementTtl', () => {
  const now = Date.parse('2026-12-02T10:00:00Z');
  const at = (iso: string) => ({ 'spot-deploy:expires-at': iso });
  it("gives the replacements what is left of the fleet's TTL (the latest expiry), rounded up", () => {
    expect(
      replacementTtl([at('2026-12-02T11:00:30Z'), at('2026-12-02T10:30:00Z')], now, 240),
    ).toEqual({ ttlMinutes: 61 });
  });
  it('a fleet at its end or expired gets no replacement', () => {
    expect(replacementTtl([at('2026-12-02T10:09:00Z')], now, 240)).toEqual({
      expiredAt: '2026-12-02T10:09:00Z',
      why: 'the fleet expires at 2026-12-02T10:09:00Z, in less than 10 minutes',
    });
    expect(replacementTtl([at('2026-12-02T09:00:00Z')], now, 240)).toMatchObject({
      why: 'the fleet expired at 2026-12-02T09:00:00Z',
    });
  });
  it('a fleet with no time limit (one without the tag, or unreadable) gets none; nothing known: the step input', () => {
    expect(replacementTtl([at('2026-12-02T11:00:00Z'), {}], now, 240)).toEqual({ ttlMinutes: 0 });
    expect(replacementTtl([at('next tuesday')], now, 240)).toEqual({ ttlMinutes: 0 });
    expect(replacementTtl([], now, 240)).toEqual({ ttlMinutes: 240 });
  });
});
