// Mends one way ncc's CommonJS output breaks an ES module that reads import.meta.url.
//
// With `esm: false`, ncc defines `import.meta.url` as the text
// `require("url").pathToFileURL(__filename).href`. When the module also declares its own
// `require` or `__filename` (the ESM-compat prelude of @azure/storage-common's crc64.js, which
// @actions/artifact loads, does both), webpack's scope hoisting renames those locals to
// `<module>_require` / `<module>_filename`, and the substituted text with them: the module then
// calls its own, still unset, `require` and throws "crc64_require is not a function" on load,
// so every artifact upload and download failed (CI, 2026-12-02). Node's own CommonJS `require`
// and `__filename` (the chunk's path) are what the definition meant, so this puts them back.

const MANGLED = /\b([A-Za-z_$][\w$]*)_require\("url"\)\.pathToFileURL\(\1_filename\)\.href/g;
const MEANT = 'require("url").pathToFileURL(__filename).href';

/** The chunk's text with every renamed import.meta.url definition restored, and how many. */
export function restoreImportMetaUrl(code) {
  let count = 0;
  const text = code.replace(MANGLED, () => {
    count += 1;
    return MEANT;
  });
  // Any other renaming of the definition would fail the same way at run time: stop the build.
  const left =
    /\w_require\("url"\)\.pathToFileURL\(|\.pathToFileURL\((?!__filename\))\w+_filename\)/.exec(
      text,
    );
  if (left)
    throw new Error(`ncc renamed import.meta.url in a way this build cannot mend: ${left[0]}`);
  return { text, count };
}
