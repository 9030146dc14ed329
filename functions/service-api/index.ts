// Operations of the service-api-api group; one import and one entry per endpoint module.
export const operations: unknown[] = [];
