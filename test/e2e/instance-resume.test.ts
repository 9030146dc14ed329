/**
 * Instance creates and deletes survive a killed local stack: the real stack (`node infra/local/start.ts`) runs as
 * a child process on its own DATA_DIR with a simulated driver that takes 1 s per resource (DRIVER_DELAY_SECONDS),
 * so its workflows are mid-way when the whole process group (DynamoDB Local with it) is SIGKILLed. A provider
 * subscribes to its own three-resource plan and creates several instances; the stack is killed once some
 * resource is RUNNING while instances are still DEPLOYING, and started again: every instance ends RUNNING.
 * Then every instance is deleted and the stack is killed again mid-delete: after the restart every instance is
 * gone. Each piece of driver work (one per operation and resource) has one record, DONE; only a piece a kill
 * caught between its claim and the driver's answer is asked again (harmless by the port's contract).
 */
import { randomBytes } from 'node:crypto';
import { killableStacks, until as untilHolds, type KillableStack } from '../support/killable-stack.ts';
import { afterAll, describe, expect, it } from 'vitest';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { localClient } from '#infra/local/dynamodb.ts';
import { readOutbox } from '#shared/mail/outbox.ts';
import { keys } from '#shared/data/keys.ts';
import { TABLE } from '#shared/data/table.ts';
import type { ResourceInstanceItem } from '#shared/data/entities/resource-instance.ts';
import type { DriverWorkItem } from '#shared/data/entities/driver-work.ts';
import { API, http } from '../support/http.ts';
import { linkParams } from '../support/identity-flow.ts';

const INSTANCES = 4;
const stacks = killableStacks('instance-resume');
const { dataDir } = stacks;

const start = (resumes = false) =>
  stacks.start({ env: { DRIVER_DELAY_SECONDS: '1', DEPLOYMENT_DRIVER: 'simulated' }, ready: [/ready at \S+/, /outbox: /, ...(resumes ? [/resumed \d+/] : [])] });
const kill = stacks.kill;

/** The shared poll with this file's longer default. */
const until = (what: string, check: () => boolean | Promise<boolean>, timeoutMs = 90_000) => untilHolds(what, check, timeoutMs);

const instanceOf = async (doc: DynamoDBDocumentClient, id: string) =>
  (await doc.send(new GetCommand({ TableName: 'omnistrate', Key: keys.resourceInstance(id), ConsistentRead: true }))).Item as ResourceInstanceItem | undefined;

async function workOf(doc: DynamoDBDocumentClient, id: string): Promise<DriverWorkItem[]> {
  const range = keys.driverWorkOfInstance(id);
  const out = await doc.send(
    new QueryCommand({
      TableName: 'omnistrate',
      IndexName: TABLE.byParent.name,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': TABLE.byParent.partitionKey },
      ExpressionAttributeValues: { ':pk': range.partition },
    }),
  );
  return (out.Items ?? []) as DriverWorkItem[];
}

afterAll(() => stacks.cleanUp());

