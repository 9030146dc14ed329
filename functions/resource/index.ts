// Operations of the resource-api group; one import and one entry per endpoint module.
export const operations: unknown[] = [];
