import type { AnyOperation } from '#shared/registry/operation.ts';
import * as registrationServiceHealth from './registration-service-health.ts';
import * as registrationServiceVersion from './registration-service-version.ts';
import * as consumptionServiceHealth from './consumption-service-health.ts';
import * as consumptionServiceVersion from './consumption-service-version.ts';

export const operations: readonly AnyOperation[] = [
  registrationServiceHealth.operation,
  registrationServiceVersion.operation,
  consumptionServiceHealth.operation,
  consumptionServiceVersion.operation,
];
