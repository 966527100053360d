/**
 * Checks a JSON value against an output shape of test/fixtures/bedrock-output-shapes.json
 * (data extracted from the Smithy API models): required members present, no member the
 * shape does not have, unions with exactly one member, enum values, integer ranges, string
 * lengths and patterns, base64 blobs, date-time timestamps. Returns what does not conform.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface ShapeMember {
  target: string;
  required?: boolean;
}
interface Shape {
  type: string;
  members?: Record<string, ShapeMember>;
  member?: string;
  target?: string;
  values?: string[];
  observedValues?: string[];
  range?: { min?: number; max?: number };
  length?: { min?: number; max?: number };
  pattern?: string;
}

export const SHAPES = JSON.parse(readFileSync(path.resolve(__dirname, '..', 'fixtures', 'bedrock-output-shapes.json'), 'utf8')) as {
  operations: Record<string, string>;
  errors: string[];
  shapes: Record<string, Shape>;
};

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export function shapeErrors(shapeName: string, value: unknown, where = shapeName): string[] {
  const errors: string[] = [];
  const fail = (m: string) => errors.push(`${where}: ${m}`);
  switch (shapeName) {
    case 'String':
      if (typeof value !== 'string') fail('expected a string');
      return errors;
    case 'Integer':
    case 'Long':
      if (!Number.isInteger(value)) fail('expected an integer');
      return errors;
    case 'Float':
      if (typeof value !== 'number') fail('expected a number');
      return errors;
    case 'Boolean':
      if (typeof value !== 'boolean') fail('expected a boolean');
      return errors;
    case 'Document':
      return errors;
    case 'Blob':
      if (typeof value !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) fail('expected base64 text');
      return errors;
    case 'Timestamp':
      if (typeof value !== 'string' || !ISO.test(value)) fail(`expected a date-time timestamp, got ${JSON.stringify(value)}`);
      return errors;
  }
  const shape = SHAPES.shapes[shapeName];
  if (!shape) return [`${where}: no shape ${shapeName} in the fixture`];
  switch (shape.type) {
    case 'alias':
      return shapeErrors(shape.target!, value, where);
    case 'structure':
    case 'union':
    case 'eventStream': {
      if (!value || typeof value !== 'object' || Array.isArray(value)) return [`${where}: expected an object`];
      const obj = value as Record<string, unknown>;
      for (const [name, m] of Object.entries(shape.members ?? {})) {
        if (m.required && (obj[name] === undefined || obj[name] === null)) fail(`required member ${name} is missing`);
      }
      const set = Object.keys(obj).filter((k) => obj[k] !== undefined && obj[k] !== null);
      for (const k of set) {
        const m = shape.members?.[k];
        if (!m) fail(`member ${k} is not in ${shapeName}`);
        else errors.push(...shapeErrors(m.target, obj[k], `${where}.${k}`));
      }
      if (shape.type !== 'structure' && set.length !== 1) fail(`a union needs exactly one member, got ${set.join(', ') || 'none'}`);
      return errors;
    }
    case 'list':
      if (!Array.isArray(value)) return [`${where}: expected a list`];
      value.forEach((v, i) => {
        errors.push(...shapeErrors(shape.member!, v, `${where}[${i}]`));
      });
      return errors;
    case 'enum':
      if (typeof value !== 'string' || !(shape.values!.includes(value) || shape.observedValues?.includes(value)))
        fail(`${JSON.stringify(value)} is not one of ${shape.values!.join(', ')}`);
      return errors;
    case 'integer':
    case 'long':
      if (!Number.isInteger(value)) return [`${where}: expected an integer`];
      if (shape.range?.min !== undefined && (value as number) < shape.range.min) fail(`${value} < ${shape.range.min}`);
      if (shape.range?.max !== undefined && (value as number) > shape.range.max) fail(`${value} > ${shape.range.max}`);
      return errors;
    case 'string':
      if (typeof value !== 'string') return [`${where}: expected a string`];
      if (shape.length?.min !== undefined && value.length < shape.length.min) fail(`shorter than ${shape.length.min}`);
      if (shape.length?.max !== undefined && value.length > shape.length.max) fail(`longer than ${shape.length.max}`);
      if (shape.pattern && !new RegExp(shape.pattern).test(value)) fail(`${JSON.stringify(value)} does not match ${shape.pattern}`);
      return errors;
    case 'blob':
      if (typeof value !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) return [`${where}: expected base64 text`];
      if (shape.length?.max !== undefined && Buffer.from(value, 'base64').length > shape.length.max)
        fail(`more than ${shape.length.max} bytes`);
      return errors;
    default:
      return [`${where}: unknown shape type ${shape.type}`];
  }
}
