import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { DashboardTokenParams, DashboardTokenQuery, GenerateTokenForDeploymentCellDashboardResult } from '#shared/schemas/resource-instance.ts';
import { generateTokenForDeploymentCellDashboard } from '#shared/use-cases/resource-instance/dashboard.ts';

export const operation = defineOperation({
  operationId: 'GenerateTokenForDeploymentCellDashboard',
  group: 'resource-instance-api',
  method: 'POST',
  path: '/2022-09-01-00/resource-instance/{id}/deployment-cell-dashboard/token',
  access: 'consumer',
  summary: "A short-lived token for the dashboard of the instance's deployment cell",
  description:
    'A signed token (15 minutes by default) naming this instance and its deployment cell, granting read-only access to that ' +
    "instance's view of the cell's dashboard and nothing else: it is never accepted as an API session. Whoever reaches the " +
    'instance may have one (404 otherwise); 409 while the instance is DELETING. See docs/operations.md.',
  params: DashboardTokenParams,
  query: DashboardTokenQuery,
  response: GenerateTokenForDeploymentCellDashboardResult,
  run: ({ caller, params, query }) => generateTokenForDeploymentCellDashboard(caller, params, query),
});

export const handler = lambdaHandler(operation);
