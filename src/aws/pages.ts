/*
 * Reading every page of a paged EC2 Describe call, bounded: one loop instead of one per caller.
 */
import { AwsError, awsError } from './aws-errors.js';

/** One page: its items and the token of the next one (undefined or '' on the last page). */
export interface Page<T> {
  readonly items: readonly T[];
  readonly next: string | undefined;
}

/**
 * Every item of every page, in order. More than `maxPages` pages is an error rather than a silent
 * stop (what is left out could be the one item the caller needs: the newest image, a stale rule);
 * a token that does not move ends the listing, since asking again would loop for ever. A failed
 * call becomes an AwsError naming `action` and `what`.
 */
export async function allPages<T>(
  action: string,
  region: string,
  what: string,
  maxPages: number,
  page: (token: string | undefined) => Promise<Page<T>>,
): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  for (let n = 0; n < maxPages; n++) {
    let res: Page<T>;
    try {
      res = await page(token);
    } catch (err) {
      throw awsError(action, region, err, what);
    }
    out.push(...res.items);
    if (res.next === undefined || res.next === '' || res.next === token) return out;
    token = res.next;
  }
  throw new AwsError(
    action,
    region,
    'TooManyPages',
    `Could not ${what} in ${region}: more than ${maxPages} pages of ec2:${action}`,
  );
}
