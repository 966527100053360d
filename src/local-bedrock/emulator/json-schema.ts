/**
 * The JSON Schema subset tool definitions use (draft 2020-12 / draft-07 keywords: type,
 * enum, const, properties, required, additionalProperties, items, prefixItems, min/maxItems,
 * uniqueItems, min/maxLength, pattern, format, minimum, maximum, exclusiveMinimum/Maximum,
 * multipleOf, anyOf, oneOf, allOf, not, $ref to #/$defs or #/definitions), used two ways:
 *
 * - `exampleFor(schema, hints)`: the smallest input the emulated model can send to a tool —
 *   required members only, each the simplest value its constraints allow (the first enum
 *   value, the lowest allowed number, a string taken from the request when the member's
 *   name asks for one, like `city` or `query`);
 * - `schemaErrors(schema, value)`: why a value does not validate (empty when it does).
 * https://json-schema.org/understanding-json-schema/reference
 */
type Schema = Record<string, unknown> | boolean;
type Obj = Record<string, unknown>;

export interface ExampleHints {
  /** The user's request: strings for members like `query`, `city`, `name` are taken from it. */
  text: string;
}

function resolve(schema: Schema, root: Schema): Obj {
  if (typeof schema === 'boolean') return schema ? {} : { not: {} };
  const ref = schema.$ref;
  if (typeof ref === 'string' && ref.startsWith('#/') && typeof root === 'object') {
    let node: unknown = root;
    for (const part of ref.slice(2).split('/')) node = (node as Obj | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    if (node && typeof node === 'object') return resolve(node as Obj, root);
  }
  return schema;
}

function typesOf(s: Obj): string[] {
  if (Array.isArray(s.type)) return s.type as string[];
  if (typeof s.type === 'string') return [s.type];
  if (s.properties || s.required) return ['object'];
  if (s.items || s.prefixItems) return ['array'];
  return [];
}

const QUERY_NAMES = /^(query|q|question|text|input|prompt|search|topic|content|message|request|keywords?)$/i;
const PLACE_NAMES = /(city|location|place|town|country|region|destination|origin)/i;
const NAME_NAMES = /(^name$|person|user|customer|author)/i;
const SENTENCE_START = /(?:^|[.!?]\s+)([A-Z][\p{L}]*)/gu;

function capitalizedWords(text: string): string[] {
  const starts = new Set([...text.matchAll(SENTENCE_START)].map((m) => m.index! + m[0].length - m[1].length));
  return [...text.matchAll(/\b[A-Z][\p{L}]+(?:\s+[A-Z][\p{L}]+)*/gu)].filter((m) => !starts.has(m.index!)).map((m) => m[0]);
}

function stringFor(s: Obj, name: string, hints: ExampleHints): string {
  const fmt = s.format;
  let value: string;
  if (fmt === 'date') value = '2025-01-01';
  else if (fmt === 'date-time') value = '2025-01-01T00:00:00Z';
  else if (fmt === 'time') value = '00:00:00Z';
  else if (fmt === 'email') value = 'user@example.com';
  else if (fmt === 'uri' || fmt === 'url') value = 'https://example.com';
  else if (fmt === 'uuid') value = '00000000-0000-4000-8000-000000000000';
  else if (QUERY_NAMES.test(name)) value = hints.text.trim().slice(0, 200);
  else if (PLACE_NAMES.test(name) || NAME_NAMES.test(name)) value = capitalizedWords(hints.text).pop() ?? name;
  else {
    const words = hints.text.match(/[\p{L}\p{N}]{3,}/gu) ?? [];
    value = words.slice(0, 6).join(' ') || name || 'value';
  }
  const min = typeof s.minLength === 'number' ? s.minLength : 0;
  const max = typeof s.maxLength === 'number' ? s.maxLength : Infinity;
  if (value.length < min) value = value.padEnd(min, 'x');
  if (value.length > max) value = value.slice(0, max);
  if (typeof s.pattern === 'string') {
    const re = safeRegExp(s.pattern);
    if (re && !re.test(value)) {
      const candidates = [
        name,
        'a',
        'A',
        '0',
        'abc',
        'ABC',
        '123',
        'a1',
        'x'.repeat(Math.max(1, min)),
        '0'.repeat(Math.max(1, min)),
        'A'.repeat(Math.max(1, min)),
      ];
      value = candidates.find((c) => c.length >= min && c.length <= max && re.test(c)) ?? value;
    }
  }
  return value;
}

function safeRegExp(pattern: string): RegExp | null {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return null;
  }
}

