/**
 * The delivery's one command (pure): say what the instance runs, wait for the runner's answer,
 * then send nothing (`skip`: the TTL re-armed) or write the bundle into its `.part`, hashed as
 * it lands (`go`), say it is there and, on `activate`, run the activation. upload.ts runs it;
 * unchanged.ts decides from what it says.
 */
import { SCRIPT_EXIT } from '../instance/contract.js';
import { haveScript } from './have.js';
import { digestPath, shq, ttlWrite, withSudo, type RemoteLayout } from './remote-scripts.js';

/**
 * The upload's writer: stdin into the `.part`, hashed and counted on the way, printing
 * `<sha256> <bytes>`. One process that reads in 1 MiB (stdin's pipe widened to 1 MiB, so sshd
 * blocks less) and hashes in memory (hashlib: OpenSSL, SHA extensions). Measured against the
 * alternatives, 50 MiB to a loopback sshd, client + server CPU (medians of 7, load ~40 on 2
 * cores): this 841 ms, `tee .part | openssl dgst` 1,041 ms (tee moves 8 KiB per read, and two
 * more processes to schedule), `cat > .part` then `openssl dgst < .part` 896 ms, scp 736 ms; at
 * load ~10 (9 runs) this 649 ms against 650 for cat + second pass, but no pass after the upload.
 * python3 is wherever cloud-init runs (it is written in it), and the agent needs it too.
 */
const PY_WRITER = [
  'import hashlib, os, sys',
  'try:',
  '    import fcntl',
  '    fcntl.fcntl(0, 1031, 1 << 20)  # F_SETPIPE_SZ; not a pipe, or not allowed: as it is',
  'except Exception:',
  '    pass',
  'h = hashlib.sha256()',
  'f = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)',
  // Exactly the announced bytes, never more: what follows on stdin is the runner's next answer.
  'left = int(sys.argv[2])',
  'n = 0',
  'while left > 0:',
  '    b = os.read(0, min(1 << 20, left))',
  '    if not b:',
  '        break',
  '    h.update(b)',
  '    n += len(b)',
  '    left -= len(b)',
  '    m = memoryview(b)',
  '    while m:',
  '        m = m[os.write(f, m):]',
  'os.close(f)',
  'print(h.hexdigest(), n)',
].join('\n');

/** Printed once the bundle is on the instance: the runner answers `activate` and the env file. */
export const UPLOADED_MARK = '__SPOT_DEPLOY_UPLOADED__';

/** What the upload command does besides the upload. */
export interface UploadConfig {
  /** Written and re-armed when the upload is skipped (see ActivationConfig.ttlMinutes). */
  readonly ttlMinutes?: number | undefined;
  /**
   * The activation (remote-scripts.ts activationScript), run in the same command once the
   * runner answers `activate` to UPLOADED_MARK; its stdin is what follows that line (the env
   * file). Without it the command ends after the upload.
   */
  readonly activation?: string | undefined;
}

/**
 * The delivery's one command (one SSH session: each more one cost ~150 ms of sshd's session
 * start on a loaded runner, more than a round trip on the same channel):
 *  1. says what the instance runs (`current`, the env and health-check files' sha256 and
 *     status.json, read in one privileged call: they are root's), then waits for one line;
 *  2. `skip` (the client found it all unchanged): writes ttl-minutes (when given) and runs
 *     `agent.py unchanged`, the upkeep of the agent's no-op redeploy (the shutdown re-armed: the
 *     TTL follows activity; the interruption watcher installed and running), and sends nothing;
 *  3. `go`: makes sure the incoming dir exists and is ours (sudo only when it is not, i.e. on the
 *     first delivery) and streams stdin into `.<sha>.part`, hashing while it writes (PY_WRITER):
 *     no second pass over the file after the upload. The digest file is removed first and
 *     written only for a whole upload (size as announced), so neither a stale digest nor a cut
 *     upload can vouch for the `.part`;
 *  4. prints UPLOADED_MARK and, with `activation`, waits for `activate` and runs it (its stdin:
 *     the env file). Only the runner's answer starts it: a connection lost before the runner saw
 *     the mark never activates anything, so such a loss is the upload's failure, as before.
 * `read` takes its line byte by byte from the pipe, and the writer reads exactly `bytes`, so
 * neither consumes a byte meant for the next step.
 */
export function uploadScript(
  r: RemoteLayout,
  sha: string,
  bytes: number,
  config: UploadConfig = {},
): string {
  if (!Number.isSafeInteger(bytes) || bytes < 0)
    throw new RangeError(`bytes must be an integer ≥ 0, got ${bytes}`);
  const { ttlMinutes, activation } = config;
  if (ttlMinutes !== undefined && (!Number.isSafeInteger(ttlMinutes) || ttlMinutes < 0))
    throw new RangeError(`ttlMinutes must be an integer ≥ 0, got ${ttlMinutes}`);
  const dir = shq(r.incomingDir);
  const part = shq(`${r.incomingDir}/.${sha}.part`);
  const sum = shq(digestPath(r, sha));
  const mkdir = withSudo(r.sudo, `install -d -o "$(id -un)" -m 0755 ${dir}`);
  return [
    'set -u',
    ...haveScript(r),
    'read -r answer || exit 1',
    'if [ "$answer" = skip ]; then',
    ...(ttlMinutes === undefined
      ? []
      : [`  ${ttlWrite(r, ttlMinutes)} || exit ${SCRIPT_EXIT.ttlConfig}`]),
    // The no-op redeploy's upkeep: the TTL re-armed, the interruption watcher kept running.
    `  ${withSudo(r.sudo, `${r.agentCommand} unchanged`)} >/dev/null </dev/null || exit ${SCRIPT_EXIT.ttlConfig}`,
    '  exit 0',
    'fi',
    '[ "$answer" = go ] || { echo "upload: unexpected answer \'$answer\'" >&2; exit 1; }',
    `if [ ! -d ${dir} ] || [ ! -w ${dir} ]; then`,
    `  ${mkdir} </dev/null || exit ${SCRIPT_EXIT.prepare}`,
    'fi',
    `rm -f ${part} ${sum}`,
    // -S: no site module (a faster start; the writer needs only the standard library).
    `out=$(python3 -S -c ${shq(PY_WRITER)} ${part} ${bytes}) || { echo "upload: writing the bundle failed" >&2; exit 1; }`,
    'got=${out% *}; n=${out#* }',
    // A short upload (stdin ended early: the link went) gets no digest, so no activation could
    // take it (upload-verify); a digest that cannot be written (a full disk) is the upload's failure.
    `if [ "$n" = ${bytes} ]; then`,
    `  printf '%s\\n' "$got" > ${sum} || { echo "upload: recording the digest failed" >&2; exit 1; }`,
    'fi',
    `echo ${UPLOADED_MARK}`,
    ...(activation === undefined
      ? ['exit 0']
      : [
          'read -r answer || exit 1',
          '[ "$answer" = activate ] || { echo "upload: unexpected answer \'$answer\'" >&2; exit 1; }',
          activation,
        ]),
  ].join('\n');
}
