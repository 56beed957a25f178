import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * tsconfig.json's `paths` (one target each) as vitest aliases: ncc applies them to the build
 * itself (src/inputs/known-names.ts reads the SDK's partition table through one).
 */
export function tsconfigAliases(): Record<string, string> {
  const tsconfig = JSON.parse(
    readFileSync(new URL('./tsconfig.json', import.meta.url), 'utf8'),
  ) as {
    compilerOptions?: { paths?: Record<string, string[]> };
  };
  return Object.fromEntries(
    Object.entries(tsconfig.compilerOptions?.paths ?? {}).map(([name, [target]]) => [
      name,
      fileURLToPath(new URL(target ?? '', import.meta.url)),
    ]),
  );
}

// Three tiers, as vitest projects (`--project NAME`):
//   unit         in process only: no child processes, no network, no servers (the setup file makes
//                them throw). `npm test`; under 30 s.
//   integration  real collaborators on this machine: sshd, moto, cloud-init's schema, the agent
//                under python, shellcheck, GNU tar, HTTP stand-ins on loopback. `npm run test:integration`.
//   e2e          VMs, act, the fault matrix, the built dist. `npm run test:e2e`.
// `npm run test:all` runs the three; `npm run all` (CI) runs that after typecheck, lint and build.
export default defineConfig({
  resolve: { alias: tsconfigAliases() },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['__tests__/unit/**/*.test.ts'],
          setupFiles: ['__tests__/helpers/unit-guard.ts'],
          // Nothing here starts a process or keeps global state between files, so the files share
          // worker threads and their imports (the AWS SDK, Octokit, yaml…) instead of loading them
          // per file: measured on the shared 2-core machine at load average 10, 13.1 s of CPU
          // and 36 s wall (forks, isolated) became 7.5 s and 18 s; shuffled file orders pass.
          pool: 'threads',
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['__tests__/integration/**/*.test.ts'],
          // The schema checks start Python per file, the moto tests a server: give them room.
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['__tests__/e2e/**/*.test.ts'],
          // VMs boot, act runs workflows, the smoke tests start node.
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
