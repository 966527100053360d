/** Placeholder entry; replaced as modules land. */
export const PROJECT_NAME = 'bedrock-migration-workshop';
