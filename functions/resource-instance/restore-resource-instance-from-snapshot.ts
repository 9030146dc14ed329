import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { CreateResourceInstanceResult, InstanceQuery } from '#shared/schemas/resource-instance.ts';
import { RestoreResourceInstanceFromSnapshotRequest, SnapshotRestoreParams } from '#shared/schemas/resource-instance-snapshot.ts';
import { restoreResourceInstanceFromSnapshot } from '#shared/use-cases/resource-instance/snapshots.ts';

export const operation = defineOperation({
  operationId: 'RestoreResourceInstanceFromSnapshot',
  group: 'resource-instance-api',
  method: 'POST',
  path: '/2022-09-01-00/resource-instance/{serviceProviderId}/{serviceKey}/{serviceAPIVersion}/{serviceEnvironmentKey}/{serviceModelKey}/{productTierKey}/{resourceKey}/snapshot/{snapshotId}/restore',
  access: 'consumer',
  summary: 'Restore a completed snapshot as a new instance (created by a workflow; works after the source was deleted, within retention); answers its id',
  status: 202,
  params: SnapshotRestoreParams,
  query: InstanceQuery,
  body: RestoreResourceInstanceFromSnapshotRequest,
  response: CreateResourceInstanceResult,
  permissions: ['table:write'],
  workflows: ['create-resource-instance'],
  run: ({ caller, params, query, body }) => restoreResourceInstanceFromSnapshot(caller, params, query, params.snapshotId, body),
});

export const handler = lambdaHandler(operation);
