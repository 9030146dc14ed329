/**
 * BuildServiceFromComposeSpec over the handler with the fixture compose file (test/fixtures/postgres-cluster.yaml):
 * what a first build creates, that a rebuild writes nothing, that a change shows as change records, dry runs,
 * resources left out of the spec, tenancy, and the spec that GenerateComposeSpecFromContainerImage answers.
 * Bad specs: build-compose-errors.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operation as describeService } from '#functions/service/describe-service.ts';
import { operation as listResources } from '#functions/resource/list-resources.ts';
import { operation as listInputParameters } from '#functions/input-parameter/list-input-parameter.ts';
import { operation as listFiles } from '#functions/resource/list-files.ts';
import { operation as getFile } from '#functions/resource/get-file.ts';
import { operation as generateSpec } from '#functions/compose-gen/generate-compose-spec-from-container-image.ts';
import { changesOfTier } from '#shared/data/entities/change-record.ts';
import { getResource } from '#shared/data/entities/resource.ts';
import { invoke } from '../../support/invoke.ts';
import { contractProblems } from '../../support/contract.ts';
import { testSession, type TestSession } from '../../support/session.ts';
import { fakeRegistry, PASSWORD, USER, type FakeRegistry } from '../compose-gen/fake-registry.ts';
import { b64, composeFixture, FILES, partitionItems, runBuild } from './build-fixtures.ts';

let root: TestSession;
let other: TestSession;
let reg: FakeRegistry;

beforeAll(async () => {
  root = await testSession('root', 'Build Org');
  other = await testSession('root', 'Other Build Org');
  reg = await fakeRegistry();
});
afterAll(() => reg.close());

const describeIt = (s: TestSession, id: string) => invoke(describeService, { token: s.token, params: { id } });
const resourcesOf = (s: TestSession, serviceId: string, productTierId: string) =>
  invoke(listResources, { token: s.token, params: { serviceId, productTierId } });

describe('BuildServiceFromComposeSpec', () => {
  it('builds the fixture into Dev: service, environment, hosted plan, resources in order, parameters, files, load balancer', async () => {
    const res = await runBuild(root, { name: 'PG Fixture', description: 'Postgres', fileContent: b64(composeFixture()), ...FILES });
    expect(res.status, res.body).toBe(200);
    expect(contractProblems('BuildServiceFromComposeSpec', 200, res.json)).toEqual([]);
    const { serviceID, serviceEnvironmentID, productTierID, undefinedResources } = res.json;
    expect(serviceID).toMatch(/^s-/);
    expect(undefinedResources).toEqual({});

    const svc = (await describeIt(root, serviceID)).json;
    expect(svc.serviceEnvironments).toHaveLength(1);
    expect(svc.serviceEnvironments[0]).toMatchObject({ id: serviceEnvironmentID, name: 'Dev', type: 'DEV' });
    expect(svc.serviceEnvironments[0].servicePlans).toEqual([
      expect.objectContaining({ productTierID, name: 'Postgres Cluster', tierType: 'OMNISTRATE_DEDICATED_TENANCY', modelType: 'OMNISTRATE_HOSTED' }),
    ]);

    const list = (await resourcesOf(root, serviceID, productTierID)).json;
    const byKey = Object.fromEntries(list.resources.map((r: { key: string }) => [r.key, r]));
    // Created in dependency order: each resource after what it depends on or routes to.
    expect(list.resources.map((r: { key: string }) => r.key)).toEqual(['writer', 'reader', 'proxy', 'cluster', 'primaryEndpoint']);
    expect(byKey.cluster).toMatchObject({ internal: false, resourceType: 'Generic' });
    expect(byKey.writer).toMatchObject({ name: 'Writer', internal: true });
    expect(byKey.cluster.dependencies).toEqual([
      { resourceId: byKey.writer.id, parameterMap: { username: 'username', password: 'password' } },
      { resourceId: byKey.reader.id, parameterMap: { password: 'password', replicas: 'replicas' } },
      { resourceId: byKey.proxy.id },
    ]);
    expect(byKey.primaryEndpoint).toMatchObject({
      resourceType: 'L4LoadBalancer',
      l4LoadBalancerConfiguration: { ingressPortConfiguration: [{ associatedResourceIDs: [byKey.writer.id, byKey.reader.id], ingressPort: 5432, backendPort: 5432 }] },
    });
    expect(byKey.writer.actionHooks).toEqual([{ scope: 'CLUSTER', type: 'INIT', commandTemplate: expect.any(String) }]);
    expect(Buffer.from(byKey.writer.actionHooks[0].commandTemplate, 'base64').toString()).toContain('pg_stat_statements');
    expect(byKey.writer.capabilities.map((c: { capability: string }) => c.capability)).toEqual(['ENABLE_MULTI_ZONE', 'BACKUP_CONFIGURATION']);
    expect(byKey.writer.environmentVariables).toContainEqual({ key: 'POSTGRES_PASSWORD', value: '$var.password' });

    // Compute and storage are the resource's container spec (stored; the contract's describe has no field for them).
    const writer = await getResource(root.orgId, serviceID, byKey.writer.id);
    expect(writer.container).toMatchObject({
      image: 'postgres:16.3',
      ports: [{ target: 5432, published: 5432, protocol: 'tcp' }],
      volumes: [{ type: 'volume', source: 'pgdata', target: '/var/lib/postgresql/data', storage: { aws: { instanceStorageType: 'AWS::EBS_GP3' } } }],
      compute: { rootVolumeSizeGi: 20, instanceTypes: [{ cloudProvider: 'aws', apiParam: 'instanceType' }, { cloudProvider: 'gcp', apiParam: 'instanceType' }] },
    });

    const params = (await invoke(listInputParameters, { token: root.token, params: { serviceId: serviceID, resourceId: byKey.writer.id } })).json;
    expect(params.inputParameters.map((p: { key: string }) => p.key)).toEqual(['username', 'password', 'instanceType', 'storageSize', 'storageIops']);
    expect(params.inputParameters.find((p: { key: string }) => p.key === 'storageSize')).toMatchObject({ type: 'Float64', defaultValue: '50', limits: { min: '10', max: '1000' } });

    const files = (await invoke(listFiles, { token: root.token, params: { serviceId: serviceID, id: byKey.proxy.id } })).json.files;
    expect(files).toEqual([expect.objectContaining({ name: 'pgbouncer_ini', type: 'config', mountPath: '/etc/pgbouncer/pgbouncer.ini' })]);
    const bytes = await invoke(getFile, { token: root.token, params: { serviceId: serviceID, id: byKey.proxy.id, fileId: files[0].fileId } });
    expect(Buffer.from(bytes.body, 'base64').toString()).toBe('[pgbouncer]\nlisten_port = 6432\n');
    const secrets = (await invoke(listFiles, { token: root.token, params: { serviceId: serviceID, id: byKey.writer.id } })).json.files;
    expect(secrets).toEqual([expect.objectContaining({ name: 'replication_password', type: 'secret', mountPath: '/run/secrets/replication_password' })]);
  });

  it('rebuilds the same spec to the same ids and writes nothing: every item, version and updatedAt as before', async () => {
    const body = { name: 'PG Rebuild', fileContent: b64(composeFixture()), ...FILES };
    const first = await runBuild(root, body);
    expect(first.status, first.body).toBe(200);
    const { serviceID, productTierID } = first.json;
    const before = await partitionItems(serviceID);
    const describedBefore = (await describeIt(root, serviceID)).body;
    const listedBefore = (await resourcesOf(root, serviceID, productTierID)).body;
    const again = await runBuild(root, body);
    expect(again.status, again.body).toBe(200);
    expect(again.json).toEqual(first.json);
    expect(await partitionItems(serviceID)).toEqual(before);
    expect((await describeIt(root, serviceID)).body).toBe(describedBefore);
    expect((await resourcesOf(root, serviceID, productTierID)).body).toBe(listedBefore);
  });

  it('writes only what a changed spec changes, each with its change record', async () => {
    const body = { name: 'PG Change', fileContent: b64(composeFixture()), ...FILES };
    const first = (await runBuild(root, body)).json;
    const changesBefore = await changesOfTier(first.serviceID, first.productTierID);
    const changed = composeFixture()
      .replace('pg_isready -h localhost', 'pg_isready -h 127.0.0.1')
      .replace('      - PRIMARY_HOST=writer', '      - PRIMARY_HOST=writer\n      - LOG_LEVEL=debug');
    const res = await runBuild(root, { ...body, fileContent: b64(changed), configs: { pgbouncer_ini: b64('[pgbouncer]\nlisten_port = 6433\n') } });
    expect(res.status, res.body).toBe(200);
    expect(res.json).toEqual(first);
    const fresh = (await changesOfTier(first.serviceID, first.productTierID)).slice(changesBefore.length);
    const list = (await resourcesOf(root, first.serviceID, first.productTierID)).json.resources;
    const idOf = (key: string) => list.find((r: { key: string }) => r.key === key).id;
    expect(fresh.map((c) => [c.changedEntity, c.resourceId, c.kind]).sort()).toEqual(
      [
        ['file', idOf('proxy'), 'UPDATE'],
        ['resource', idOf('reader'), 'UPDATE'],
      ].sort(),
    );
    const reader = list.find((r: { key: string }) => r.key === 'reader');
    expect(reader.environmentVariables).toContainEqual({ key: 'LOG_LEVEL', value: 'debug' });
  });

  it('dry run writes nothing at all, and answers the ids that exist', async () => {
    const body = { name: 'PG Dry', fileContent: b64(composeFixture()), ...FILES, dryrun: true };
    const fresh = await runBuild(root, body);
    expect(fresh.status, fresh.body).toBe(200);
    expect(fresh.json).toEqual({ serviceID: '', serviceEnvironmentID: '', productTierID: '', undefinedResources: {} });
    const built = (await runBuild(root, { ...body, dryrun: false })).json;
    const before = await partitionItems(built.serviceID);
    const orgBefore = await partitionItems(undefined, root.orgId);
    const dry = await runBuild(root, { ...body, fileContent: b64(composeFixture().replace('postgres:16.3', 'postgres:17.0')) });
    expect(dry.json).toEqual(built);
    expect(await partitionItems(built.serviceID)).toEqual(before);
    expect(await partitionItems(undefined, root.orgId)).toEqual(orgBefore);
  });

  it('leaves resources the spec no longer names alone and reports them in undefinedResources', async () => {
    const body = { name: 'PG Undefined', fileContent: b64(composeFixture()), ...FILES };
    const first = (await runBuild(root, body)).json;
    const list = (await resourcesOf(root, first.serviceID, first.productTierID)).json.resources;
    const endpoint = list.find((r: { key: string }) => r.key === 'primaryEndpoint');
    const without = composeFixture().replace(/x-omnistrate-load-balancer:[\s\S]*?backendPort: 5432\n/, '');
    const res = await runBuild(root, { ...body, fileContent: b64(without) });
    expect(res.status, res.body).toBe(200);
    expect(res.json.undefinedResources).toEqual({ 'Primary Endpoint': endpoint.id });
    const after = (await resourcesOf(root, first.serviceID, first.productTierID)).json.resources;
    expect(after.find((r: { key: string }) => r.key === 'primaryEndpoint')).toEqual(endpoint);
  });

  it('builds into another environment of the same service as a separate environment and plan', async () => {
    const body = { name: 'PG Envs', fileContent: b64(composeFixture()), ...FILES };
    const dev = (await runBuild(root, body)).json;
    const prod = await runBuild(root, { ...body, environment: 'Production', environmentType: 'prod' });
    expect(prod.status, prod.body).toBe(200);
    expect(prod.json.serviceID).toBe(dev.serviceID);
    expect(prod.json.serviceEnvironmentID).not.toBe(dev.serviceEnvironmentID);
    expect(prod.json.productTierID).not.toBe(dev.productTierID);
    const envs = (await describeIt(root, dev.serviceID)).json.serviceEnvironments;
    expect(envs.map((e: { name: string; type: string }) => [e.name, e.type])).toEqual([['Dev', 'DEV'], ['Production', 'PROD']]);
    // The same environment name with another type is a different key: refused rather than mixed up.
    const clash = await runBuild(root, { ...body, environment: 'Production', environmentType: 'QA' });
    expect(clash.status).toBe(409);
    expect(clash.json.message).toContain('has type PROD, not QA');
  });

  it("another org's build of the same names creates its own service and never touches the first", async () => {
    const body = { name: 'PG Tenancy', fileContent: b64(composeFixture()), ...FILES };
    const mine = (await runBuild(root, body)).json;
    const before = await partitionItems(mine.serviceID);
    const theirs = await runBuild(other, body);
    expect(theirs.status, theirs.body).toBe(200);
    expect(theirs.json.serviceID).not.toBe(mine.serviceID);
    expect(await partitionItems(mine.serviceID)).toEqual(before);
    expect((await describeIt(other, mine.serviceID)).status).toBe(404);
  });

  it('builds the spec GenerateComposeSpecFromContainerImage answers, unchanged, and rebuilds it to the same ids', async () => {
    const gen = await invoke(generateSpec, {
      token: root.token,
      body: { imageRegistry: reg.host, image: 'team/app:v1', username: USER, password: PASSWORD, environmentVariables: [{ key: 'APP_SECRET_TOKEN', value: 'abc' }] },
    });
    expect(gen.status, gen.body).toBe(200);
    const body = { name: 'Generated App', fileContent: gen.json.fileContent };
    const res = await runBuild(root, body);
    expect(res.status, res.body).toBe(200);
    const resources = (await resourcesOf(root, res.json.serviceID, res.json.productTierID)).json.resources;
    expect(resources).toEqual([expect.objectContaining({ key: 'app', name: 'app', resourceType: 'Generic' })]);
    expect(resources[0].environmentVariables).toContainEqual({ key: 'APP_SECRET_TOKEN', value: '$var.appSecretToken' });
    expect((await runBuild(root, body)).json).toEqual(res.json);
  });
});
