/** The one write path on DynamoDB Local: guards under races, lost-update freedom, signed pages, complete reads. */
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { advance, commit, getItem, guardHolder, planSize, putImmutable, queryAll, queryPage, RaceLost, stamp, withRetry, type Key, type Stored } from '#shared/data/store.ts';
import { BadRequest, Conflict, InvalidState, NotFound } from '#shared/errors.ts';

const pk = () => `TEST#${randomUUID()}`;

interface Counter extends Stored {
  n: number;
  tags: string[];
  orgId?: string;
}

/** Versioned read-modify-write of one item, the shape every use case follows. */
const change = (key: Key, edit: (c: Counter) => Counter, visible: (c: Counter) => boolean = () => true) =>
  withRetry(
    async () => {
      const current = await getItem<Counter>(key);
      if (!current || !visible(current)) throw new NotFound('thing');
      const next = advance(current, edit(structuredClone(current)));
      await commit({ puts: [{ item: next, expectVersion: current.version }] });
      return next;
    },
    { retries: 30 },
  );

describe('commit', () => {
  it('holds uniqueness under a race: exactly one of N concurrent creates wins', async () => {
    const p = pk();
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        withRetry(() =>
          commit({
            puts: [{ item: stamp({ pk: p, sk: `ITEM#${i}` }) }],
            guardsAdd: [{ guard: { key: { pk: p, sk: 'UNIQUE#name' }, conflict: 'name taken' }, owner: { pk: p, sk: `ITEM#${i}` } }],
          }),
        ),
      ),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const failed = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(5);
    for (const f of failed) expect(f.reason).toMatchObject({ name: 'Conflict', message: 'name taken' });
  });

  it('loses no update when many writers change the same item at once', async () => {
    const key = { pk: pk(), sk: '#COUNTER' };
    await commit({ puts: [{ item: stamp({ ...key, n: 0, tags: [] as string[] }) }] });
    await Promise.all(Array.from({ length: 10 }, (_, i) => change(key, (c) => ({ ...c, n: c.n + 1, tags: [...c.tags, `t${i}`] }))));
    const after = await getItem<Counter>(key);
    expect(after?.n).toBe(10);
    expect(after?.tags).toHaveLength(10);
    expect(after?.version).toBe(11);
  });

  it('absent: the change commits only while the named item still does not exist (else RaceLost)', async () => {
    const p = pk();
    const watched = { pk: p, sk: '#OVERRIDE' };
    await commit({ puts: [{ item: stamp({ pk: p, sk: 'A' }) }], absent: [watched] });
    expect(await getItem({ pk: p, sk: 'A' })).toBeDefined();
    await commit({ puts: [{ item: stamp(watched) }] });
    await expect(commit({ puts: [{ item: stamp({ pk: p, sk: 'B' }) }], absent: [watched] })).rejects.toBeInstanceOf(RaceLost);
    expect(await getItem({ pk: p, sk: 'B' })).toBeUndefined();
    expect(planSize({ absent: [watched], puts: [{ item: watched }] })).toBe(2);
  });

  it('a read-modify-write answers 404 for a missing or invisible item', async () => {
    const key = { pk: pk(), sk: '#X' };
    await expect(change(key, (c) => c)).rejects.toMatchObject({ name: 'NotFound', message: 'thing not found' });
    await commit({ puts: [{ item: stamp({ ...key, n: 0, tags: [], orgId: 'org-a' }) }] });
    await expect(change(key, (c) => c, (i) => i.orgId === 'org-b')).rejects.toBeInstanceOf(NotFound);
  });

  it('deletes atomically: a stale version deletes nothing', async () => {
    const p = pk();
    const main = { pk: p, sk: '#MAIN' };
    const guard = { pk: p, sk: 'UNIQUE#x' };
    await commit({ puts: [{ item: stamp(main) }], guardsAdd: [{ guard: { key: guard, conflict: 'x' }, owner: main }] });
    await expect(withRetry(() => commit({ deletes: [{ key: main, version: 7 }], guardsRemove: [guard] }), { retries: 1 })).rejects.toMatchObject({
      name: 'Conflict',
    });
    expect(await getItem(guard)).toBeDefined();
    await commit({ deletes: [{ key: main, version: 1 }], guardsRemove: [guard] });
    expect(await getItem(main)).toBeUndefined();
    expect(await getItem(guard)).toBeUndefined();
  });

  it('moves a guard to a new owner only while the holder read still holds it', async () => {
    const p = pk();
    const a = { pk: p, sk: 'ITEM#a' };
    const b = { pk: p, sk: 'ITEM#b' };
    const guard = { pk: p, sk: 'UNIQUE#x' };
    await commit({ guardsAdd: [{ guard: { key: guard, conflict: 'x', attributes: { id: 'a' } }, owner: a }] });
    const stale = { guard: { key: guard, conflict: 'x', attributes: { id: 'b' } }, owner: b, heldBy: guardHolder(b) };
    await expect(withRetry(() => commit({ guardsMove: [stale] }), { retries: 0 })).rejects.toMatchObject({ name: 'Conflict' });
    await commit({ guardsMove: [{ ...stale, heldBy: guardHolder(a) }] });
    expect(await getItem(guard)).toMatchObject({ entity: 'guard', id: 'b', guardFor: guardHolder(b) });
  });

  it('a touch of a missing parent is a 404 naming it, and writes nothing', async () => {
    const p = pk();
    const parent = { pk: p, sk: '#PARENT' };
    const kid = stamp({ pk: p, sk: 'KID#1' });
    await expect(commit({ puts: [{ item: kid }], touches: [{ key: parent, orgId: 'org-a', entity: 'parent' }] })).rejects.toMatchObject({
      name: 'NotFound',
      message: 'parent not found',
    });
    expect(await getItem({ pk: kid.pk, sk: kid.sk })).toBeUndefined();
  });

  it('counters add to an existing item and bump its version; asserts fail with their own error', async () => {
    const key = { pk: pk(), sk: '#C' };
    await commit({ puts: [{ item: stamp({ ...key, role: 'root', usage: 0 }) }] });
    await commit({ counters: [{ key, add: { usage: 2 }, entity: 'config' }] });
    expect(await getItem(key)).toMatchObject({ usage: 2, version: 2 });
    const refused = new InvalidState('the other root is gone');
    await expect(
      commit({ counters: [{ key, add: { usage: 1 }, entity: 'config' }], asserts: [{ key, equals: { role: 'admin' }, failure: refused }] }),
    ).rejects.toBe(refused);
    expect(await getItem(key)).toMatchObject({ usage: 2 });
  });

  it('a counter with a limit refuses past it with its own error, and a missing parent is still 404', async () => {
    const key = { pk: pk(), sk: '#P' };
    await commit({ puts: [{ item: stamp({ ...key, orgId: 'org-a' }) }] });
    const full = new Conflict('at most 2 children');
    const addOne = (k: Key, orgId = 'org-a') => commit({ counters: [{ key: k, add: { children: 1 }, entity: 'parent', orgId, atMost: { max: 2, failure: full } }] });
    await addOne(key);
    await addOne(key);
    await expect(addOne(key)).rejects.toBe(full);
    expect(await getItem(key)).toMatchObject({ children: 2 });
    await expect(addOne({ pk: pk(), sk: '#P' })).rejects.toMatchObject({ name: 'NotFound', message: 'parent not found' });
    await expect(addOne(key, 'org-b')).rejects.toMatchObject({ name: 'NotFound' });
  });

  it('per-attribute limits on one counter answer with the limit that was passed', async () => {
    const key = { pk: pk(), sk: '#P' };
    await commit({ puts: [{ item: stamp({ ...key, orgId: 'org-a', models: 0, tiers: 0 }) }] });
    const tooManyModels = new Conflict('at most 1 model');
    const tooManyTiers = new Conflict('at most 3 tiers');
    const add = (models: number, tiers: number) =>
      commit({
        counters: [
          { key, add: { models, tiers }, entity: 'parent', orgId: 'org-a', limits: { models: { max: 1, failure: tooManyModels }, tiers: { max: 3, failure: tooManyTiers } } },
        ],
      });
    await add(1, 2);
    await expect(add(0, 2)).rejects.toBe(tooManyTiers);
    await expect(add(1, 0)).rejects.toBe(tooManyModels);
    // A decrement of one attribute is never limited, even beside a bounded increment of another.
    await add(-1, 1);
    expect(await getItem(key)).toMatchObject({ models: 0, tiers: 3 });
  });

  it('a counter with expectVersion loses the race when the item changed since the read, and still reports a missing item', async () => {
    const key = { pk: pk(), sk: '#P' };
    await commit({ puts: [{ item: stamp({ ...key, orgId: 'org-a', count: 2 }) }] });
    const drop = (version: number, k: Key = key) => commit({ counters: [{ key: k, add: { count: -1 }, entity: 'parent', expectVersion: version }] });
    await drop(1);
    await expect(drop(1)).rejects.toBeInstanceOf(RaceLost);
    expect(await getItem(key)).toMatchObject({ count: 1, version: 2 });
    await expect(drop(1, { pk: pk(), sk: '#P' })).rejects.toMatchObject({ name: 'NotFound', message: 'parent not found' });
  });

  it('refuses an item DynamoDB could not store with a 400 naming its largest field, before writing', async () => {
    const key = { pk: pk(), sk: '#BIG' };
    const big = stamp({ ...key, entity: 'resource', description: 'x'.repeat(450 * 1024) });
    const err = await commit({ puts: [{ item: big }] }).catch((e) => e);
    expect(err).toBeInstanceOf(BadRequest);
    expect(err.message).toMatch(/resource would be \d+ KB.*largest field is description/);
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 40; i++) deep = { d: deep };
    await expect(commit({ puts: [{ item: stamp({ ...key, entity: 'resource', configuration: deep }) }] })).rejects.toThrow(/nested deeper than 32/);
    await expect(commit({ puts: [{ item: stamp({ ...key, entity: 'resource', name: 'a\uD800b' }) }] })).rejects.toThrow(/name contains an unpaired/);
    expect(await getItem(key)).toBeUndefined();
  });
});

