/**
 * Bulk seeding and read accounting for scale tests: thousands of items straight into the table (HTTP calls
 * would be far too slow), and a record of every read a piece of code makes (command, partition, prefix,
 * items returned).
 */
import { vi } from 'vitest';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '#shared/data/client.ts';

/** Writes the items (new or overwritten) in batches of 25, a few batches at a time. */
export async function seedItems(items: readonly object[]): Promise<void> {
  const batches: object[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  for (let i = 0; i < batches.length; i += 8) {
    await Promise.all(
      batches.slice(i, i + 8).map(async (batch) => {
        let pending = batch.map((Item) => ({ PutRequest: { Item } }));
        while (pending.length) {
          const out = await db().send(new BatchWriteCommand({ RequestItems: { [tableName()]: pending } }));
          pending = (out.UnprocessedItems?.[tableName()] ?? []) as typeof pending;
        }
      }),
    );
  }
}

export interface Read {
  command: string;
  partition?: string;
  prefix?: string;
  items: number;
}

/** Runs `fn` and returns every DynamoDB read it made (in this process). */
export async function recordReads<T>(fn: () => Promise<T>): Promise<{ result: T; reads: Read[] }> {
  const client = db();
  const original = client.send.bind(client) as (command: unknown) => Promise<Record<string, unknown>>;
  const reads: Read[] = [];
  const spy = vi.spyOn(client, 'send').mockImplementation((async (command: { constructor: { name: string }; input?: Record<string, any> }) => {
    const out = await original(command);
    const input = command.input ?? {};
    const items = Array.isArray(out.Items) ? out.Items.length : out.Item ? 1 : 0;
    reads.push({
      command: command.constructor.name,
      partition: input.ExpressionAttributeValues?.[':pk'] ?? input.Key?.pk,
      prefix: input.ExpressionAttributeValues?.[':prefix'],
      items,
    });
    return out;
  }) as never);
  try {
    return { result: await fn(), reads };
  } finally {
    spy.mockRestore();
  }
}