function numberFor(s: Obj, integer: boolean): number {
  const lo = typeof s.minimum === 'number' ? s.minimum : -Infinity;
  const hi = typeof s.maximum === 'number' ? s.maximum : Infinity;
  const exLo = typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum : undefined;
  const exHi = typeof s.exclusiveMaximum === 'number' ? s.exclusiveMaximum : undefined;
  const step = typeof s.multipleOf === 'number' && s.multipleOf > 0 ? s.multipleOf : undefined;
  let v = Math.max(0, lo);
  if (v > hi) v = lo;
  if (exLo !== undefined && v <= exLo) v = step ? (Math.floor(exLo / step) + 1) * step : integer ? Math.floor(exLo) + 1 : exLo + 1;
  if (exHi !== undefined && v >= exHi) v = integer ? Math.ceil(exHi) - 1 : exHi - 1;
  if (v > hi) v = hi;
  if (integer) v = Math.ceil(v);
  if (step) v = Math.ceil(v / step - 1e-9) * step;
  return v;
}

/** The smallest value that validates against `schema` (best effort for unsatisfiable patterns). */
export function exampleFor(schema: Schema, hints: ExampleHints, root: Schema = schema, name = '', depth = 0): unknown {
  const s = resolve(schema, root);
  if (depth > 12) return null;
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum) && s.enum.length) return s.enum[0];
  if ('default' in s && schemaErrors(s, s.default, root).length === 0) return s.default;
  if (Array.isArray(s.allOf) && s.allOf.length) {
    const merged: Obj = { ...s, allOf: undefined };
    for (const part of s.allOf as Schema[]) {
      const p = resolve(part, root);
      merged.type ??= p.type;
      merged.properties = { ...(merged.properties as Obj), ...(p.properties as Obj) };
      merged.required = [...((merged.required as string[]) ?? []), ...((p.required as string[]) ?? [])];
    }
    return exampleFor(merged, hints, root, name, depth + 1);
  }
  for (const key of ['anyOf', 'oneOf'] as const) {
    const options = s[key] as Schema[] | undefined;
    if (Array.isArray(options) && options.length) {
      const choice = options.find((o) => !typesOf(resolve(o, root)).includes('null')) ?? options[0];
      return exampleFor(choice, hints, root, name, depth + 1);
    }
  }
  const type = typesOf(s).find((t) => t !== 'null') ?? (typesOf(s).includes('null') ? 'null' : 'string');
  switch (type) {
    case 'object': {
      const out: Obj = {};
      const props = (s.properties ?? {}) as Record<string, Schema>;
      const required = (s.required ?? []) as string[];
      for (const key of required) out[key] = exampleFor(props[key] ?? {}, hints, root, key, depth + 1);
      const minProps = typeof s.minProperties === 'number' ? s.minProperties : 0;
      for (const key of Object.keys(props)) {
        if (Object.keys(out).length >= minProps) break;
        if (!(key in out)) out[key] = exampleFor(props[key], hints, root, key, depth + 1);
      }
      return out;
    }
    case 'array': {
      const n = typeof s.minItems === 'number' ? s.minItems : 0;
      const prefix = (s.prefixItems ?? (Array.isArray(s.items) ? s.items : [])) as Schema[];
      const items = (Array.isArray(s.items) ? {} : (s.items ?? {})) as Schema;
      const out: unknown[] = [];
      for (let i = 0; i < n; i++) {
        const itemSchema = prefix[i] ?? items;
        let v = exampleFor(itemSchema, hints, root, name, depth + 1);
        if (s.uniqueItems && out.some((x) => JSON.stringify(x) === JSON.stringify(v))) v = distinctFrom(out, v, itemSchema, root, i);
        out.push(v);
      }
      return out;
    }
    case 'integer':
      return numberFor(s, true);
    case 'number':
      return numberFor(s, false);
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return stringFor(s, name, hints);
  }
}

