// Thin re-export for the tiers family's old repositories (service-apis.ts, service-models.ts,
// product-tiers.ts) until the merge; the service use cases live in shared/use-cases/service.ts. Delete after.
export { getService, type ServiceItem } from '#shared/data/entities/service.ts';
export { serviceTouch } from '#shared/data/repositories/legacy-tree-touches.ts';
