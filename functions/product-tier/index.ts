// Operations of the product-tier-api group; one import and one entry per endpoint module.
export const operations: unknown[] = [];
