/** Every WorkshopError's problem and fix (outside the local endpoint, which speaks like Bedrock) — português do Brasil. Mesmas chaves de `../en/errors.ts`. */
import type { errors as En } from '../en/errors';

export const errors: typeof En = {};
