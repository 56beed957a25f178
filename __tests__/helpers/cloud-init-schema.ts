/**
 * Test helpers backed by Debian's real cloud-init (see scripts/cloud-init-schema.sh, which fetches
 * it into a cache on first use): schema validation against bookworm's 22.4 (the default) or the
 * newest in Debian's archive (forky), and loading documents with the PyYAML that cloud-init itself
 * reads user-data with.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const script = join(repo, 'scripts', 'cloud-init-schema.sh');
const cache = join(process.env.SPOT_DEPLOY_CACHE ?? join(repo, '.cache'), 'cloud-init');

/**
 * Which cloud-init validates: Debian 12's 22.4, or the newest in Debian's archive (the `forky`
 * suite: 26.2 when written; Debian 13 has 25.1). Both also refuse deprecated keys.
 */
export type CloudInitRelease = 'bookworm' | 'forky';
export const CLOUD_INIT_RELEASES: readonly CloudInitRelease[] = ['bookworm', 'forky'];

export interface SchemaResult {
  ok: boolean;
  output: string;
}

async function withFiles<T>(
  texts: readonly string[],
  fn: (files: string[]) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'spot-deploy-cloud-init-'));
  try {
    const files = texts.map((_, i) => join(dir, `user-data-${i}.yaml`));
    await Promise.all(files.map((f, i) => writeFile(f, texts[i] ?? '')));
    return await fn(files);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function runScript(
  files: readonly string[],
  release: CloudInitRelease,
): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run(script, ['--release', release, ...files], {
      maxBuffer: 64 << 20,
    });
    return { code: 0, stdout };
  } catch (e) {
    const err = e as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof err.code !== 'number' || err.code !== 1) {
      // 2 (or a spawn error): the validator itself failed, not a document.
      throw new Error(`${script} failed (${String(err.code)}): ${err.stderr ?? ''}`);
    }
    return { code: 1, stdout: err.stdout ?? '' };
  }
}

/** Validates several documents with one run of the script (it validates files in parallel). */
export async function validateCloudConfigs(
  texts: readonly string[],
  release: CloudInitRelease = 'bookworm',
): Promise<SchemaResult[]> {
  if (texts.length === 0) return [];
  return withFiles(texts, async (files) => {
    const { stdout } = await runScript(files, release);
    // The script prints, per file in order, `ok: FILE` or `INVALID: FILE` + indented lines.
    const results = new Map<string, SchemaResult>();
    let current: SchemaResult | undefined;
    for (const line of stdout.split('\n')) {
      const m = /^(ok|INVALID): (.*)$/.exec(line);
      if (m?.[2] !== undefined) {
        current = { ok: m[1] === 'ok', output: '' };
        results.set(m[2], current);
      } else if (current && line.startsWith('  ')) {
        current.output += `${line.slice(2)}\n`;
      }
    }
    return files.map((f) => results.get(f) ?? { ok: false, output: `no result for ${f}` });
  });
}

export async function validateCloudConfig(
  text: string,
  release: CloudInitRelease = 'bookworm',
): Promise<SchemaResult> {
  const [result] = await validateCloudConfigs([text], release);
  if (!result) throw new Error('no validation result');
  return result;
}

/** Python: each file's documents as JSON, exposing anything PyYAML did not read as plain data. */
const LOAD_PY = `
import json, sys, yaml
def norm(o):
    if isinstance(o, dict):
        return {(k if isinstance(k, str) else "<non-string key %r>" % (k,)): norm(v) for k, v in o.items()}
    if isinstance(o, list):
        return [norm(v) for v in o]
    if o is None or isinstance(o, (str, bool, int, float)):
        return o
    return {"<python object>": repr(o)}
out = []
for f in sys.argv[1:]:
    try:
        with open(f, "rb") as fh:
            docs = list(yaml.safe_load_all(fh.read().decode("utf-8")))
        out.append({"docs": [norm(d) for d in docs]})
    except Exception as e:
        out.append({"error": "%s: %s" % (type(e).__name__, e)})
print(json.dumps(out))
`;

export type PyYamlResult = { docs: unknown[] } | { error: string };

/**
 * Loads documents with PyYAML 6 from the cloud-init cache (run a validation first: it builds the
 * cache), as cloud-init reads user-data. Uses Debian's /usr/bin/python3, like the script.
 */
export async function loadWithPyYaml(texts: readonly string[]): Promise<PyYamlResult[]> {
  if (texts.length === 0) return [];
  return withFiles(texts, async (files) => {
    const { stdout } = await run('/usr/bin/python3', ['-c', LOAD_PY, ...files], {
      env: { ...process.env, PYTHONPATH: join(cache, 'usr/lib/python3/dist-packages') },
      maxBuffer: 256 << 20,
    });
    return JSON.parse(stdout) as PyYamlResult[];
  });
}
