/** Every output the action sets; a test checks this list against action.yml both ways. */
export const OUTPUT_NAMES = [
  'deployment-id',
  'instances',
  'ready-count',
  'failed-count',
  'public-ips',
  'urls',
  'bundle-sha256',
  'artifact-id',
  'cloud-init-bytes',
  'user-data-path',
  'bundle-file',
] as const;
export type OutputName = (typeof OUTPUT_NAMES)[number];
/** Where a run's progress, outputs and summary go: the Actions runner or a terminal. */
export interface Sink {
  info(message: string): void;
  warning(message: string): void;
  setOutput(name: OutputName, value: string): void;
  /** Masks a value in everything logged after this call. */
  setSecret(value: string): void;
  summary(markdown: string): Promise<void>;
  /** Runs `fn` inside a collapsible log group (Actions) or under a heading (terminal). */
  group?<T>(name: string, fn: () => Promise<T>): Promise<T>;
}

/** `sink.group` when the sink has one, else a plain heading line. */
export function inGroup<T>(sink: Sink, name: string, fn: () => Promise<T>): Promise<T> {
  if (sink.group) return sink.group(name, fn);
  sink.info(`== ${name}`);
  return fn();
}
