/**
 * The YAML printer for user-data: compact YAML 1.1 (cloud-init reads user-data with PyYAML), with
 * strings that PyYAML would read differently double-quoted and escaped.
 */
import { Document, isScalar, isSeq, visit, type ToStringOptions } from 'yaml';
import { pyYamlPlainType } from '../inputs/cloud-config.js';

const STRING_OPTIONS: ToStringOptions = {
  lineWidth: 0,
  blockQuote: 'literal',
  directives: false,
  indentSeq: false,
  flowCollectionPadding: false,
  doubleQuotedMinMultiLineLength: Number.POSITIVE_INFINITY,
};
/** Characters PyYAML mishandles outside double quotes (tab: its plain scalars stop at one). */
const NEEDS_DOUBLE_QUOTES = /[\t\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/;
/** Characters JSON.stringify leaves raw that PyYAML reads as line breaks or refuses. */
const RAW_UNSAFE = /[\u007f-\u009f\u2028\u2029\ufffe\uffff]/g;
const ESCAPES: Readonly<Record<string, string>> = {
  '\u0085': '\\N',
  '\u2028': '\\L',
  '\u2029': '\\P',
  '\ufffe': '\\ufffe',
  '\uffff': '\\uffff',
};

/** Serialises plain data to compact YAML 1.1 that PyYAML reads back to exactly the same data. */
export function toYaml(value: unknown): string {
  // The yaml-1.1 schema would write the string '<<' as a plain merge key.
  const doc = new Document(value, {
    version: '1.1',
    aliasDuplicateObjects: false,
    customTags: (tags) =>
      tags.filter((t) => typeof t === 'string' || t.tag !== 'tag:yaml.org,2002:merge'),
  });
  visit(doc, {
    Seq(_, node) {
      // Lists of scalars (argv, packages, keys) in flow style: shorter.
      if (node.items.length > 0 && node.items.every((i) => isScalar(i))) node.flow = true;
    },
    Scalar(_, node, path) {
      const v = node.value;
      // `1e+21`, `1e-7`: PyYAML's float needs a dot, so plain these would be text; tagged, it
      // reads them with Python's float().
      if (typeof v === 'number' && Number.isFinite(v) && !/^-?[0-9]+(\.[0-9]+)?$/.test(String(v)))
        node.tag = 'tag:yaml.org,2002:float';
      if (typeof v !== 'string') return;
      const parent = path.at(-1);
      // Whatever PyYAML would not read back as this text when plain (`yes`, `0755`, `1:20`, `=`),
      // decided by PyYAML's own resolvers, not the yaml library's idea of YAML 1.1.
      if (NEEDS_DOUBLE_QUOTES.test(v) || pyYamlPlainType(v) !== 'str') node.type = 'QUOTE_DOUBLE';
      // In a flow collection PyYAML ends a plain scalar at any '?' and refuses one starting
      // with ':' (the yaml library allows both).
      else if (isSeq(parent) && parent.flow === true && /[?:]/.test(v)) node.type = 'QUOTE_DOUBLE';
    },
  });
  // In double quotes (the only place they can be, see above) escape what JSON.stringify left raw.
  return doc
    .toString(STRING_OPTIONS)
    .replace(
      RAW_UNSAFE,
      (c) => ESCAPES[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
    );
}
