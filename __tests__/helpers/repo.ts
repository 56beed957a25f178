import { fileURLToPath } from 'node:url';

/** The repository's root directory, whatever the depth of the test file that asks. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
