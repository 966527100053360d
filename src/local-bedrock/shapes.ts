/**
 * The input shapes of the runtime operations, transcribed from Bedrock Runtime's Smithy API
 * model (aws/aws-sdk-js-v3, codegen/sdk-codegen/aws-models/bedrock-runtime.json): member
 * types, `required`, `length`, `range`, `pattern`, enum values and union members. A request
 * is checked against them before anything else, and every violation is reported the way
 * AWS services report constraint violations:
 *
 *   1 validation error detected: Value '1.5' at 'inferenceConfig.temperature' failed to
 *   satisfy constraint: Member must have value less than or equal to 1
 *
 * (list elements are named `messages.1.member` — 1-based, as in AWS's messages). Members
 * the model does not know are ignored, as AWS JSON services ignore unknown members.
 */
import { BedrockError } from './errors';

export type Spec =
  | { t: 'string'; min?: number; max?: number; pattern?: RegExp; enum?: readonly string[]; sensitive?: true }
  | { t: 'int' | 'float'; min?: number; max?: number }
  | { t: 'bool' }
  | { t: 'doc' }
  | { t: 'blob'; min?: number }
  | { t: 'list'; of: Spec; min?: number; max?: number }
  | { t: 'map'; of: Spec; min?: number; max?: number }
  | { t: 'struct'; m: Record<string, Member> }
  | { t: 'union'; m: Record<string, Spec> };

type Member = Spec & { req?: true };

const str = (extra: Omit<Extract<Spec, { t: 'string' }>, 't'> = {}): Spec => ({ t: 'string', ...extra });
const req = <S extends Spec>(s: S): S & { req: true } => ({ ...s, req: true });

const TOOL_NAME = str({ min: 1, max: 64, pattern: /^[a-zA-Z0-9_-]+$/ });
const TOOL_USE_ID = str({ min: 1, max: 64, pattern: /^[a-zA-Z0-9_-]+$/ });
const S3_LOCATION: Spec = {
  t: 'struct',
  m: {
    uri: req(str({ min: 1, max: 1024, pattern: /^s3:\/\/[a-z0-9][.\-a-z0-9]{1,61}[a-z0-9](\/.*)?$/ })),
    bucketOwner: str({ pattern: /^[0-9]{12}$/ }),
  },
};
const CACHE_POINT: Spec = { t: 'struct', m: { type: req(str({ enum: ['default'] })), ttl: str({ enum: ['5m', '1h'] }) } };
const IMAGE: Spec = {
  t: 'struct',
  m: {
    format: req(str({ enum: ['png', 'jpeg', 'gif', 'webp'] })),
    source: req({ t: 'union', m: { bytes: { t: 'blob', min: 1 }, s3Location: S3_LOCATION } }),
  },
};
const DOCUMENT: Spec = {
  t: 'struct',
  m: {
    format: str({ enum: ['pdf', 'csv', 'doc', 'docx', 'xls', 'xlsx', 'html', 'txt', 'md'] }),
    name: req(str({ min: 1, max: 200 })),
    source: req({
      t: 'union',
      m: {
        bytes: { t: 'blob', min: 1 },
        s3Location: S3_LOCATION,
        text: str(),
        content: { t: 'list', of: { t: 'union', m: { text: str() } } },
      },
    }),
    context: str(),
    citations: { t: 'struct', m: { enabled: req({ t: 'bool' }) } },
  },
};
const VIDEO: Spec = {
  t: 'struct',
  m: {
    format: req(str({ enum: ['mkv', 'mov', 'mp4', 'webm', 'flv', 'mpeg', 'mpg', 'wmv', 'three_gp'] })),
    source: req({ t: 'union', m: { bytes: { t: 'blob', min: 1 }, s3Location: S3_LOCATION } }),
  },
};
const TOOL_RESULT_CONTENT: Spec = {
  t: 'union',
  m: { json: { t: 'doc' }, text: str(), image: IMAGE, document: DOCUMENT, video: VIDEO, searchResult: { t: 'doc' } },
};

export const CONTENT_BLOCK: Spec = {
  t: 'union',
  m: {
    text: str(),
    image: IMAGE,
    document: DOCUMENT,
    video: VIDEO,
    audio: { t: 'doc' },
    toolUse: {
      t: 'struct',
      m: { toolUseId: req(TOOL_USE_ID), name: req(TOOL_NAME), input: req({ t: 'doc' }), type: str({ enum: ['server_tool_use'] }) },
    },
    toolResult: {
      t: 'struct',
      m: {
        toolUseId: req(TOOL_USE_ID),
        content: req({ t: 'list', of: TOOL_RESULT_CONTENT }),
        status: str({ enum: ['success', 'error'] }),
        type: str(),
      },
    },
    guardContent: { t: 'doc' },
    cachePoint: CACHE_POINT,
    reasoningContent: {
      t: 'union',
      m: { reasoningText: { t: 'struct', m: { text: req(str()), signature: str() } }, redactedContent: { t: 'blob' } },
    },
    citationsContent: { t: 'doc' },
    searchResult: { t: 'doc' },
    toolAddition: { t: 'doc' },
    toolRemoval: { t: 'doc' },
  },
};

