/**
 * @deprecated The raw TransactItem touches the old repositories of the tiers family (service-apis.ts,
 * service-models.ts, product-tiers.ts) still put next to `createWithGuards`/`deleteAtomically`. The service
 * family's own code uses the entity touches (`serviceTouch`/`environmentTouch` in shared/data/entities/),
 * given to `commit`. Delete this file with those repositories at the merge.
 */
import { keys } from '#shared/data/keys.ts';
import { tableName } from '#shared/data/client.ts';
import type { TransactItem } from '#shared/data/store.ts';

/** @deprecated use `serviceTouch` of shared/data/entities/service.ts in a `commit` plan. */
export function serviceTouch(orgId: string, serviceId: string): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.service(serviceId),
      UpdateExpression: 'ADD version :one',
      ConditionExpression: 'attribute_exists(pk) AND orgId = :org',
      ExpressionAttributeValues: { ':one': 1, ':org': orgId },
    },
  };
}

/** @deprecated use `environmentTouch` of shared/data/entities/environment.ts in a `commit` plan. */
export function environmentTouch(serviceId: string, environmentId: string, version?: number): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.environment(serviceId, environmentId),
      UpdateExpression: 'ADD version :one',
      ConditionExpression: version === undefined ? 'attribute_exists(pk)' : 'version = :v',
      ExpressionAttributeValues: version === undefined ? { ':one': 1 } : { ':one': 1, ':v': version },
    },
  };
}
