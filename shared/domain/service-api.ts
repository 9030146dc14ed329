/**
 * Rules of service APIs that need no I/O: the API version format and the wire view.
 * Type-only imports of entities and schemas (docs/decisions/005).
 */
import type { z } from 'zod';
import type { ServiceApiItem } from '#shared/data/entities/service-api.ts';
import type { ServiceItem } from '#shared/data/entities/service.ts';
import type { EnvironmentItem } from '#shared/data/entities/environment.ts';
import type { DescribeServiceAPIResult } from '#shared/schemas/service-api.ts';

/** `v1`, `v2`, and pre-release forms like `v1beta1`; what clients put in API paths. */
export const API_VERSION_PATTERN = /^v[1-9][0-9]*((alpha|beta)[1-9][0-9]*)?$/;
export const DEFAULT_API_VERSION = 'v1';

/** Service models one service API may hold (ListServiceModel answers them all, so the list stays bounded). */
export const MAX_MODELS_PER_API = 100;

/** DescribeServiceAPI: the API with its service's name and its environment's deployment config. */
export function serviceApiView(
  api: ServiceApiItem,
  service: Pick<ServiceItem, 'name'>,
  environment: Pick<EnvironmentItem, 'deploymentConfigId'>,
): z.input<typeof DescribeServiceAPIResult> {
  return {
    id: api.serviceApiId,
    serviceId: api.serviceId,
    serviceName: service.name,
    serviceEnvironmentId: api.environmentId,
    deploymentConfigId: environment.deploymentConfigId,
    apiVersion: api.apiVersion,
    description: api.description,
    deprecated: api.deprecated,
  };
}