/** Another valid item, different from those already chosen (for `uniqueItems`). */
function distinctFrom(chosen: unknown[], v: unknown, itemSchema: Schema, root: Schema, i: number): unknown {
  const item = resolve(itemSchema, root);
  const taken = new Set(chosen.map((x) => JSON.stringify(x)));
  const candidates: unknown[] = Array.isArray(item.enum) ? [...item.enum] : [];
  if (typeof v === 'number')
    for (let k = 1; k <= 50; k++) candidates.push(v + k * (typeof item.multipleOf === 'number' ? item.multipleOf : 1));
  if (typeof v === 'string')
    for (let k = 0; k < 26 * 3; k++)
      candidates.push(`${v}${String.fromCharCode(97 + (k % 26)).repeat(1 + Math.floor(k / 26))}`, `${v}${k + i}`);
  if (typeof v === 'boolean') candidates.push(!v);
  return candidates.find((c) => !taken.has(JSON.stringify(c)) && schemaErrors(item, c, root).length === 0) ?? v;
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** Why `value` does not validate against `schema` (JSON Pointer path: message); empty = valid. */
export function schemaErrors(schema: Schema, value: unknown, root: Schema = schema, path = '', depth = 0): string[] {
  const s = resolve(schema, root);
  const errors: string[] = [];
  const err = (m: string) => errors.push(`${path || '/'}: ${m}`);
  if (depth > 32) return errors;
  if (s.not !== undefined && schemaErrors(s.not as Schema, value, root, path, depth + 1).length === 0)
    err('must not validate against "not"');
  const types = Array.isArray(s.type) ? (s.type as string[]) : typeof s.type === 'string' ? [s.type] : null;
  const actual = jsonType(value);
  if (types && !types.some((t) => t === actual || (t === 'number' && actual === 'integer')))
    err(`must be ${types.join(' or ')}, got ${actual}`);
  if ('const' in s && JSON.stringify(s.const) !== JSON.stringify(value)) err(`must equal ${JSON.stringify(s.const)}`);
  if (Array.isArray(s.enum) && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(value)))
    err(`must be one of ${JSON.stringify(s.enum)}`);
  if (typeof value === 'string') {
    if (typeof s.minLength === 'number' && [...value].length < s.minLength) err(`must have at least ${s.minLength} characters`);
    if (typeof s.maxLength === 'number' && [...value].length > s.maxLength) err(`must have at most ${s.maxLength} characters`);
    if (typeof s.pattern === 'string' && !safeRegExp(s.pattern)?.test(value)) err(`must match ${s.pattern}`);
  }
  if (typeof value === 'number') {
    if (typeof s.minimum === 'number' && value < s.minimum) err(`must be ≥ ${s.minimum}`);
    if (typeof s.maximum === 'number' && value > s.maximum) err(`must be ≤ ${s.maximum}`);
    if (typeof s.exclusiveMinimum === 'number' && value <= s.exclusiveMinimum) err(`must be > ${s.exclusiveMinimum}`);
    if (typeof s.exclusiveMaximum === 'number' && value >= s.exclusiveMaximum) err(`must be < ${s.exclusiveMaximum}`);
    if (typeof s.multipleOf === 'number' && s.multipleOf > 0 && Math.abs(value / s.multipleOf - Math.round(value / s.multipleOf)) > 1e-9)
      err(`must be a multiple of ${s.multipleOf}`);
  }
  if (Array.isArray(value)) {
    if (typeof s.minItems === 'number' && value.length < s.minItems) err(`must have at least ${s.minItems} items`);
    if (typeof s.maxItems === 'number' && value.length > s.maxItems) err(`must have at most ${s.maxItems} items`);
    if (s.uniqueItems && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) err('must have unique items');
    const prefix = (s.prefixItems ?? (Array.isArray(s.items) ? s.items : [])) as Schema[];
    value.forEach((v, i) => {
      const itemSchema = prefix[i] ?? (Array.isArray(s.items) ? undefined : (s.items as Schema | undefined));
      if (itemSchema !== undefined) for (const e of schemaErrors(itemSchema, v, root, `${path}/${i}`, depth + 1)) errors.push(e);
    });
  }
  if (actual === 'object') {
    const obj = value as Obj;
    const props = (s.properties ?? {}) as Record<string, Schema>;
    for (const r of (s.required ?? []) as string[]) if (!(r in obj)) err(`must have required property "${r}"`);
    if (typeof s.minProperties === 'number' && Object.keys(obj).length < s.minProperties)
      err(`must have at least ${s.minProperties} properties`);
    for (const [k, v] of Object.entries(obj)) {
      if (k in props) for (const e of schemaErrors(props[k], v, root, `${path}/${k}`, depth + 1)) errors.push(e);
      else if (s.additionalProperties === false) err(`must not have additional property "${k}"`);
      else if (s.additionalProperties && typeof s.additionalProperties === 'object')
        for (const e of schemaErrors(s.additionalProperties as Schema, v, root, `${path}/${k}`, depth + 1)) errors.push(e);
    }
  }
  if (Array.isArray(s.allOf))
    for (const part of s.allOf as Schema[]) for (const e of schemaErrors(part, value, root, path, depth + 1)) errors.push(e);
  if (Array.isArray(s.anyOf) && !(s.anyOf as Schema[]).some((o) => schemaErrors(o, value, root, path, depth + 1).length === 0))
    err('must match a schema in anyOf');
  if (
    Array.isArray(s.oneOf) &&
    (s.oneOf as Schema[]).filter((o) => schemaErrors(o, value, root, path, depth + 1).length === 0).length !== 1
  )
    err('must match exactly one schema in oneOf');
  return errors;
}
