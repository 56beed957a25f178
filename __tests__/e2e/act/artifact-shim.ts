import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback pass-through in front of act's artifact server that makes act 0.2.89 accept what
 * @actions/artifact 6 sends. act's server has two bugs with current clients (nektos/act#6022 and
 * #6114; fixed by the open PRs #6115 and #6174, not in a release):
 *
 * 1. it decodes requests with strict protojson, so CreateArtifact fails on the `mime_type` field
 *    the client now sends (`Error decode request body: proto: … unknown field "mime_type"`, the
 *    client retries 5 times, then `Failed to CreateArtifact: … Unexpected end of JSON input`);
 * 2. it decodes the upload URL's `sig` with padded base64, but the Azure SDK drops the `=`
 *    padding when it appends `comp=block`, so every block upload is `Error unauthorized`.
 *
 * The shim does what those PRs do, on the wire: it drops `mime_type` from CreateArtifact and
 * restores the padding of `sig`; everything else passes through untouched, and act stores the
 * artifact as usual. act points the job at it through ACTIONS_RUNTIME_URL (act uses that
 * variable, when set, for both ACTIONS_RUNTIME_URL and ACTIONS_RESULTS_URL of every step) and
 * builds the signed upload URL from the request's Host header, so uploads come back through
 * here too. Remove it once act ships the fix.
 */
export interface ArtifactShim {
  /** `http://127.0.0.1:PORT/`, for ACTIONS_RUNTIME_URL. */
  readonly url: string;
  /** `METHOD /path` of every request seen (query strings dropped). */
  readonly requests: readonly string[];
  close(): Promise<void>;
}

const CREATE = '/twirp/github.actions.results.api.v1.ArtifactService/CreateArtifact';

/** `sig=abc` → `sig=abc%3D`: URL-safe base64 padded to a multiple of 4. */
export function padSignature(path: string): string {
  return path.replace(/([?&]sig=)([^&]*)/, (_m, key: string, value: string) => {
    let sig = decodeURIComponent(value).replace(/=+$/, '');
    while (sig.length % 4 !== 0) sig += '=';
    return key + encodeURIComponent(sig);
  });
}

/** Removes the fields act's CreateArtifactRequest does not know. */
export function stripUnknownCreateFields(body: Buffer): Buffer {
  let request: Record<string, unknown>;
  try {
    request = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  } catch {
    return body; // not the JSON twirp encoding: let act answer it
  }
  delete request.mime_type;
  delete request.mimeType;
  return Buffer.from(JSON.stringify(request), 'utf8');
}

export async function startArtifactShim(actPort: number): Promise<ArtifactShim> {
  const requests: string[] = [];
  const forward = (req: IncomingMessage, res: ServerResponse, body: Buffer): void => {
    const path = req.url ?? '/';
    requests.push(`${req.method ?? '?'} ${path.split('?')[0] ?? ''}`);
    const out = req.method === 'POST' && path === CREATE ? stripUnknownCreateFields(body) : body;
    const upstream = request(
      {
        host: '127.0.0.1',
        port: actPort,
        method: req.method,
        path: padSignature(path),
        // Host stays the shim's: act builds the signed upload URL from it.
        headers: { ...req.headers, 'content-length': String(out.length) },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', (e) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`artifact shim: act's artifact server is unreachable: ${e.message}`);
    });
    upstream.end(out);
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => forward(req, res, Buffer.concat(chunks)));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
