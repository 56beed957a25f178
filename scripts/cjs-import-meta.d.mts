// Types of scripts/cjs-import-meta.mjs for the TypeScript tests that import it.

/** The chunk's text with every renamed import.meta.url definition restored, and how many. */
export function restoreImportMetaUrl(code: string): { text: string; count: number };
