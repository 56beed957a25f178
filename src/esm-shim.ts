// ncc emits an ES module, but ssh2 and other CommonJS dependencies expect `require`,
// `__dirname` and `__filename`. This must be the entry's first import.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const g = globalThis as Record<string, unknown>;
g.require ??= createRequire(import.meta.url);
g.__filename ??= fileURLToPath(import.meta.url);
g.__dirname ??= dirname(g.__filename as string);
