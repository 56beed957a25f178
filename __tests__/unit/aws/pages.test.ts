import { describe, expect, it } from 'vitest';
import { AwsError } from '../../../src/aws/aws-errors.js';
import { allPages, type Page } from '../../../src/aws/pages.js';

const R = 'eu-west-1';

describe('allPages', () => {
  it('reads every page in order, following the tokens', async () => {
    const pages: Record<string, Page<number>> = {
      '': { items: [1, 2], next: 'a' },
      a: { items: [3], next: 'b' },
      b: { items: [4], next: '' },
    };
    const asked: Array<string | undefined> = [];
    const out = await allPages('DescribeThings', R, 'list things', 5, async (token) => {
      asked.push(token);
      return pages[token ?? ''] ?? { items: [], next: undefined };
    });
    expect(out).toEqual([1, 2, 3, 4]);
    expect(asked).toEqual([undefined, 'a', 'b']);
  });

  it('ends on a token that does not move instead of asking for ever', async () => {
    let calls = 0;
    const out = await allPages('DescribeThings', R, 'list things', 5, async () => {
      calls++;
      return { items: [calls], next: 'same' };
    });
    expect(out).toEqual([1, 2]);
    expect(calls).toBe(2);
  });

  it('more pages than the bound is an error naming the action, not a silent stop', async () => {
    let calls = 0;
    const e = await allPages('DescribeThings', R, 'list things', 3, async () => {
      calls++;
      return { items: [calls], next: `t${calls}` };
    }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(AwsError);
    expect((e as AwsError).message).toBe(
      'Could not list things in eu-west-1: more than 3 pages of ec2:DescribeThings',
    );
    expect(calls).toBe(3);
  });

  it('a failed call becomes an AwsError saying what was being done', async () => {
    const e = await allPages('DescribeThings', R, 'list things', 3, async () => {
      throw Object.assign(new Error('no'), { name: 'UnauthorizedOperation' });
    }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(AwsError);
    expect((e as AwsError).message).toMatch(/^Could not list things in eu-west-1: /);
  });
});
