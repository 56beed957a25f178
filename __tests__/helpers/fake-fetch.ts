/*
 * Fakes of the fetch `runner-ip-lookup` uses (src/modes/runner-ip.ts), for the unit tier: no socket.
 */
import type { Fetch } from '../../src/modes/runner-ip.js';

/** Every URL answers 200 with `body`. */
export function echo(body: string): Fetch {
  return async () => new Response(body);
}

/** What a URL answers: a body (200), a status, `HANG` (until the signal aborts) or an Error. */
export type Answer = string | number | typeof HANG | Error;
export const HANG = Symbol('hang');

/** Answers per URL; a URL not listed is refused (ECONNREFUSED). */
export function perUrl(answers: Record<string, Answer>): Fetch & {
  readonly asked: string[];
} {
  const asked: string[] = [];
  const f: Fetch = async (url, init) => {
    asked.push(url);
    const a = answers[url];
    if (a === undefined) throw new TypeError('fetch failed', { cause: new Error('ECONNREFUSED') });
    if (a instanceof Error) throw a;
    if (typeof a === 'number') return new Response('error page', { status: a });
    if (a === HANG)
      return new Promise((_, reject) =>
        init.signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true }),
      );
    return new Response(a);
  };
  return Object.assign(f, { asked });
}
