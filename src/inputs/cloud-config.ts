/**
 * The `cloud-config` input, read the way cloud-init reads it: with PyYAML (YAML 1.1), whose
 * implicit types are not the `yaml` library's. Under YAML 1.2 `permissions: 0755` is decimal 755
 * (cloud-init would then apply mode 0o1363, world-writable); the `yaml` library's own 1.1 schema
 * reads `y`/`n` as booleans and `1e3` as a number, which PyYAML reads as text. So the plain
 * scalars are resolved here with PyYAML's own resolvers and constructors (yaml/resolver.py and
 * constructor.py, PyYAML 6 as shipped with cloud-init 22.4), and what PyYAML could not read, or
 * reads as something cloud-config has no use for (dates, non-text keys), is refused with its line.
 */
import { isScalar, LineCounter, parseDocument, visit, type ScalarTag } from 'yaml';
import { InputError } from '../errors.js';

const INPUT = 'cloud-config';

/** PyYAML's implicit resolvers, in its order (it tries them in registration order). */
const PY_BOOL = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const PY_FLOAT =
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const PY_INT =
  /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const PY_MERGE = /^(?:<<)$/;
const PY_NULL = /^(?:~|null|Null|NULL|)$/;
const PY_TIMESTAMP =
  /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/;
const PY_VALUE = /^(?:=)$/;

export type PyYamlType =
  'bool' | 'float' | 'int' | 'merge' | 'null' | 'timestamp' | 'value' | 'str';

/** The type PyYAML gives a plain (unquoted, untagged) scalar with this text. */
export function pyYamlPlainType(text: string): PyYamlType {
  // Each regex starts with the characters PyYAML files that resolver under, so testing them in
  // its order gives its answer.
  if (PY_BOOL.test(text)) return 'bool';
  if (PY_FLOAT.test(text)) return 'float';
  if (PY_INT.test(text)) return 'int';
  if (PY_MERGE.test(text)) return 'merge';
  if (PY_NULL.test(text)) return 'null';
  if (PY_TIMESTAMP.test(text)) return 'timestamp';
  if (PY_VALUE.test(text)) return 'value';
  return 'str';
}

function signOf(text: string): [number, string] {
  const sign = text.startsWith('-') ? -1 : 1;
  return [sign, /^[-+]/.test(text) ? text.slice(1) : text];
}

/** A whole number as PyYAML's int has it: arbitrary size, so a bigint past 2^53. */
function wholeNumber(n: bigint): number | bigint {
  return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(n)
    : n;
}

/** PyYAML's construct_yaml_int. */
export function pyYamlInt(text: string): number | bigint {
  const [sign, v] = signOf(text.replace(/_/g, ''));
  const s = BigInt(sign);
  if (v === '0') return 0;
  const digits = (body: string, prefix: string): bigint => {
    if (body === '') throw new Error(`'${text}' is an integer PyYAML cannot read`);
    return BigInt(`${prefix}${body}`);
  };
  if (v.startsWith('0b')) return wholeNumber(s * digits(v.slice(2), '0b'));
  if (v.startsWith('0x')) return wholeNumber(s * digits(v.slice(2), '0x'));
  if (v.startsWith('0')) return wholeNumber(s * digits(v.slice(1), '0o'));
  if (v.includes(':'))
    return wholeNumber(s * v.split(':').reduce((acc, part) => acc * 60n + BigInt(part), 0n));
  return wholeNumber(s * BigInt(v));
}

/** PyYAML's construct_yaml_float. */
export function pyYamlFloat(text: string): number {
  const [sign, v] = signOf(text.replace(/_/g, '').toLowerCase());
  if (v === '.inf') return sign * Infinity;
  if (v === '.nan') return NaN;
  if (v.includes(':')) return sign * v.split(':').reduce((acc, part) => acc * 60 + Number(part), 0);
  return sign * Number(v);
}

const Y = 'tag:yaml.org,2002:';

function refusing(name: string, test: RegExp, why: string): ScalarTag {
  return {
    tag: `${Y}${name}`,
    default: true,
    test,
    resolve: (text, onError) => {
      onError(`'${text}' ${why}`);
      return text;
    },
  };
}

/** The scalar tags of PyYAML's SafeLoader; plain scalars are resolved by them, in this order. */
const PYYAML_TAGS: ScalarTag[] = [
  { tag: `${Y}bool`, default: true, test: PY_BOOL, resolve: (t) => /^(y|t|o[nN])/i.test(t) },
  { tag: `${Y}float`, default: true, test: PY_FLOAT, resolve: pyYamlFloat },
  {
    tag: `${Y}int`,
    default: true,
    test: PY_INT,
    resolve: (text, onError) => {
      try {
        return pyYamlInt(text);
      } catch (e) {
        onError((e as Error).message);
        return text;
      }
    },
  },
  { tag: `${Y}null`, default: true, test: PY_NULL, resolve: () => null },
  refusing(
    'timestamp',
    PY_TIMESTAMP,
    'is a date to cloud-init (YAML 1.1), which no cloud-config key takes; quote it to keep it text.',
  ),
  refusing('value', PY_VALUE, 'cannot be read by cloud-init (YAML 1.1) unquoted; quote it.'),
];
/** `<<` as a value (as a key it merges, as in PyYAML). */
const MERGE_AS_VALUE = refusing(
  'merge',
  PY_MERGE,
  'outside a key cannot be read by cloud-init (YAML 1.1); quote it.',
);

const REPLACED = new Set(['bool', 'float', 'int', 'null', 'timestamp'].map((n) => `${Y}${n}`));

/**
 * Parses the `cloud-config` input as cloud-init will: every problem (syntax, an alias that is
 * undefined or multiplies past 100 nodes, a value or key PyYAML would read otherwise) is an
 * InputError naming the input and the line.
 */
export function parseCloudConfig(raw: string): Record<string, unknown> {
  const lines = new LineCounter();
  const doc = parseDocument(raw, {
    version: '1.1',
    uniqueKeys: true,
    prettyErrors: false,
    lineCounter: lines,
    customTags: (tags) => [
      ...PYYAML_TAGS,
      ...tags.filter((t) => typeof t !== 'string' && !REPLACED.has(t.tag)),
      MERGE_AS_VALUE,
    ],
  });
  const at = (offset: number | undefined) =>
    offset === undefined ? '' : `line ${lines.linePos(offset).line}: `;
  const first = doc.errors[0];
  if (first !== undefined) {
    const what = first.code === 'TAG_RESOLVE_FAILED' ? '' : 'is not valid YAML: ';
    throw new InputError(INPUT, `${what}${at(first.pos[0])}${first.message.split('\n')[0]}`);
  }
  visit(doc, {
    Pair(_, pair) {
      const key = pair.key;
      // A merge key (`<<: *base`) is the one key that is not text, in PyYAML too.
      if (!isScalar(key) || typeof key.value === 'string' || key.tag === `${Y}merge`) return;
      if (typeof key.value === 'symbol') return;
      throw new InputError(
        INPUT,
        `${at(key.range?.[0])}key '${String(key.source ?? key.value)}' is read by cloud-init (YAML 1.1) as ${key.value === null ? 'null' : typeof key.value}, not text; quote it.`,
      );
    },
  });
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    // An undefined alias, or aliases multiplying into a resource exhaustion (an alias bomb).
    throw new InputError(INPUT, `cannot be read: ${(e as Error).message}.`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError(
      INPUT,
      'must be a YAML mapping of cloud-config keys (e.g. `timezone: UTC`), merged into the generated user-data.',
    );
  }
  return value as Record<string, unknown>;
}
