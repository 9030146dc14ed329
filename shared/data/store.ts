/**
 * Generic table operations the repositories build on: conditional creates with uniqueness guards in one
 * transaction, versioned read-modify-write with retry (no lost updates), Query pages with signed tokens,
 * and transactional deletes. Repositories pass keys built by `keys.ts`; nothing here knows an entity.
 */
import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  PutCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '#shared/data/client.ts';
import { TABLE } from '#shared/data/table.ts';
import { Conflict, NotFound } from '#shared/http/errors.ts';
import { decodePageToken, encodePageToken, pageSize } from '#shared/data/page-token.ts';

export interface Key {
  pk: string;
  sk: string;
}

/** Every stored entity carries these. */
export interface Stored {
  pk: string;
  sk: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A uniqueness guard: an item whose existence reserves a value (an email, a name within a parent). */
export interface Guard {
  key: Key;
  /** The 409 message when the value is taken. */
  conflict: string;
  /** Extra attributes to keep on the guard (e.g. the id it points at). */
  attributes?: Record<string, unknown>;
}

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const now = () => new Date().toISOString();

export async function getItem<T>(key: Key, consistent = true): Promise<T | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: consistent }));
  return out.Item as T | undefined;
}

/** Stamps version/createdAt/updatedAt on a new item. */
export function stamp<T extends object>(item: T & Key): T & Stored {
  const t = now();
  return { ...item, version: 1, createdAt: t, updatedAt: t };
}

function guardPut(g: Guard, owner: Key): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: { ...g.key, ...g.attributes, guardFor: `${owner.pk}|${owner.sk}` },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

function guardDelete(g: Guard | Key): TransactItem {
  const key = 'key' in g ? g.key : g;
  return { Delete: { TableName: tableName(), Key: key } };
}

/** Reads the position of the failed condition from a cancelled transaction. */
function cancelledIndex(e: unknown): number | undefined {
  const err = e as { name?: string; CancellationReasons?: { Code?: string }[] };
  if (err?.name !== 'TransactionCanceledException' || !err.CancellationReasons) return undefined;
  const i = err.CancellationReasons.findIndex((r) => r.Code === 'ConditionalCheckFailed');
  return i >= 0 ? i : undefined;
}

/**
 * A transaction cancelled because another transaction was touching the same items at that moment
 * (no condition failed): the request lost a race and may be retried, so it is a 409, never a 5xx.
 */
function isTransactionConflict(e: unknown): boolean {
  const err = e as { name?: string; CancellationReasons?: { Code?: string }[] };
  return err?.name === 'TransactionCanceledException' && !!err.CancellationReasons?.some((r) => r.Code === 'TransactionConflict');
}

function isConditionFailure(e: unknown): boolean {
  return (e as { name?: string })?.name === 'ConditionalCheckFailedException';
}

/**
 * Creates `item` and its guards atomically. A taken guard answers 409 with its message; nothing is written.
 * `extra` adds more writes to the same transaction (e.g. a parent's counter).
 */
export async function createWithGuards<T extends Key>(
  item: T,
  guards: Guard[] = [],
  extra: TransactItem[] = [],
): Promise<T & Stored> {
  const stored = stamp(item);
  if (guards.length === 0 && extra.length === 0) {
    try {
      await db().send(
        new PutCommand({ TableName: tableName(), Item: stored, ConditionExpression: 'attribute_not_exists(pk)' }),
      );
    } catch (e) {
      if (isConditionFailure(e)) throw new Conflict('an item with this id already exists');
      throw e;
    }
    return stored;
  }
  const items: TransactItem[] = [
    { Put: { TableName: tableName(), Item: stored, ConditionExpression: 'attribute_not_exists(pk)' } },
    ...guards.map((g) => guardPut(g, item)),
    ...extra,
  ];
  try {
    await db().send(new TransactWriteCommand({ TransactItems: items }));
  } catch (e) {
    const i = cancelledIndex(e);
    if (i === 0) throw new Conflict('an item with this id already exists');
    if (i !== undefined && i <= guards.length) throw new Conflict(guards[i - 1].conflict);
    if (i !== undefined || isTransactionConflict(e)) throw new Conflict('a concurrent change conflicted with this request; retry it');
    throw e;
  }
  return stored;
}

export interface MutateOptions<T> {
  /** Entity name for the 404 message ("service" → "service not found"). */
  entity: string;
  /** Rejects items the caller may not see (tenancy); a rejected item answers 404 like a missing one. */
  visible?: (item: T) => boolean;
  /** Guards to add and remove when a unique value changes (e.g. a rename). */
  guards?: (before: T, after: T) => { add: Guard[]; remove: Key[] };
  /** More writes in the same transaction. */
  extra?: (before: T, after: T) => TransactItem[];
  retries?: number;
}

/**
 * Optimistic read-modify-write: reads the item, applies `change`, writes it conditional on the version
 * read, and retries from a fresh read when another writer got there first. Concurrent updates lose nothing.
 */
