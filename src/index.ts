import { basename } from 'node:path';

// One bundle serves the action (main and post) and the command line (dist/cli.js requires it).
// Each side is imported only when it runs, so neither pays for loading the other.
if (basename(process.argv[1] ?? '') === 'cli.js') {
  const { cli } = await import('./cli.js');
  process.exitCode = await cli(process.argv.slice(2));
} else {
  const { run } = await import('./github/main.js');
  await run();
}
