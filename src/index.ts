import './esm-shim.js';
import { basename } from 'node:path';
import { cli } from './cli.js';
import { run } from './github/main.js';

// One bundle serves the action (main and post) and the command line (dist/cli.js imports it).
if (basename(process.argv[1] ?? '') === 'cli.js') {
  process.exitCode = await cli(process.argv.slice(2));
} else {
  await run();
}
