import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { lookupRunnerIp } from '../../../src/modes/runner-ip.js';
import { echo, HANG, perUrl } from '../../helpers/fake-fetch.js';

const A = 'https://a.example/ip';
const B = 'https://b.example/ip';

describe('lookupRunnerIp', () => {
  it('returns the first answer', async () => {
    await expect(lookupRunnerIp([A], { fetch: echo('203.0.113.9\n') })).resolves.toBe(
      '203.0.113.9',
    );
  });

  it('asks the next URL when the first fails, and stops at the first address', async () => {
    const f = perUrl({ [A]: 500, [B]: '198.51.100.4' });
    await expect(lookupRunnerIp([A, B, 'https://c.example/'], { fetch: f })).resolves.toBe(
      '198.51.100.4',
    );
    expect(f.asked).toEqual([A, B]);
  });

  it('bounds each URL in time: a hanging one is given up after perUrlMs', async () => {
    const f = perUrl({ [A]: HANG, [B]: '198.51.100.4' });
    const t0 = Date.now();
    await expect(lookupRunnerIp([A, B], { fetch: f, perUrlMs: 50 })).resolves.toBe('198.51.100.4');
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('bounds the whole lookup: URLs after the total time are not asked', async () => {
    let t = 0;
    const f = perUrl({ [A]: HANG });
    const err = await lookupRunnerIp([A, B], {
      fetch: async (url, init) => {
        t += 20_000; // the clock says the first answer took longer than the total
        return f(url, init);
      },
      perUrlMs: 20,
      totalMs: 15_000,
      now: () => t,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect(f.asked).toEqual([A]);
    expect(String(err)).toMatch(/b\.example\/ip: not asked \(the lookup's 15 s were used up\)/);
  });

  it('fails naming runner-ip-lookup with what each URL answered and what to do', async () => {
    const f = perUrl({ [A]: 503, [B]: '<html>captive portal</html>' });
    const err = await lookupRunnerIp([A, B, 'https://c.example/'], { fetch: f }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).input).toBe('runner-ip-lookup');
    const msg = (err as Error).message;
    expect(msg).toContain(`${A}: HTTP 503`);
    expect(msg).toContain(`${B}: answered '<html>captive portal</html>', not one IPv4 address`);
    expect(msg).toContain('https://c.example/: ECONNREFUSED');
    expect(msg).toMatch(/set ssh-cidr to explicit CIDR blocks/);
    expect(msg).toMatch(/ssh-address: private-ip/);
  });

  it('refuses loopback, private-looking garbage and an oversize answer', async () => {
    await expect(lookupRunnerIp([A], { fetch: echo('127.0.0.1') })).rejects.toThrow(/loopback/);
    await expect(lookupRunnerIp([A], { fetch: echo('1.2.3.4'.repeat(20)) })).rejects.toThrow(
      /more than 64 bytes/,
    );
    // An address followed by a page of padding is still too long, even if it starts right.
    await expect(
      lookupRunnerIp([A], { fetch: echo(`203.0.113.9${' '.repeat(100)}`) }),
    ).rejects.toThrow(/more than 64 bytes/);
  });

  it('reads no more than the cap of an endless body', async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled++;
        c.enqueue(new Uint8Array(16).fill(0x31));
      },
    });
    const f = async () => new Response(endless);
    await expect(lookupRunnerIp([A], { fetch: f })).rejects.toThrow(/more than 64 bytes/);
    expect(pulled).toBeLessThan(10);
  });
});
