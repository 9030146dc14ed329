/** The generic table operations on DynamoDB Local: guards under races, lost-update freedom, signed pages. */
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createWithGuards, deleteAtomically, getItem, mutate, queryPage, type Stored } from '#shared/data/store.ts';

const pk = () => `TEST#${randomUUID()}`;

interface Counter extends Stored {
  n: number;
  tags: string[];
}

describe('store', () => {
  it('holds uniqueness under a race: exactly one of N concurrent creates wins', async () => {
    const p = pk();
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        createWithGuards({ pk: p, sk: `ITEM#${i}` }, [{ key: { pk: p, sk: 'UNIQUE#name' }, conflict: 'name taken' }]),
      ),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const failed = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(5);
    for (const f of failed) expect(f.reason).toMatchObject({ statusCode: 409, message: 'name taken' });
  });

  it('loses no update when many writers change the same item at once', async () => {
    const key = { pk: pk(), sk: '#COUNTER' };
    await createWithGuards({ ...key, n: 0, tags: [] as string[] });
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        mutate<Counter>(key, (c) => ({ ...c, n: c.n + 1, tags: [...c.tags, `t${i}`] }), { entity: 'counter', retries: 30 }),
      ),
    );
    const after = await getItem<Counter>(key);
    expect(after?.n).toBe(10);
    expect(after?.tags).toHaveLength(10);
    expect(after?.version).toBe(11);
  });

  it('mutate answers 404 for a missing or invisible item', async () => {
    const key = { pk: pk(), sk: '#X' };
    await expect(mutate<Counter>(key, (c) => c, { entity: 'thing' })).rejects.toMatchObject({ statusCode: 404, message: 'thing not found' });
    await createWithGuards({ ...key, n: 0, tags: [], orgId: 'org-a' });
    await expect(
      mutate<Counter & { orgId: string }>(key, (c) => c, { entity: 'thing', visible: (i) => i.orgId === 'org-b' }),
    ).rejects.toMatchObject({ statusCode: 404 });
  });

  it('deletes atomically: a stale version deletes nothing', async () => {
    const p = pk();
    const main = { pk: p, sk: '#MAIN' };
    const guard = { pk: p, sk: 'UNIQUE#x' };
    await createWithGuards(main, [{ key: guard, conflict: 'x' }]);
    await expect(deleteAtomically(main, { version: 7, alsoDelete: [guard] })).rejects.toMatchObject({ statusCode: 409 });
    expect(await getItem(guard)).toBeDefined();
    await deleteAtomically(main, { version: 1, alsoDelete: [guard] });
    expect(await getItem(main)).toBeUndefined();
    expect(await getItem(guard)).toBeUndefined();
  });

  it('pages with signed tokens bound to their partition', async () => {
    const p = pk();
    for (let i = 0; i < 5; i++) await createWithGuards({ pk: p, sk: `ROW#${i}` });
    const first = await queryPage<{ sk: string }>({ partition: p, prefix: 'ROW#', limit: 2 });
    expect(first.items.map((i) => i.sk)).toEqual(['ROW#0', 'ROW#1']);
    expect(first.nextPageToken).toBeTruthy();
    const second = await queryPage<{ sk: string }>({ partition: p, prefix: 'ROW#', limit: 2, pageToken: first.nextPageToken });
    expect(second.items.map((i) => i.sk)).toEqual(['ROW#2', 'ROW#3']);
    const tampered = first.nextPageToken!.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    await expect(queryPage({ partition: p, prefix: 'ROW#', pageToken: tampered })).rejects.toMatchObject({ statusCode: 400 });
    // A valid token from one list cannot be replayed against another partition (another org's list).
    await expect(queryPage({ partition: pk(), prefix: 'ROW#', pageToken: first.nextPageToken })).rejects.toMatchObject({ statusCode: 400 });
  });
});
