// Operations of the service-plan-api group; one import and one entry per endpoint module.
export const operations: unknown[] = [];
