/**
 * The operation registry: every endpoint, one entry each, gathered from the per-group indexes.
 * The local server, the CDK app, the served OpenAPI document and the coverage tests all read this list.
 * Adding an endpoint = one module in functions/<group>/ + one line in that group's index.ts.
 */
import type { OperationDefinition } from '#shared/registry/operation.ts';
import { operations as global } from './global/index.ts';
import { operations as signup } from './signup/index.ts';
import { operations as signin } from './signin/index.ts';
import { operations as users } from './users/index.ts';
import { operations as service } from './service/index.ts';
import { operations as deploymentConfig } from './deployment-config/index.ts';
import { operations as serviceEnvironment } from './service-environment/index.ts';
import { operations as serviceApi } from './service-api/index.ts';
import { operations as serviceModel } from './service-model/index.ts';
import { operations as productTier } from './product-tier/index.ts';
import { operations as servicePlan } from './service-plan/index.ts';
import { operations as resource } from './resource/index.ts';
import { operations as inputParameter } from './input-parameter/index.ts';
import { operations as outputParameter } from './output-parameter/index.ts';
import { operations as composeGen } from './compose-gen/index.ts';
import { operations as tierVersionSet } from './tier-version-set/index.ts';
import { operations as limit } from './limit/index.ts';
import { operations as plan } from './plan/index.ts';
import { operations as serviceOffering } from './service-offering/index.ts';
import { operations as subscription } from './subscription/index.ts';
import { operations as resourceInstance } from './resource-instance/index.ts';
import { operations as servicesOrchestration } from './services-orchestration/index.ts';
import { operations as subscriptionRequest } from './subscription-request/index.ts';
import { operations as auditEvents } from './audit-events/index.ts';
import { operations as consumptionUser } from './consumption-user/index.ts';
// The Fleet API (under /2022-09-01-00/fleet/); its modules sit under functions/fleet/.
import { operations as fleetInventory } from './fleet/inventory/index.ts';
import { operations as fleetDeploymentDriver } from './fleet/deployment-driver/index.ts';
import { operations as identityProvider } from './identity-provider/index.ts';
import { operations as consumptionUsage } from './consumption-usage/index.ts';
import { operations as usage } from './usage/index.ts';
import { operations as consumptionInvoice } from './consumption-invoice/index.ts';
import { operations as invoice } from './invoice/index.ts';
import { operations as consumptionBilling } from './consumption-billing/index.ts';

export const operations: readonly OperationDefinition[] = [
  ...global,
  ...signup,
  ...signin,
  ...users,
  ...service,
  ...deploymentConfig,
  ...serviceEnvironment,
  ...serviceApi,
  ...serviceModel,
  ...productTier,
  ...servicePlan,
  ...resource,
  ...inputParameter,
  ...outputParameter,
  ...composeGen,
  ...tierVersionSet,
  ...limit,
  ...plan,
  ...serviceOffering,
  ...subscription,
  ...resourceInstance,
  ...servicesOrchestration,
  ...subscriptionRequest,
  ...auditEvents,
  ...consumptionUser,
  ...consumptionUsage,
  ...usage,
  ...consumptionInvoice,
  ...invoice,
  ...consumptionBilling,
  ...fleetInventory,
  ...fleetDeploymentDriver,
  ...identityProvider,
];
