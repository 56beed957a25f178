// The PR comment through the real @actions/github client (Octokit) against a fake of GitHub's REST
// endpoints for issue comments, served on loopback: the paging parameters, the update by comment
// id, the token header, and a 403 read as a permission problem. The comment logic itself is
// unit-tested against an in-memory fake in unit/report/pr-comment.test.ts.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getOctokit } from '@actions/github';
import { describe, expect, it } from 'vitest';
import { publishPrComment } from '../../src/github/pr-comment.js';
import { commentMarker } from '../../src/report/pr-comment.js';

type Comment = { id: number; body: string; html_url: string };
const url = (id: number) => `https://github.com/o/r/pull/7#issuecomment-${id}`;
const TARGET = { owner: 'o', repo: 'r', issueNumber: 7 };
const MARKER = commentMarker('pr-7');
const chatter = (n: number) => Array.from({ length: n }, (_, i) => `comment ${i}`);

/** GitHub's REST endpoints for issue comments, for the real @actions/github client. */
async function fakeRestApi(comments: Comment[], refuseWrites = false) {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://x');
      seen.push(`${req.method} ${u.pathname}${u.search} ${req.headers.authorization}`);
      const send = (status: number, v: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(v));
      };
      if (refuseWrites && req.method !== 'GET')
        return send(403, { message: 'Resource not accessible by integration' });
      const body = chunks.length
        ? (JSON.parse(Buffer.concat(chunks).toString()) as Comment)
        : undefined;
      if (req.method === 'GET' && u.pathname === '/repos/o/r/issues/7/comments') {
        const [per, page] = [
          Number(u.searchParams.get('per_page')),
          Number(u.searchParams.get('page')),
        ];
        return send(200, comments.slice((page - 1) * per, page * per));
      }
      const m = /^\/repos\/o\/r\/issues\/comments\/(\d+)$/.exec(u.pathname);
      const c = comments.find((x) => x.id === Number(m?.[1]));
      if (req.method === 'PATCH' && c && body)
        return send(200, Object.assign(c, { body: body.body }));
      send(404, { message: 'Not Found' });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { baseUrl, seen, close: () => new Promise((r) => server.close(r)) };
}

describe('with the real @actions/github client', () => {
  it('pages with per_page/page, updates by comment id, and reads a 403 as a permission problem', async () => {
    const comments = chatter(120).map((body, i) => ({ id: 100 + i, body, html_url: url(100 + i) }));
    comments[110] = { id: 210, body: `${MARKER}\nold`, html_url: url(210) };
    const api = await fakeRestApi(comments);
    try {
      const octokit = (t: string) => getOctokit(t, { baseUrl: api.baseUrl });
      const base = {
        enabled: true,
        token: 'ghs_real',
        target: TARGET,
        octokit,
        deploymentId: 'pr-7',
      };
      const out = await publishPrComment({ ...base, body: `${MARKER}\nnew` });
      expect(out).toMatchObject({ status: 'posted', url: url(210) });
      expect(comments[110]?.body).toBe(`${MARKER}\nnew`);
      expect(api.seen).toEqual([
        'GET /repos/o/r/issues/7/comments?per_page=100&page=1 token ghs_real',
        'GET /repos/o/r/issues/7/comments?per_page=100&page=2 token ghs_real',
        'PATCH /repos/o/r/issues/comments/210 token ghs_real',
      ]);
    } finally {
      await api.close();
    }
    const refusing = await fakeRestApi([], true);
    try {
      const octokit = (t: string) => getOctokit(t, { baseUrl: refusing.baseUrl });
      const out = await publishPrComment({
        enabled: true,
        token: 't',
        target: TARGET,
        octokit,
        deploymentId: 'pr-7',
        body: MARKER,
      });
      expect(out.status).toBe('failed');
      expect(out.message).toContain('GitHub refused (403: Resource not accessible by integration');
      expect(out.message).toContain('`permissions: pull-requests: write`');
    } finally {
      await refusing.close();
    }
  });
});
