import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { InstanceParams, InstanceQuery } from '#shared/schemas/resource-instance.ts';
import { ListResourceInstanceSnapshotsResult } from '#shared/schemas/resource-instance-snapshot.ts';
import { listResourceInstanceSnapshots } from '#shared/use-cases/resource-instance/snapshots.ts';

export const operation = defineOperation({
  operationId: 'ListResourceInstanceSnapshots',
  group: 'resource-instance-api',
  method: 'GET',
  path: '/2022-09-01-00/resource-instance/{serviceProviderId}/{serviceKey}/{serviceAPIVersion}/{serviceEnvironmentKey}/{serviceModelKey}/{productTierKey}/{resourceKey}/{id}/snapshot',
  access: 'consumer',
  summary: "An instance's snapshots (scheduled backups), newest first: status, progress, times",
  params: InstanceParams,
  query: InstanceQuery,
  response: ListResourceInstanceSnapshotsResult,
  run: ({ caller, params, query }) => listResourceInstanceSnapshots(caller, params, query, params.id),
});

export const handler = lambdaHandler(operation);
