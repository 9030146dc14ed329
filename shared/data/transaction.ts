/**
 * One transaction over several items of a service partition, each write conditional on what the use case
 * read: versioned puts and deletes, version bumps of items the change leans on (a dependency target, a
 * parent), version checks of items a verdict relied on (the dependency graph), parent touches (the parent
 * must still exist in the caller's org), guards and the change-log record. A lost race surfaces as
 * `RaceLost`, and `withRetry` re-runs the whole read–decide–write from a fresh read.
 */
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '#shared/data/client.ts';
import type { Guard, Key, TransactItem } from '#shared/data/store.ts';
import { Conflict, NotFound } from '#shared/http/errors.ts';

export class RaceLost extends Error {
  constructor() {
    super('a concurrent change won the race');
  }
}

export interface VersionedPut {
  item: Key & Record<string, unknown>;
  /** The version read; absent for a new item (which must not exist yet). */
  expectVersion?: number;
}

export interface Touch {
  key: Key;
  orgId: string;
  /** Entity name for the 404 when the parent is gone. */
  entity: string;
}

export interface TransactionPlan {
  puts?: VersionedPut[];
  /** Items whose version must still be the one read; their version is incremented. */
  bumps?: { key: Key; version: number }[];
  /** Items whose version must still be the one read; left untouched. */
  checks?: { key: Key; version: number }[];
  touches?: Touch[];
  deletes?: { key: Key; version?: number }[];
  guardsAdd?: { guard: Guard; owner: Key }[];
  guardsRemove?: Key[];
  /** Plain extra writes (e.g. the change-log record), expected to succeed. */
  extra?: TransactItem[];
}

type Outcome = { kind: 'race' } | { kind: 'exists' } | { kind: 'missing'; entity: string } | { kind: 'guard'; message: string } | { kind: 'other' };

const versionIs = (v: number) => ({ ConditionExpression: '#v = :v', ExpressionAttributeNames: { '#v': 'version' }, ExpressionAttributeValues: { ':v': v } });

export async function commit(plan: TransactionPlan): Promise<void> {
  const items: TransactItem[] = [];
  const outcomes: Outcome[] = [];
  const add = (item: TransactItem, outcome: Outcome) => {
    items.push(item);
    outcomes.push(outcome);
  };
  const TableName = tableName();
  for (const p of plan.puts ?? []) {
    if (p.expectVersion === undefined) {
      add({ Put: { TableName, Item: p.item, ConditionExpression: 'attribute_not_exists(pk)' } }, { kind: 'exists' });
    } else {
      add({ Put: { TableName, Item: p.item, ...versionIs(p.expectVersion) } }, { kind: 'race' });
    }
  }
  for (const b of plan.bumps ?? []) {
    add(
      {
        Update: {
          TableName,
          Key: b.key,
          UpdateExpression: 'SET #v = :next',
          ...versionIs(b.version),
          ExpressionAttributeValues: { ':v': b.version, ':next': b.version + 1 },
        },
      },
      { kind: 'race' },
    );
  }
  for (const c of plan.checks ?? []) add({ ConditionCheck: { TableName, Key: c.key, ...versionIs(c.version) } }, { kind: 'race' });
  for (const t of plan.touches ?? []) {
    add(
      {
        Update: {
          TableName,
          Key: t.key,
          UpdateExpression: 'ADD #v :one',
          ConditionExpression: 'attribute_exists(pk) AND orgId = :org',
          ExpressionAttributeNames: { '#v': 'version' },
          ExpressionAttributeValues: { ':one': 1, ':org': t.orgId },
        },
      },
      { kind: 'missing', entity: t.entity },
    );
  }
  for (const d of plan.deletes ?? []) {
    add(
      {
        Delete: {
          TableName,
          Key: d.key,
          ...(d.version !== undefined ? versionIs(d.version) : { ConditionExpression: 'attribute_exists(pk)' }),
        },
      },
      { kind: 'race' },
    );
  }
  for (const g of plan.guardsAdd ?? []) {
    add(
      {
        Put: {
          TableName,
          Item: { ...g.guard.key, ...g.guard.attributes, guardFor: `${g.owner.pk}|${g.owner.sk}` },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      { kind: 'guard', message: g.guard.conflict },
    );
  }
  for (const k of plan.guardsRemove ?? []) add({ Delete: { TableName, Key: k } }, { kind: 'other' });
  for (const x of plan.extra ?? []) add(x, { kind: 'other' });

  // DynamoDB transactions take at most 100 items; a bigger change has to be split by the caller.
  if (items.length > 100) throw new Conflict('this change touches too many items for one request');
  try {
    await db().send(new TransactWriteCommand({ TransactItems: items }));
  } catch (e) {
    const err = e as { name?: string; CancellationReasons?: { Code?: string }[] };
    if (err?.name !== 'TransactionCanceledException' || !err.CancellationReasons) throw e;
    const reasons = err.CancellationReasons;
    // Another transaction on the same items in flight: nothing was decided, so try again.
    if (reasons.some((r) => r.Code === 'TransactionConflict')) throw new RaceLost();
    const failed = reasons.map((r, i) => (r.Code === 'ConditionalCheckFailed' ? outcomes[i] : undefined)).filter((o) => o !== undefined);
    // A missing parent or a taken value is the answer whatever else raced; a version race is retried.
    const missing = failed.find((o) => o.kind === 'missing');
    if (missing && missing.kind === 'missing') throw new NotFound(missing.entity);
    if (failed.some((o) => o.kind === 'race')) throw new RaceLost();
    const guard = failed.find((o) => o.kind === 'guard');
    if (guard && guard.kind === 'guard') throw new Conflict(guard.message);
    if (failed.some((o) => o.kind === 'exists')) throw new Conflict('an item with this id already exists');
    throw new Conflict('a concurrent change conflicted with this request; retry it');
  }
}

/** Runs read–decide–write again from a fresh read whenever the write lost a race. */
export async function withRetry<T>(attempt: () => Promise<T>, retries = 8): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await attempt();
    } catch (e) {
      if (!(e instanceof RaceLost)) throw e;
      if (i >= retries) throw new Conflict('too many concurrent changes to this resource; retry the request');
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (i + 1)));
    }
  }
}
