// Thin re-export for the tiers family's old repositories (service-apis.ts, product-tiers.ts) until the
// merge; the environment use cases live in shared/use-cases/service-environment.ts. Delete after.
export { getEnvironment, type EnvironmentItem } from '#shared/data/entities/environment.ts';
export { environmentTouch } from '#shared/data/repositories/legacy-tree-touches.ts';
