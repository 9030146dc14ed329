/**
 * ListProductTier answers every tier of a model: complete past one DynamoDB page (1 MB), bounded by the
 * tiers-per-model limit (409 past it). Seeded through the use case (the handler's own code path, minus HTTP).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { operation as listTiers } from '#functions/product-tier/list-product-tier.ts';
import { operation as createTier } from '#functions/product-tier/create-product-tier.ts';
import { operation as describeModel } from '#functions/service-model/describe-service-model.ts';
import { queryAll } from '#shared/data/store.ts';
import { keys } from '#shared/data/keys.ts';
import { createProductTier } from '#shared/use-cases/product-tier.ts';
import { CreateProductTierRequest } from '#shared/schemas/product-tier.ts';
import { MAX_TIERS_PER_MODEL } from '#shared/domain/product-tier.ts';
import { invoke } from '../../support/invoke.ts';
import { testSession, type TestSession } from '../../support/session.ts';
import { serviceTree } from '../../support/tree-fixtures.ts';

let root: TestSession;

beforeAll(async () => {
  root = await testSession();
});

/** ~12 KB of pricing: a hundred tiers carrying it are more than one 1 MB page. */
const bulky = () => ({ blob: 'x'.repeat(12 * 1024) });

const bytesOf = (items: unknown[]) => items.reduce<number>((n, i) => n + Buffer.byteLength(JSON.stringify(i)), 0);

describe('ListProductTier', () => {
  it(`answers all ${MAX_TIERS_PER_MODEL} tiers of a model past one page, oldest first; one more is 409`, { timeout: 120_000 }, async () => {
    const t = await serviceTree(root.token, 'Tier Scale');
    const model = t.byoa;
    const ids: string[] = [];
    for (let i = 0; i < MAX_TIERS_PER_MODEL; i++) {
      const body = CreateProductTierRequest.parse({
        serviceModelId: model,
        name: `Tier ${i}`,
        description: '',
        planDescription: '',
        tierType: 'CUSTOM',
        pricing: bulky(),
      });
      ids.push(await createProductTier(root, { serviceId: t.svc }, body));
    }
    expect(bytesOf(await queryAll(keys.productTiersOfService(t.svc)))).toBeGreaterThan(1024 * 1024);
    const list = await invoke(listTiers, { token: root.token, params: { serviceId: t.svc, serviceModelId: model } });
    expect(list.status).toBe(200);
    expect(list.json).toEqual({ ids });
    const d = await invoke(describeModel, { token: root.token, params: { serviceId: t.svc, id: model } });
    expect(d.json.productTiers).toEqual(ids);
    const full = await invoke(createTier, {
      token: root.token,
      params: { serviceId: t.svc },
      body: { serviceModelId: model, name: 'One too many', description: '', planDescription: '', tierType: 'CUSTOM' },
    });
    expect(full.status).toBe(409);
    expect(full.json.message).toContain(`${MAX_TIERS_PER_MODEL} product tiers`);
  });
});