export async function mutate<T extends Stored>(
  key: Key,
  change: (current: T) => T | Promise<T>,
  opts: MutateOptions<T>,
): Promise<T> {
  const retries = opts.retries ?? 8;
  for (let attempt = 0; ; attempt++) {
    const current = await getItem<T>(key);
    if (!current || (opts.visible && !opts.visible(current))) throw new NotFound(opts.entity);
    const changed = await change(structuredClone(current));
    const next: T = { ...changed, pk: key.pk, sk: key.sk, version: current.version + 1, updatedAt: now() };
    const g = opts.guards?.(current, next) ?? { add: [], remove: [] };
    const extra = opts.extra?.(current, next) ?? [];
    try {
      if (g.add.length === 0 && g.remove.length === 0 && extra.length === 0) {
        await db().send(
          new PutCommand({
            TableName: tableName(),
            Item: next,
            ConditionExpression: 'version = :v',
            ExpressionAttributeValues: { ':v': current.version },
          }),
        );
      } else {
        await db().send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tableName(),
                  Item: next,
                  ConditionExpression: 'version = :v',
                  ExpressionAttributeValues: { ':v': current.version },
                },
              },
              ...g.add.map((x) => guardPut(x, key)),
              ...g.remove.map((k) => guardDelete(k)),
              ...extra,
            ],
          }),
        );
      }
      return next;
    } catch (e) {
      const i = cancelledIndex(e);
      const lostRace = isConditionFailure(e) || i === 0 || (i === undefined && isTransactionConflict(e));
      if (lostRace && attempt < retries) {
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (attempt + 1)));
        continue;
      }
      if (lostRace) throw new Conflict('too many concurrent changes to this item; retry the request');
      if (i !== undefined && i <= g.add.length) throw new Conflict(g.add[i - 1].conflict);
      if (i !== undefined) throw new Conflict('a concurrent change conflicted with this request; retry it');
      throw e;
    }
  }
}

/**
 * Deletes `key` (conditional on `version` when given) with more deletes/writes in one transaction:
 * guards, children, counters. Nothing is half-removed.
 */
export async function deleteAtomically(
  key: Key,
  opts: { version?: number; alsoDelete?: Key[]; extra?: TransactItem[] } = {},
): Promise<void> {
  const main: TransactItem = {
    Delete: {
      TableName: tableName(),
      Key: key,
      ...(opts.version !== undefined
        ? { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': opts.version } }
        : { ConditionExpression: 'attribute_exists(pk)' }),
    },
  };
  const items = [main, ...(opts.alsoDelete ?? []).map((k) => guardDelete(k)), ...(opts.extra ?? [])];
  // DynamoDB transactions take at most 100 items; a larger cascade must be designed as a workflow.
  if (items.length > 100) throw new Conflict('too many dependent items to delete in one request');
  try {
    await db().send(new TransactWriteCommand({ TransactItems: items }));
  } catch (e) {
    const i = cancelledIndex(e);
    if (i !== undefined || isTransactionConflict(e)) throw new Conflict('the item changed while it was being deleted; retry the request');
    throw e;
  }
}

export interface Page<T> {
  items: T[];
  nextPageToken?: string;
}

export interface QueryPageInput {
  /** Partition value to query (on the table or on `index`). */
  partition: string;
  /** Optional sort-key prefix. */
  prefix?: string;
  index?: 'byParent' | 'byId';
  limit?: number;
  pageToken?: string;
  /** Newest first when the sort key is time-ordered. */
  descending?: boolean;
}

/** One bounded page of a Query; the token is bound to the partition it came from. */
export async function queryPage<T>(input: QueryPageInput): Promise<Page<T>> {
  const idx = input.index ? TABLE[input.index] : undefined;
  const pkName = idx ? idx.partitionKey : TABLE.partitionKey;
  const skName = idx ? idx.sortKey : TABLE.sortKey;
  const scope = `${input.index ?? 'table'}|${input.partition}|${input.prefix ?? ''}`;
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: idx?.name,
      KeyConditionExpression: input.prefix ? '#pk = :pk AND begins_with(#sk, :prefix)' : '#pk = :pk',
      ExpressionAttributeNames: input.prefix ? { '#pk': pkName, '#sk': skName } : { '#pk': pkName },
      ExpressionAttributeValues: input.prefix ? { ':pk': input.partition, ':prefix': input.prefix } : { ':pk': input.partition },
      Limit: pageSize(input.limit),
      ExclusiveStartKey: await decodePageToken(scope, input.pageToken),
      ScanIndexForward: !input.descending,
    }),
  );
  return {
    items: (out.Items ?? []) as T[],
    nextPageToken: await encodePageToken(scope, out.LastEvaluatedKey),
  };
}

/**
 * Every item under a partition (and prefix), following pages internally. For the small, bounded
 * collections inside one service's partition (environments, plans, resources), never for org-wide lists.
 */
export async function queryAll<T>(partition: string, prefix?: string, max = 2000): Promise<T[]> {
  const items: T[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: prefix ? 'pk = :pk AND begins_with(sk, :prefix)' : 'pk = :pk',
        ExpressionAttributeValues: prefix ? { ':pk': partition, ':prefix': prefix } : { ':pk': partition },
        ExclusiveStartKey: start,
        ConsistentRead: true,
      }),
    );
    items.push(...((out.Items ?? []) as T[]));
    start = out.LastEvaluatedKey;
  } while (start && items.length < max);
  return items;
}

export { type TransactItem };
