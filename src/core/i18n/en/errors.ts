/** Every WorkshopError's problem and fix (outside the local endpoint, which speaks like Bedrock) (English). The pt-BR catalogue has the same keys (`../pt-BR/errors.ts`). */
export const errors = {};
