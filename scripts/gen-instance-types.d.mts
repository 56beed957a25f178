// Types of scripts/gen-instance-types.mjs for the TypeScript tests that import it.

/** src/inputs/instance-type-names.ts, the file the script writes. */
export const FILE: string;

/** The file's text for these instance type names (each `family.size`). */
export function renderInstanceTypeNames(names: readonly string[]): string;

/** The file's text for the installed @aws-sdk/client-ec2's `_InstanceType`. */
export function currentText(): string;
