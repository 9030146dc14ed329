/**
 * The table operations everything builds on, and the one write path.
 *
 * Reads: `getItem`, `queryPage` (one bounded page, signed token) and `queryAll` (every item of a key range,
 * following pages; never cut). Writes: `commit(plan)`, one transaction that says declaratively what the use
 * case relies on (versioned puts and deletes, version bumps and checks, parent touches, counters, asserted
 * attribute values, uniqueness guards), run under `withRetry`, which re-runs read–decide–write from a fresh
 * read whenever the write lost a race. A cancelled transaction is classified here and nowhere else.
 * Callers pass keys built by `keys.ts`; nothing here knows an entity.
 */
import { BatchWriteCommand, GetCommand, QueryCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '#shared/data/client.ts';
import { TABLE } from '#shared/data/table.ts';
import { assertStorable } from '#shared/data/item-limits.ts';
import { Conflict, NotFound, type DomainError } from '#shared/errors.ts';
import { decodePageToken, encodePageToken, pageSize } from '#shared/data/page-token.ts';

export interface Key {
  pk: string;
  sk: string;
}

/** Every stored entity carries these. */
export interface Stored extends Key {
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

/** DynamoDB's limit on the items of one transaction. */
export const MAX_TRANSACTION_ITEMS = 100;

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

/** The next state of a stored item: version + 1, updatedAt now; write it with `expectVersion: current.version`. */
export function advance<T extends Stored>(current: T, next: T): T {
  return { ...next, pk: current.pk, sk: current.sk, version: current.version + 1, updatedAt: now() };
}

// ---------------------------------------------------------------------------------------------- the plan

export interface VersionedPut {
  item: Key & object;
  /** The version read; absent for a new item (which must not exist yet). */
  expectVersion?: number;
}

/**
 * A parent the change hangs under: it must still exist in the caller's org (else 404 `entity`), and its
 * version is bumped so that a concurrent delete of the parent, conditional on the version it read, fails
 * instead of orphaning the child.
 */
export interface Touch {
  key: Key;
  orgId: string;
  /** Entity name for the 404 when the parent is gone. */
  entity: string;
}

export interface TransactionPlan {
  puts?: VersionedPut[];
  /** New records written alongside the change (change-log entries, audit events); they must not exist yet. */
  appends?: (Key & object)[];
  /** Items whose version must still be the one read; their version is incremented. */
  bumps?: { key: Key; version: number }[];
  /** Items whose version must still be the one read; left untouched. */
  checks?: { key: Key; version: number }[];
  /** Items that must still not exist (a default read because nothing overrode it); else the change lost a race. */
  absent?: Key[];
  touches?: Touch[];
  /** Versioned deletes (or conditional on existence); `unexpired` also requires the TTL not to have passed. */
  deletes?: { key: Key; version?: number; unexpired?: boolean; failure?: DomainError }[];
  /**
   * Numeric attributes added to an existing item (child counts, usage counts); bumps its version. 404
   * `entity` when gone. With `atMost`, an attribute may not pass `max` (a documented per-parent limit).
   */
  counters?: {
    key: Key;
    add: Record<string, number>;
    entity: string;
    /** The parent must belong to this org (tenancy), as with a touch. */
    orgId?: string;
    atMost?: { max: number; failure: DomainError };
    /** Per-attribute limits, when the attributes of one item have different ones. */
    limits?: Record<string, { max: number; failure: DomainError }>;
    /**
     * The item's version must still be the one read (else the change lost a race): for a decision the read
     * count itself drives (e.g. "this was the last one").
     */
    expectVersion?: number;
  }[];
  /** Attribute values that must hold when the change commits (e.g. "the other root is still root"). */
  asserts?: { key: Key; equals: Record<string, string | number | boolean>; failure: DomainError }[];
  guardsAdd?: { guard: Guard; owner: Key }[];
  /** Guards released by the change (a rename, a delete); removed unconditionally. */
  guardsRemove?: Key[];
  /**
   * Guards handed to a new owner (a discard giving a name back to the resource that held it at release):
   * written over the existing guard, conditional on it still being held by `heldBy` (its `guardFor` as read,
   * see `guardHolder`); otherwise the change lost a race.
   */
  guardsMove?: { guard: Guard; owner: Key; heldBy: string }[];
}

/** How a guard records its owner (`guardFor`): compare it with what a guard item read holds. */
export const guardHolder = (owner: Key): string => `${owner.pk}|${owner.sk}`;

/** Thrown by `commit` when a version condition failed or another transaction was in flight: retry. */
export class RaceLost extends Error {
  override readonly name = 'RaceLost';
  constructor() {
    super('a concurrent change won the race');
  }
}

type Outcome =
  | { kind: 'race' }
  | { kind: 'exists' }
  | { kind: 'missing'; entity: string }
  | { kind: 'guard'; message: string }
  | { kind: 'failure'; error: DomainError }
  /** A counter that is gone or at its limit: the limit's error (a vanished parent also trips its touch). */
  | { kind: 'limit'; entity: string; orgId?: string; expectVersion?: number; limits: { attribute: string; by: number; max: number; failure: DomainError }[] }
  | { kind: 'other' };

const versionIs = (v: number) => ({
  ConditionExpression: '#v = :v',
  ExpressionAttributeNames: { '#v': 'version' },
  ExpressionAttributeValues: { ':v': v } as Record<string, unknown>,
});

/** Builds the transaction items of a plan, each with what its failed condition means. */
function compile(plan: TransactionPlan): { items: TransactItem[]; outcomes: Outcome[] } {
  const items: TransactItem[] = [];
  const outcomes: Outcome[] = [];
  const add = (item: TransactItem, outcome: Outcome) => {
    items.push(item);
    outcomes.push(outcome);
  };
  const TableName = tableName();
  for (const p of plan.puts ?? []) {
    assertStorable(p.item as Record<string, unknown>);
    if (p.expectVersion === undefined) {
      add({ Put: { TableName, Item: p.item, ConditionExpression: 'attribute_not_exists(pk)' } }, { kind: 'exists' });
    } else {
      add({ Put: { TableName, Item: p.item, ...versionIs(p.expectVersion) } }, { kind: 'race' });
    }
  }
  for (const item of plan.appends ?? []) {
    assertStorable(item as Record<string, unknown>);
    add({ Put: { TableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } }, { kind: 'exists' });
  }
  for (const b of plan.bumps ?? []) {
    const cond = versionIs(b.version);
    add(
      {
        Update: {
          TableName,
          Key: b.key,
          UpdateExpression: 'SET #v = :next',
          ...cond,
          ExpressionAttributeValues: { ...cond.ExpressionAttributeValues, ':next': b.version + 1 },
        },
      },
      { kind: 'race' },
    );
  }
  for (const c of plan.checks ?? []) add({ ConditionCheck: { TableName, Key: c.key, ...versionIs(c.version) } }, { kind: 'race' });
  for (const key of plan.absent ?? []) {
    add(
      { ConditionCheck: { TableName, Key: key, ConditionExpression: 'attribute_not_exists(#pk)', ExpressionAttributeNames: { '#pk': TABLE.partitionKey } } },
      { kind: 'race' },
    );
  }
  for (const t of plan.touches ?? []) {
    add(
      {
        Update: {
          TableName,
          Key: t.key,
          UpdateExpression: 'ADD #v :one',
          ConditionExpression: 'attribute_exists(#pk) AND orgId = :org',
          ExpressionAttributeNames: { '#v': 'version', '#pk': TABLE.partitionKey },
          ExpressionAttributeValues: { ':one': 1, ':org': t.orgId },
        },
      },
      { kind: 'missing', entity: t.entity },
    );
  }
  for (const c of plan.counters ?? []) {
    const names: Record<string, string> = { '#v': 'version', '#u': 'updatedAt', '#pk': TABLE.partitionKey };
    const values: Record<string, unknown> = { ':one': 1, ':now': now() };
    const adds = Object.entries(c.add).map(([attr, by], i) => {
      names[`#a${i}`] = attr;
      values[`:a${i}`] = by;
      return `#a${i} :a${i}`;
    });
    const update = {
      TableName,
      Key: c.key,
      UpdateExpression: `ADD ${[...adds, '#v :one'].join(', ')} SET #u = :now`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    };
    let exists = 'attribute_exists(#pk)';
    if (c.orgId !== undefined) {
      values[':org'] = c.orgId;
      exists += ' AND orgId = :org';
    }
    add({ Update: { ...update, ConditionExpression: exists } }, { kind: 'missing', entity: c.entity });
    // Each positive add may not take its attribute past its limit (`limits` per attribute, or `atMost` for all).
    const bounded = Object.entries(c.add)
      .map(([attribute, by], i) => ({ attribute, by, i, limit: c.limits?.[attribute] ?? c.atMost }))
      .filter((x) => x.by > 0 && x.limit !== undefined);
    if (bounded.length || c.expectVersion !== undefined) {
      const last = items[items.length - 1].Update!;
      if (c.expectVersion !== undefined) values[':expect'] = c.expectVersion;
      last.ConditionExpression = [
        exists,
        ...(c.expectVersion !== undefined ? ['#v = :expect'] : []),
        ...bounded.map(({ by, i, limit }) => {
          values[`:m${i}`] = limit!.max - by;
          return `(attribute_not_exists(#a${i}) OR #a${i} <= :m${i})`;
        }),
      ].join(' AND ');
      // A failed condition now means "gone", "changed" or "full": the old item, returned only when it exists, tells which.
      last.ReturnValuesOnConditionCheckFailure = 'ALL_OLD';
      outcomes[outcomes.length - 1] = {
        kind: 'limit',
        entity: c.entity,
        orgId: c.orgId,
        expectVersion: c.expectVersion,
        limits: bounded.map(({ attribute, by, limit }) => ({ attribute, by, max: limit!.max, failure: limit!.failure })),
      };
    }
  }
  for (const a of plan.asserts ?? []) {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const conds = Object.entries(a.equals).map(([attr, v], i) => {
      names[`#e${i}`] = attr;
      values[`:e${i}`] = v;
      return `#e${i} = :e${i}`;
    });
    add(
      {
        ConditionCheck: {
          TableName,
          Key: a.key,
          ConditionExpression: conds.join(' AND '),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        },
      },
      { kind: 'failure', error: a.failure },
    );
  }
  for (const d of plan.deletes ?? []) {
    let cond: { ConditionExpression: string; ExpressionAttributeNames: Record<string, string>; ExpressionAttributeValues?: Record<string, unknown> };
    if (d.version !== undefined) cond = versionIs(d.version);
    else if (d.unexpired) {
      cond = {
        ConditionExpression: 'attribute_exists(#pk) AND #exp > :now',
        ExpressionAttributeNames: { '#pk': TABLE.partitionKey, '#exp': TABLE.ttlAttribute },
        ExpressionAttributeValues: { ':now': Math.floor(Date.now() / 1000) },
      };
    } else cond = { ConditionExpression: 'attribute_exists(#pk)', ExpressionAttributeNames: { '#pk': TABLE.partitionKey } };
    add({ Delete: { TableName, Key: d.key, ...cond } }, d.failure ? { kind: 'failure', error: d.failure } : { kind: 'race' });
  }
  for (const g of plan.guardsAdd ?? []) {
    add(
      {
        Put: {
          TableName,
          Item: { ...g.guard.key, ...g.guard.attributes, entity: 'guard', guardFor: guardHolder(g.owner) },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      { kind: 'guard', message: g.guard.conflict },
    );
  }
  for (const g of plan.guardsMove ?? []) {
    add(
      {
        Put: {
          TableName,
          Item: { ...g.guard.key, ...g.guard.attributes, entity: 'guard', guardFor: guardHolder(g.owner) },
          ConditionExpression: '#gf = :holder',
          ExpressionAttributeNames: { '#gf': 'guardFor' },
          ExpressionAttributeValues: { ':holder': g.heldBy },
        },
      },
      { kind: 'race' },
    );
  }
  for (const k of plan.guardsRemove ?? []) add({ Delete: { TableName, Key: k } }, { kind: 'other' });
  return { items, outcomes };
}

/** How many transaction items a plan takes (callers that cascade check this before building big plans). */
export function planSize(plan: TransactionPlan): number {
  return (['puts', 'appends', 'bumps', 'checks', 'absent', 'touches', 'deletes', 'counters', 'asserts', 'guardsAdd', 'guardsRemove', 'guardsMove'] as const).reduce(
    (n, k) => n + (plan[k]?.length ?? 0),
    0,
  );
}

/**
 * Writes the plan in one transaction: all of it or nothing. A missing parent is 404, a taken guard 409 with
 * its message, an asserted value that no longer holds its own error, and a version race `RaceLost`.
 */
export async function commit(plan: TransactionPlan): Promise<void> {
  const { items, outcomes } = compile(plan);
  if (items.length === 0) return;
  // DynamoDB transactions take at most 100 items; a bigger change has to be split (or refused) by the caller.
  if (items.length > MAX_TRANSACTION_ITEMS) throw new Conflict('this change touches too many items for one request');
  try {
    await db().send(new TransactWriteCommand({ TransactItems: items }));
  } catch (e) {
    throw classify(e, outcomes);
  }
}

/** An attribute of an item returned with a cancellation reason (the SDK leaves those items marshalled). */
function attributeOf(item: Record<string, unknown>, name: string): unknown {
  const v = item[name] as { S?: string; N?: string } | string | number | undefined;
  return typeof v === 'object' && v !== null ? (v.S ?? v.N) : v;
}

/** The one place that reads a cancelled transaction. */
function classify(e: unknown, outcomes: Outcome[]): unknown {
  const err = e as { name?: string; CancellationReasons?: { Code?: string; Item?: Record<string, unknown> }[] };
  if (err?.name !== 'TransactionCanceledException' || !err.CancellationReasons) return e;
  const reasons = err.CancellationReasons;
  // Another transaction on the same items was in flight: nothing was decided, so try again.
  if (reasons.some((r) => r.Code === 'TransactionConflict')) return new RaceLost();
  const failed = reasons
    .map((r, i): Outcome | undefined => {
      if (r.Code !== 'ConditionalCheckFailed') return undefined;
      const o = outcomes[i];
      // A full counter returns its item; a missing (or another org's) one does not.
      if (o.kind !== 'limit') return o;
      if (!r.Item || (o.orgId !== undefined && attributeOf(r.Item, 'orgId') !== o.orgId)) return { kind: 'missing', entity: o.entity };
      if (o.expectVersion !== undefined && Number(attributeOf(r.Item, 'version')) !== o.expectVersion) return { kind: 'race' };
      if (!o.limits.length) return { kind: 'race' };
      // The first limit the stored count would pass is the one that refused the change.
      const full = o.limits.find((l) => Number(attributeOf(r.Item!, l.attribute) ?? 0) + l.by > l.max) ?? o.limits[0];
      return { kind: 'failure', error: full.failure };
    })
    .filter((o) => o !== undefined);
  // A missing parent, a taken value or a broken assertion is the answer whatever else raced; a version race is retried.
  const missing = failed.find((o) => o.kind === 'missing');
  if (missing?.kind === 'missing') return new NotFound(missing.entity);
  const failure = failed.find((o) => o.kind === 'failure');
  if (failure?.kind === 'failure') return failure.error;
  if (failed.some((o) => o.kind === 'race')) return new RaceLost();
  const guard = failed.find((o) => o.kind === 'guard');
  if (guard?.kind === 'guard') return new Conflict(guard.message);
  if (failed.some((o) => o.kind === 'exists')) return new Conflict('an item with this id already exists');
  return new Conflict('a concurrent change conflicted with this request; retry it');
}

/** DynamoDB's limit on the items of one BatchWriteItem. */
const BATCH_WRITE_ITEMS = 25;

type BatchRequest = { PutRequest: { Item: Key & object } } | { DeleteRequest: { Key: Key } };

/** BatchWriteItem, 25 requests each, several batches at a time, resending what DynamoDB left unprocessed. */
async function batchWrite(requests: BatchRequest[], parallel: number): Promise<void> {
  const TableName = tableName();
  const batches: BatchRequest[][] = [];
  for (let i = 0; i < requests.length; i += BATCH_WRITE_ITEMS) batches.push(requests.slice(i, i + BATCH_WRITE_ITEMS));
  const send = async (batch: BatchRequest[]) => {
    let pending = batch;
    for (let attempt = 0; pending.length; attempt++) {
      if (attempt > 10) throw new Conflict('the table is too busy to store this change; retry it');
      if (attempt > 0) await new Promise((r) => setTimeout(r, 10 * 2 ** Math.min(attempt, 6) * Math.random()));
      const out = await db().send(new BatchWriteCommand({ RequestItems: { [TableName]: pending } }));
      pending = (out.UnprocessedItems?.[TableName] ?? []) as BatchRequest[];
    }
  };
  for (let i = 0; i < batches.length; i += parallel) await Promise.all(batches.slice(i, i + parallel).map(send));
}

/**
 * Writes new, immutable items that nothing refers to yet (a release's snapshot parts, under keys no other
 * writer builds), or derived items that are a pure function of their inputs (usage records and sums, written
 * again identically by a rerun). Not a transaction and not conditional: only for items that become visible
 * through a later `commit` naming them (a header written last), or whose rewrite is harmless, so a crash in
 * between leaves unreachable or recomputable items, never a half-visible change.
 */
export async function putImmutable(items: (Key & object)[], parallel = 8): Promise<void> {
  for (const item of items) assertStorable(item as Record<string, unknown>);
  await batchWrite(items.map((Item) => ({ PutRequest: { Item } })), parallel);
}

/**
 * Removes derived items (usage records and sums a recomputation no longer produces), unconditionally: only for
 * items `putImmutable` wrote as a pure function of their inputs, which the same recomputation would rewrite.
 */
export async function removeDerived(keys: Key[], parallel = 8): Promise<void> {
  await batchWrite(keys.map((k) => ({ DeleteRequest: { Key: { pk: k.pk, sk: k.sk } } })), parallel);
}

export interface RetryOptions {
  retries?: number;
  /** Other errors worth a fresh attempt (e.g. a derived key taken by a concurrent create). */
  retryOn?: (e: unknown) => boolean;
}

/** Runs read–decide–write again from a fresh read whenever the write lost a race. The only retry loop. */
export async function withRetry<T>(attempt: () => Promise<T>, opts: RetryOptions = {}): Promise<T> {
  const retries = opts.retries ?? 8;
  for (let i = 0; ; i++) {
    try {
      return await attempt();
    } catch (e) {
      const retryable = e instanceof RaceLost || (opts.retryOn?.(e) ?? false);
      if (!retryable || i >= retries) {
        if (e instanceof RaceLost) throw new Conflict('too many concurrent changes to this resource; retry the request');
        throw e;
      }
      // Jittered, growing back-off: concurrent writers of one partition spread out instead of colliding again.
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (i + 1)));
    }
  }
}

// ------------------------------------------------------------------------------------------------ reads

export interface Page<T> {
  items: T[];
  nextPageToken?: string;
}

export interface KeyRange {
  /** Partition value to query (on the table or on `index`). */
  partition: string;
  /** Optional sort-key prefix. */
  prefix?: string;
  /** Optional inclusive sort-key bounds `[from, to]` (not with `prefix`): a time window of time-ordered keys. */
  between?: readonly [string, string];
  index?: 'byParent' | 'byId';
}

export interface QueryPageInput extends KeyRange {
  limit?: number;
  pageToken?: string;
  /** Newest first when the sort key is time-ordered. */
  descending?: boolean;
}

function keyCondition(range: KeyRange) {
  const idx = range.index ? TABLE[range.index] : undefined;
  const names: Record<string, string> = { '#pk': idx ? idx.partitionKey : TABLE.partitionKey };
  const values: Record<string, unknown> = { ':pk': range.partition };
  if (range.prefix || range.between) names['#sk'] = idx ? idx.sortKey : TABLE.sortKey;
  if (range.prefix) values[':prefix'] = range.prefix;
  if (range.between) [values[':from'], values[':to']] = range.between;
  return {
    IndexName: idx?.name,
    KeyConditionExpression: range.prefix
      ? '#pk = :pk AND begins_with(#sk, :prefix)'
      : range.between
        ? '#pk = :pk AND #sk BETWEEN :from AND :to'
        : '#pk = :pk',
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

/** One bounded page of a Query; the token is bound to the key range it came from. */
export async function queryPage<T>(input: QueryPageInput): Promise<Page<T>> {
  const scope = `${input.index ?? 'table'}|${input.partition}|${input.prefix ?? ''}|${input.between?.join('|') ?? ''}`;
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      ...keyCondition(input),
      Limit: pageSize(input.limit),
      ExclusiveStartKey: await decodePageToken(scope, input.pageToken),
      ScanIndexForward: !input.descending,
    }),
  );
  return { items: (out.Items ?? []) as T[], nextPageToken: await encodePageToken(scope, out.LastEvaluatedKey) };
}

/**
 * Every item of a key range, following DynamoDB's 1 MB pages: never cut. Only for collections whose size a
 * create-time limit bounds (see docs/data-model.md), never for an org-wide list.
 */
export async function queryAll<T>(range: KeyRange): Promise<T[]> {
  const items: T[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db().send(
      new QueryCommand({
        TableName: tableName(),
        ...keyCondition(range),
        ExclusiveStartKey: start,
        // Indexes are eventually consistent by nature; table reads see the writes before them.
        ConsistentRead: range.index ? undefined : true,
      }),
    );
    items.push(...((out.Items ?? []) as T[]));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

