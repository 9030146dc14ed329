/**
 * GenerateTokenForDeploymentCellDashboard: a short-lived signed token scoped to one instance and the deployment
 * cell it runs in (shared/auth/dashboard-token.ts; what it grants: docs/operations.md, "Deployment-cell
 * dashboard tokens"). The instance is addressed by id alone; whoever reaches the instance (its customer, a user
 * with a role on its subscription, its provider) may have a token for it, a reader included: the token only
 * lets its bearer look. Anyone else gets 404, as for a missing instance.
 */
import type { Caller } from '#shared/auth/caller.ts';
import { issueDashboardToken } from '#shared/auth/dashboard-token.ts';
import { InvalidState, NotFound } from '#shared/errors.ts';
import { getResourceInstance } from '#shared/data/entities/resource-instance.ts';
import { deploymentCellIdOf, expirationTimestamp } from '#shared/domain/resource-instance-change.ts';
import { callerReaches, INSTANCE_NOT_FOUND } from '#shared/use-cases/resource-instance/path.ts';

export async function generateTokenForDeploymentCellDashboard(
  caller: Caller,
  params: { id: string },
  query: { subscriptionId?: string },
): Promise<{ token: string; deploymentCellID: string; expirationTimestamp: string }> {
  const item = await getResourceInstance(params.id);
  if (!item || (query.subscriptionId !== undefined && item.subscriptionId !== query.subscriptionId) || !(await callerReaches(caller, item))) {
    throw new NotFound(INSTANCE_NOT_FOUND);
  }
  if (item.status === 'DELETING') throw new InvalidState('instance is DELETING; a dashboard token needs an instance that is not being deleted');
  const deploymentCellID = deploymentCellIdOf(item);
  const { token, expiresAt } = await issueDashboardToken({ userId: caller.userId, orgId: caller.orgId, instanceId: item.instanceId, deploymentCellId: deploymentCellID });
  return { token, deploymentCellID, expirationTimestamp: expirationTimestamp(expiresAt) };
}
