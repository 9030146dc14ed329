import { z } from 'zod';
import { config } from '#shared/config.ts';

export const ServiceHealthResult = z
  .object({ status: z.string().meta({ description: 'RUNNING once the service answers requests.' }) })
  .meta({ id: 'OmnistrateServiceHealthResult' });

export const ServiceVersionResult = z
  .object({
    apiVersion: z.string(),
    buildCommitSHA: z.string(),
    buildTimestamp: z.string(),
  })
  .meta({ id: 'OmnistrateServiceVersionResult' });

export const API_VERSION = '2022-09-01-00';

export function versionInfo() {
  return {
    apiVersion: API_VERSION,
    buildCommitSHA: config.buildCommitSha,
    buildTimestamp: config.buildTimestamp,
  };
}
