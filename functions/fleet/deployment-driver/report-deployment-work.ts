import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { CallbackParams, ReportDeploymentWorkRequest, ReportDeploymentWorkResult } from '#shared/schemas/fleet/deployment-driver.ts';
import { reportDeploymentWork } from '#shared/use-cases/drivers.ts';

export const operation = defineOperation({
  operationId: 'ReportDeploymentWork',
  group: 'deployment-driver-api',
  method: 'POST',
  path: '/2022-09-01-00/fleet/deployment-driver/callback/{callbackId}',
  extraRoute:
    "Not in either contract: the callback deployment driver's completion endpoint (docs/ports.md). The provider's own automation reports the outcome of a piece of work it received as an event; the waiting workflow step then goes on.",
  access: 'write',
  summary: 'Report the outcome of deployment work a callback driver handed to the provider',
  description:
    'The body is `{outputs?, endpoints?, nodes?}` for a success or `{failureReason}` for a failure. 404 for work that is not the caller org\'s; 409 when the step no longer waits (already reported, or timed out).',
  params: CallbackParams,
  body: ReportDeploymentWorkRequest,
  response: ReportDeploymentWorkResult,
  permissions: ['table:write', 'workflow:complete-task'],
  run: ({ caller, params, body }) => reportDeploymentWork(caller, params.callbackId, body),
});

export const handler = lambdaHandler(operation);