describe('instance workflows across a killed local stack', () => {
  it('creates killed mid-way end RUNNING after the restart, deletes killed mid-way end gone; one driver record per piece of work, none redone', { timeout: 300_000 }, async () => {
    let stack = await start();
    let token: string | undefined;
    const call = async (method: string, path: string, body?: unknown, status = 200) => {
      const res = await http(method, `${API}${path}`, { baseUrl: stack.baseUrl, token, body });
      expect(res.status, `${method} ${path}: ${res.text}`).toBe(status);
      return res.json;
    };
    const email = `instances-${randomBytes(4).toString('hex')}@example.com`;
    const password = `pw-${randomBytes(9).toString('base64url')}`;
    await call('POST', '/signup', { email, password, name: 'Operator', legalCompanyName: 'Operator Inc' });
    let mail: Awaited<ReturnType<typeof readOutbox>>[number] | undefined;
    await until('the verification mail', async () => (mail = (await readOutbox(dataDir)).find((m) => m.to === email)) !== undefined, 10_000);
    await call('POST', '/validate-token', { email, token: linkParams(mail!).token });
    token = (await call('POST', '/signin', { email, password })).jwtToken as string;
    const orgId = (await call('GET', '/user')).orgId as string;

    // A plan of three resources (app → db, cache), released; the provider subscribes to its own plan.
    const svc = (await call('POST', '/service', { name: 'Resume Instances', description: 'killed mid-create' })) as string;
    const dev = (await call('POST', `/service/${svc}/environment`, { name: 'Dev', description: '', type: 'dev', deploymentConfigId: 'default' })) as string;
    const api = (await call('POST', `/service/${svc}/service-api`, { description: 'dev api', serviceEnvironmentId: dev })) as string;
    const model = (await call('POST', `/service/${svc}/model`, { serviceApiId: api, name: 'Hosted', description: '', modelType: 'OMNISTRATE_HOSTED' })) as string;
    const tier = (await call('POST', `/service/${svc}/product-tier`, { serviceModelId: model, name: 'Standard', description: 'plan', planDescription: '', tierType: 'OMNISTRATE_DEDICATED_TENANCY', awsRegions: ['us-east-1'], autoApproveSubscription: true })) as string;
    const ids: string[] = [];
    for (const r of ['App', 'Db', 'Cache']) ids.push((await call('POST', `/service/${svc}/resource`, { name: r, description: r, productTierId: tier })) as string);
    for (const dep of ids.slice(1)) await call('POST', `/service/${svc}/resource/${ids[0]}/resource-dependency/${dep}`, {});
    await call('POST', `/service/${svc}/service-api/${api}/release`, { productTierId: tier, isPreferred: true });
    await call('POST', '/subscription', { serviceId: svc, productTierId: tier });
    const service = await call('GET', `/service/${svc}`);
    const envKey = (await call('GET', `/service/${svc}/environment/${dev}`)).key as string;
    const apiVersion = (await call('GET', `/service/${svc}/service-api/${api}`)).apiVersion as string;
    const modelKey = (await call('GET', `/service/${svc}/model/${model}`)).key as string;
    const tierKey = (await call('GET', `/service/${svc}/product-tier/${tier}`)).key as string;
    const resKey = (await call('GET', `/service/${svc}/resource/${ids[0]}`)).key as string;
    const path = `/resource-instance/${orgId}/${service.key}/${apiVersion}/${envKey}/${modelKey}/${tierKey}/${resKey}`;

    const instances: string[] = [];
    for (let i = 0; i < INSTANCES; i++) instances.push((await call('POST', path, { cloud_provider: 'aws', region: 'us-east-1', requestParams: {} }, 202)).id as string);
    let doc = DynamoDBDocumentClient.from(localClient(stack.dynamo));
    // Kill once some resource is provisioned while instances are still DEPLOYING.
    await until('a resource RUNNING in a DEPLOYING instance', async () => {
      const items = await Promise.all(instances.map((id) => instanceOf(doc, id)));
      return items.some((i) => i?.status === 'DEPLOYING' && Object.values(i.resources).some((r) => r.status === 'RUNNING'));
    });
    await kill(stack);

    stack = await start(true);
    doc = DynamoDBDocumentClient.from(localClient(stack.dynamo));
    await until('every instance settled', async () => (await Promise.all(instances.map((id) => instanceOf(doc, id)))).every((i) => i?.status === 'RUNNING' || i?.status === 'FAILED'));
    for (const id of instances) expect((await instanceOf(doc, id))?.status, id).toBe('RUNNING');

    for (const id of instances) await call('DELETE', `${path}/${id}`, undefined, 202);
    await until('a resource deprovisioned in a DELETING instance', async () => {
      const items = await Promise.all(instances.map((id) => instanceOf(doc, id)));
      return items.some((i) => i?.status === 'DELETING' && Object.values(i.resources).some((r) => r.status === 'DELETED'));
    });
    await kill(stack);

    stack = await start(true);
    doc = DynamoDBDocumentClient.from(localClient(stack.dynamo));
    await until('every instance gone', async () => (await Promise.all(instances.map((id) => instanceOf(doc, id)))).every((i) => i === undefined));
    let restarted = 0;
    for (const id of instances) {
      const work = await workOf(doc, id);
      expect(work.filter((w) => w.action === 'create')).toHaveLength(3);
      expect(work.filter((w) => w.action === 'delete')).toHaveLength(3);
      // One record per (operation, resource), each DONE. `starts` counts how often a driver was asked to start
      // it: a kill between the claim and the driver's answer (a record left STARTING) asks once more, which the
      // port's contract makes harmless (a driver answers the same workId with the same outcome, shared/drivers/
      // driver.ts); it never happens twice for one piece of work, and no other record is ever started again.
      expect(new Set(work.map((w) => w.workId)).size).toBe(6);
      for (const w of work) {
        expect(w.status, w.workId).toBe('DONE');
        expect(w.starts, `${w.workId} started ${w.starts} times`).toBeLessThanOrEqual(2);
      }
      restarted += work.filter((w) => w.starts > 1).length;
    }
    // At most the pieces in flight at the two kills (a level's resources side by side, per instance).
    expect(restarted).toBeLessThanOrEqual(2 * INSTANCES * 2);
    await kill(stack);
  });
});