const MESSAGES: Spec = {
  t: 'list',
  of: { t: 'struct', m: { role: req(str({ enum: ['user', 'assistant'] })), content: req({ t: 'list', of: CONTENT_BLOCK }) } },
};
const SYSTEM: Spec = { t: 'list', of: { t: 'union', m: { text: str({ min: 1 }), guardContent: { t: 'doc' }, cachePoint: CACHE_POINT } } };
const TOOL_CONFIG: Spec = {
  t: 'struct',
  m: {
    tools: req({
      t: 'list',
      min: 1,
      of: {
        t: 'union',
        m: {
          toolSpec: {
            t: 'struct',
            m: { name: req(TOOL_NAME), description: str({ min: 1 }), inputSchema: req({ t: 'union', m: { json: { t: 'doc' } } }) },
          },
          systemTool: { t: 'struct', m: { name: req(TOOL_NAME) } },
          cachePoint: CACHE_POINT,
        },
      },
    }),
    toolChoice: {
      t: 'union',
      m: { auto: { t: 'struct', m: {} }, any: { t: 'struct', m: {} }, tool: { t: 'struct', m: { name: req(TOOL_NAME) } } },
    },
  },
};

/** ConverseRequest / ConverseStreamRequest (body members). */
export const CONVERSE_REQUEST: Spec = {
  t: 'struct',
  m: {
    messages: MESSAGES,
    system: SYSTEM,
    inferenceConfig: {
      t: 'struct',
      m: {
        maxTokens: { t: 'int', min: 1 },
        temperature: { t: 'float', min: 0, max: 1 },
        topP: { t: 'float', min: 0, max: 1 },
        stopSequences: { t: 'list', max: 2500, of: str({ min: 1 }) },
      },
    },
    toolConfig: TOOL_CONFIG,
    guardrailConfig: { t: 'doc' },
    additionalModelRequestFields: { t: 'doc' },
    promptVariables: { t: 'doc' },
    additionalModelResponseFieldPaths: { t: 'list', max: 10, of: str({ min: 1, max: 256 }) },
    requestMetadata: { t: 'map', min: 1, max: 16, of: str({ max: 256 }) },
    performanceConfig: { t: 'struct', m: { latency: str({ enum: ['standard', 'optimized'] }) } },
    serviceTier: { t: 'struct', m: { type: req(str({ enum: ['priority', 'default', 'flex', 'reserved'] })) } },
    outputConfig: { t: 'doc' },
  },
};

/** CountTokensRequest (body member `input`). */
export const COUNT_TOKENS_REQUEST: Spec = {
  t: 'struct',
  m: {
    input: req({
      t: 'union',
      m: {
        invokeModel: { t: 'struct', m: { body: req({ t: 'blob' }) } },
        converse: {
          t: 'struct',
          m: { messages: MESSAGES, system: SYSTEM, toolConfig: TOOL_CONFIG, additionalModelRequestFields: { t: 'doc' } },
        },
      },
    }),
  },
};

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * OptimizePrompt's request (Agents for Amazon Bedrock Runtime's Smithy model,
 * codegen/sdk-codegen/aws-models/bedrock-agent-runtime.json: OptimizePromptRequest, InputPrompt,
 * TextPrompt). `targetModelId`'s pattern is tested as written: its middle alternative is not
 * anchored, so any text with a `provider.model` part matches, as on the service.
 */
