/** The message of anything thrown (libraries sometimes throw strings). */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** An action input is missing or malformed. The message always names the input and what it accepts. */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    readonly input: string,
    message: string,
  ) {
    super(`Input '${input}': ${message}`);
  }
}

/** All input problems of one run, reported together. */
export class InputErrors extends Error {
  override readonly name = 'InputErrors';
  constructor(readonly errors: readonly InputError[]) {
    super(
      errors.length === 1
        ? (errors[0]?.message ?? '')
        : `${errors.length} inputs need fixing:\n${errors.map((e) => `  - ${e.message}`).join('\n')}`,
    );
  }
}

/** The user-data document cannot be built: a refused `cloud-config` key, or too large for EC2. */
export class CloudInitError extends Error {
  override readonly name = 'CloudInitError';
  readonly input?: string;
  constructor(message: string, input?: string) {
    super(input === undefined ? message : `Input '${input}': ${message}`);
    if (input !== undefined) this.input = input;
  }
}

/** The action input a bundle problem concerns, so the message can point the user at what to change. */
export type BundleInput = 'bundle-path' | 'bundle-exclude' | 'bundle-max-size';

/**
 * The deployment bundle could not be built from the user's tree. `input` is absent when the
 * problem is in the action's own files (the agent directory) rather than in anything the user set.
 */
export class BundleError extends Error {
  override readonly name = 'BundleError';
  readonly input?: BundleInput;
  constructor(
    what: string,
    readonly path: string,
    fix: string,
    input?: BundleInput,
  ) {
    super(`Could not build the bundle: ${what} (${path}); ${fix}`);
    if (input !== undefined) this.input = input;
  }
}

/** An SSH connection or remote command failed. `retryable: false` marks errors connect must not retry. */
export class SshError extends Error {
  override readonly name: string = 'SshError';
  readonly retryable: boolean;
  constructor(message: string, options?: { cause?: unknown; retryable?: boolean }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.retryable = options?.retryable ?? true;
  }
}

/** The server presented a host key other than the pinned one. Never retried. */
export class HostKeyMismatchError extends SshError {
  override readonly name: string = 'HostKeyMismatchError';
  constructor(
    readonly host: string,
    readonly port: number,
    readonly expected: string,
    readonly presented: string,
  ) {
    super(
      `Host key mismatch for ${host}:${port}: expected ${expected}, the server presented ${presented}; refusing to connect.`,
      { retryable: false },
    );
  }
}

/**
 * A remote command ran past its bound and its channel was closed: the connection itself may be
 * fine (unlike a command that ended without an exit status because the connection was lost).
 */
export class CommandTimeoutError extends SshError {
  override readonly name: string = 'CommandTimeoutError';
}

/** Fewer instances than `min-ready` ended ready. The message lists each failure. */
export class DeployFailedError extends Error {
  override readonly name = 'DeployFailedError';
}

/** A release's workflow artifact no longer exists (retention expired, deleted): reconcile cannot rebuild it. */
export class ArtifactGoneError extends Error {
  override readonly name = 'ArtifactGoneError';
}

/**
 * Something that should be gone is not: the post step could not terminate what the run launched,
 * or a destroy left resources. `problems` has one line per region and resource; the message
 * says how to finish the job.
 */
export class CleanupError extends Error {
  override readonly name = 'CleanupError';
  constructor(
    heading: string,
    readonly problems: readonly string[],
    /** How to finish the job, after the list (when the heading alone would bury it). */
    fix?: string,
  ) {
    super(`${heading}:\n  ${problems.join('\n  ')}${fix === undefined ? '' : `\n${fix}`}`);
  }
}

/**
 * Another run holds the deployment's deploy lock and `lock-timeout` ran out (or was 0). The
 * message names the holder and since when, and how to remove a lock whose holder is known dead.
 */
export class LockHeldError extends Error {
  override readonly name = 'LockHeldError';
  constructor(
    readonly deploymentId: string,
    readonly holder: string,
    readonly since: string,
    readonly expiresAt: string,
    readonly waitedSeconds: number,
    fix: string,
  ) {
    super(
      `Could not take the deploy lock of deployment ${deploymentId}: held by ${holder} since ${since} ` +
        `(lease until ${expiresAt} unless renewed); waited ${waitedSeconds} s (lock-timeout). ${fix}`,
    );
  }
}
