import type { AnyOperation } from '#shared/registry/operation.ts';
// The callback deployment driver's endpoint (Fleet API prefix; not in the contract: extraRoute).
import * as reportDeploymentWork from './report-deployment-work.ts';

export const operations: readonly AnyOperation[] = [reportDeploymentWork.operation];
