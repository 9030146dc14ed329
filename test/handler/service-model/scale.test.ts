/**
 * Lists that answer every item stay complete past one DynamoDB page (1 MB), and the per-parent limits that
 * keep them bounded refuse with 409. Seeded through the use cases (the handlers' own code path, minus HTTP).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { operation as listModels } from '#functions/service-model/list-service-model.ts';
import { queryAll } from '#shared/data/store.ts';
import { keys } from '#shared/data/keys.ts';
import { createServiceModel } from '#shared/use-cases/service-model.ts';
import { CreateServiceModelRequest } from '#shared/schemas/service-model.ts';
import { MAX_MODELS_PER_API } from '#shared/domain/service-api.ts';
import { invoke } from '../../support/invoke.ts';
import { testSession, type TestSession } from '../../support/session.ts';
import { fixtures } from './fixtures.ts';

let root: TestSession;

beforeAll(async () => {
  root = await testSession();
});

const { newTree, newModel } = fixtures(() => root);

/** ~12 KB of configuration: a hundred of these are more than one 1 MB page. */
const bulky = () => ({ blob: 'x'.repeat(12 * 1024) });

const bytesOf = (items: unknown[]) => items.reduce<number>((n, i) => n + Buffer.byteLength(JSON.stringify(i)), 0);

describe('ListServiceModel', () => {
  it(`answers all ${MAX_MODELS_PER_API} models of an API past one page, oldest first; one more is 409`, { timeout: 120_000 }, async () => {
    const t = await newTree('Model Scale');
    const ids: string[] = [];
    for (let i = 0; i < MAX_MODELS_PER_API; i++) {
      const body = CreateServiceModelRequest.parse({
        serviceApiId: t.api,
        name: `Model ${i}`,
        description: '',
        modelType: 'BYOA',
        features: [{ feature: 'LOGS', configuration: bulky() }],
      });
      ids.push(await createServiceModel(root, { serviceId: t.svc }, body));
    }
    expect(bytesOf(await queryAll(keys.serviceModelsOfService(t.svc)))).toBeGreaterThan(1024 * 1024);
    const list = await invoke(listModels, { token: root.token, params: { serviceId: t.svc, serviceApiId: t.api } });
    expect(list.status).toBe(200);
    expect(list.json).toEqual({ ids });
    const full = await newModel(t.svc, { serviceApiId: t.api, name: 'One too many' });
    expect(full.status).toBe(409);
    expect(full.json.message).toContain(`${MAX_MODELS_PER_API} service models`);
  });
});