describe('reads', () => {
  it('pages with signed tokens bound to their partition', async () => {
    const p = pk();
    for (let i = 0; i < 5; i++) await commit({ puts: [{ item: stamp({ pk: p, sk: `ROW#${i}` }) }] });
    const first = await queryPage<{ sk: string }>({ partition: p, prefix: 'ROW#', limit: 2 });
    expect(first.items.map((i) => i.sk)).toEqual(['ROW#0', 'ROW#1']);
    expect(first.nextPageToken).toBeTruthy();
    const second = await queryPage<{ sk: string }>({ partition: p, prefix: 'ROW#', limit: 2, pageToken: first.nextPageToken });
    expect(second.items.map((i) => i.sk)).toEqual(['ROW#2', 'ROW#3']);
    // Flip a character in the middle: the last base64 character can carry only padding bits.
    const t = first.nextPageToken!;
    const mid = Math.floor(t.length / 2);
    const tampered = t.slice(0, mid) + (t[mid] === 'A' ? 'B' : 'A') + t.slice(mid + 1);
    await expect(queryPage({ partition: p, prefix: 'ROW#', pageToken: tampered })).rejects.toBeInstanceOf(BadRequest);
    // A valid token from one list cannot be replayed against another partition (another org's list).
    await expect(queryPage({ partition: pk(), prefix: 'ROW#', pageToken: first.nextPageToken })).rejects.toBeInstanceOf(BadRequest);
  });

  it('queryAll follows DynamoDB pages past 1 MB and never cuts', async () => {
    const p = pk();
    const filler = 'y'.repeat(100 * 1024);
    // 14 items of 100 KB: at least two 1 MB pages.
    for (let i = 0; i < 14; i++) await commit({ puts: [{ item: stamp({ pk: p, sk: `ROW#${String(i).padStart(2, '0')}`, filler }) }] });
    const all = await queryAll<{ sk: string }>({ partition: p, prefix: 'ROW#' });
    expect(all.map((i) => i.sk)).toEqual(Array.from({ length: 14 }, (_, i) => `ROW#${String(i).padStart(2, '0')}`));
  });
});

describe('putImmutable', () => {
  it('writes many new items in batches, all of them, and checks each against the item limits first', async () => {
    const p = pk();
    const items = Array.from({ length: 260 }, (_, i) => stamp({ pk: p, sk: `PART#${String(i).padStart(4, '0')}`, payload: 'x'.repeat(2000) }));
    await putImmutable(items);
    expect(await queryAll<Key>({ partition: p })).toHaveLength(260);
    const big: Key & { payload: string } = { pk: p, sk: 'BIG', payload: 'x'.repeat(400 * 1024) };
    await expect(putImmutable([big])).rejects.toBeInstanceOf(BadRequest);
    expect(await getItem({ pk: p, sk: 'BIG' })).toBeUndefined();
  });
});
