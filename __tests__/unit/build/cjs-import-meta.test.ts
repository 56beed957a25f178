import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { restoreImportMetaUrl } from '../../../scripts/cjs-import-meta.mjs';

// What ncc 0.45 + webpack scope hoisting emitted for @azure/storage-common's crc64.js.
const EMITTED = [
  'let crc64_require;',
  'let crc64_filename;',
  'if (__isNode__) {',
  '  crc64_require = (0,external_node_module_.createRequire)(crc64_require("url").pathToFileURL(crc64_filename).href);',
  '  crc64_filename = (0,external_node_url_.fileURLToPath)(crc64_require("url").pathToFileURL(crc64_filename).href);',
  '}',
].join('\n');

describe('restoreImportMetaUrl', () => {
  it("puts Node's require and __filename back where webpack renamed them", () => {
    const { text, count } = restoreImportMetaUrl(EMITTED);
    expect(count).toBe(2);
    expect(text).toContain(
      'crc64_require = (0,external_node_module_.createRequire)(require("url").pathToFileURL(__filename).href);',
    );
    expect(text).toContain(
      'crc64_filename = (0,external_node_url_.fileURLToPath)(require("url").pathToFileURL(__filename).href);',
    );
    expect(text).not.toMatch(/crc64_require\("url"\)/);
  });

  it('the mended text runs: createRequire gets a file URL and the local require works', () => {
    const { text } = restoreImportMetaUrl(EMITTED);
    const createRequire = (url: string) => (id: string) => {
      expect(url).toBe('file:///x/dist/690.index.js');
      return id === 'node:path' ? { basename: (p: string) => p.split('/').pop() } : undefined;
    };
    const context = {
      __isNode__: true,
      __filename: '/x/dist/690.index.js',
      require: (id: string) =>
        id === 'url' ? { pathToFileURL: (p: string) => new URL(`file://${p}`) } : undefined,
      external_node_module_: { createRequire },
      external_node_url_: { fileURLToPath: (url: string) => new URL(url).pathname },
    };
    const result: unknown = runInNewContext(
      `${text}\ncrc64_require('node:path').basename(crc64_filename);`,
      context,
    );
    expect(result).toBe('690.index.js');
  });

  it('leaves code without the renamed definition alone', () => {
    const code = 'const u = require("url").pathToFileURL(__filename).href;';
    expect(restoreImportMetaUrl(code)).toEqual({ text: code, count: 0 });
  });

  it('stops the build on a renaming it cannot mend', () => {
    expect(() => restoreImportMetaUrl('a_require("url").pathToFileURL(b_filename).href')).toThrow(
      /cannot mend: a_require\("url"\)\.pathToFileURL\(/,
    );
  });
});