export const OPTIMIZE_PROMPT_REQUEST: Spec = {
  t: 'struct',
  m: {
    input: req({ t: 'union', m: { textPrompt: { t: 'struct', m: { text: req(str({ min: 1, max: 200_000, sensitive: true })) } } } }),
    targetModelId: req(
      str({
        min: 1,
        max: 2048,
        pattern:
          /^(arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:(([0-9]{12}:custom-model\/[a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}\/[a-z0-9]{12})|(:foundation-model\/[a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([.:]?[a-z0-9-]{1,63}))|([0-9]{12}:provisioned-model\/[a-z0-9]{12})))|([a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([.:]?[a-z0-9-]{1,63}))|(([0-9a-zA-Z][_-]?)+)$/,
      }),
    ),
  },
};

function show(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'number' || typeof value === 'boolean') return `'${value}'`;
  return '';
}

function typeName(spec: Spec): string {
  switch (spec.t) {
    case 'string':
    case 'blob':
      return 'a string';
    case 'int':
      return 'an integer';
    case 'float':
      return 'a number';
    case 'bool':
      return 'a boolean';
    case 'list':
      return 'a list';
    default:
      return 'an object';
  }
}

/** Check `value` against `spec`, appending AWS-style violation texts to `out`. */
export function check(spec: Spec, value: unknown, path: string, out: string[]): void {
  const at = (constraint: string) => {
    // A member the API model marks sensitive is never echoed (AWS writes "Value at '…'").
    const shown = spec.t === 'string' && spec.sensitive ? '' : show(value);
    out.push(`Value ${shown ? `${shown} ` : ''}at '${path}' failed to satisfy constraint: ${constraint}`);
  };
  switch (spec.t) {
    case 'string': {
      if (typeof value !== 'string') return void at(`Member must be ${typeName(spec)}`);
      if (spec.min !== undefined && value.length < spec.min) at(`Member must have length greater than or equal to ${spec.min}`);
      if (spec.max !== undefined && value.length > spec.max) at(`Member must have length less than or equal to ${spec.max}`);
      if (spec.pattern && !spec.pattern.test(value)) at(`Member must satisfy regular expression pattern: ${spec.pattern.source}`);
      if (spec.enum && !spec.enum.includes(value)) at(`Member must satisfy enum value set: [${spec.enum.join(', ')}]`);
      return;
    }
    case 'int':
    case 'float': {
      if (typeof value !== 'number' || !Number.isFinite(value) || (spec.t === 'int' && !Number.isInteger(value)))
        return void at(`Member must be ${typeName(spec)}`);
      if (spec.min !== undefined && value < spec.min) at(`Member must have value greater than or equal to ${spec.min}`);
      if (spec.max !== undefined && value > spec.max) at(`Member must have value less than or equal to ${spec.max}`);
      return;
    }
    case 'bool':
      if (typeof value !== 'boolean') at('Member must be a boolean');
      return;
    case 'doc':
      return;
    case 'blob':
      if (typeof value !== 'string' || !BASE64.test(value)) return void at('Member must be a base64-encoded string');
      if (spec.min !== undefined && value.length < spec.min) at(`Member must have length greater than or equal to ${spec.min}`);
      return;
    case 'list': {
      if (!Array.isArray(value)) return void at('Member must be a list');
      if (spec.min !== undefined && value.length < spec.min) at(`Member must have length greater than or equal to ${spec.min}`);
      if (spec.max !== undefined && value.length > spec.max) at(`Member must have length less than or equal to ${spec.max}`);
      for (let i = 0; i < value.length; i++) check(spec.of, value[i], `${path}.${i + 1}.member`, out);
      return;
    }
    case 'map': {
      if (!value || typeof value !== 'object' || Array.isArray(value)) return void at('Member must be a map');
      const keys = Object.keys(value);
      if (spec.min !== undefined && keys.length < spec.min) at(`Member must have length greater than or equal to ${spec.min}`);
      if (spec.max !== undefined && keys.length > spec.max) at(`Member must have length less than or equal to ${spec.max}`);
      for (const k of keys) check(spec.of, (value as Record<string, unknown>)[k], `${path}.${k}.member`, out);
      return;
    }
    case 'struct': {
      if (!value || typeof value !== 'object' || Array.isArray(value)) return void at('Member must be an object');
      const obj = value as Record<string, unknown>;
      for (const name in spec.m) {
        const member = spec.m[name];
        const v = obj[name];
        const where = path ? `${path}.${name}` : name;
        if (v === undefined || v === null) {
          if (member.req) out.push(`Value null at '${where}' failed to satisfy constraint: Member must not be null`);
          continue;
        }
        check(member, v, where, out);
      }
      return;
    }
    case 'union': {
      if (!value || typeof value !== 'object' || Array.isArray(value)) return void at('Member must be an object');
      const obj = value as Record<string, unknown>;
      let set = 0;
      let only = '';
      for (const name in obj) {
        if (obj[name] === undefined || obj[name] === null) continue;
        set++;
        only = name;
      }
      if (set !== 1 || !(only in spec.m)) {
        const known = Object.keys(obj).filter((k) => k in spec.m);
        return void out.push(
          set > 1
            ? `Value at '${path}' failed to satisfy constraint: Member must have exactly one member set (found ${Object.keys(obj)
                .filter((k) => obj[k] !== undefined && obj[k] !== null)
                .join(', ')})`
            : `Value at '${path}' failed to satisfy constraint: Member must have exactly one of [${Object.keys(spec.m).join(', ')}] set${known.length === 0 && set === 1 ? ` (unknown member ${only})` : ''}`,
        );
      }
      check(spec.m[only], obj[only], `${path}.${only}`, out);
      return;
    }
  }
}

/** Throw a ValidationException listing every violation of `spec`, as AWS does. */
export function validateShape(spec: Spec, value: unknown): void {
  const out: string[] = [];
  check(spec, value, '', out);
  if (out.length)
    throw new BedrockError('ValidationException', `${out.length} validation error${out.length > 1 ? 's' : ''} detected: ${out.join('; ')}`);
}
