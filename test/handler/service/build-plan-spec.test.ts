/**
 * BuildServiceFromServicePlanSpec and CreateServiceFromComposeSpec over the handlers, and the bad inputs every
 * build answers with a 400 naming the line and key (the cases in full: test/unit/compose-spec.test.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { operation as buildPlan } from '#functions/service/build-service-from-service-plan-spec.ts';
import { operation as createFromCompose } from '#functions/service/create-service-from-compose-spec.ts';
import { operation as describeService } from '#functions/service/describe-service.ts';
import { operation as listResources } from '#functions/resource/list-resources.ts';
import { invoke } from '../../support/invoke.ts';
import { contractProblems } from '../../support/contract.ts';
import { testSession, type TestSession } from '../../support/session.ts';
import { b64, composeFixture, FILES, partitionItems, runBuild } from './build-fixtures.ts';

let root: TestSession;
let other: TestSession;
let reader: TestSession;

beforeAll(async () => {
  root = await testSession('root', 'Plan Spec Org');
  other = await testSession('root', 'Other Plan Spec Org');
  reader = await testSession('reader', 'Plan Spec Org Readers');
});

const PLAN = `name: Redis Plan
deployment:
  hostedDeployment: {}
services:
  - name: Redis Cluster
    dependsOn: [Vault]
    apiParameters:
      - { key: password, name: Password, type: Password, parameterDependencyMap: { Vault: token } }
    helmChartConfiguration:
      chartName: redis
      chartVersion: 19.6.2
      chartRepoName: bitnami
      chartRepoURL: https://charts.bitnami.com/bitnami
  - name: Vault
    internal: true
    apiParameters:
      - { key: token, name: Token, type: Secret }
    operatorCRDConfiguration:
      template: "apiVersion: v1\\nkind: ConfigMap\\n"
`;

describe('BuildServiceFromServicePlanSpec', () => {
  it('builds helm and operator services, rebuilds to the same ids without writing, and keeps tenants apart', async () => {
    const body = { name: 'Redis Svc', fileContent: b64(PLAN) };
    const res = await invoke(buildPlan, { token: root.token, body });
    expect(res.status, res.body).toBe(200);
    expect(contractProblems('BuildServiceFromServicePlanSpec', 200, res.json)).toEqual([]);
    const resources = (await invoke(listResources, { token: root.token, params: { serviceId: res.json.serviceID, productTierId: res.json.productTierID } })).json.resources;
    expect(resources.map((r: { key: string; resourceType: string }) => [r.key, r.resourceType])).toEqual([
      ['vault', 'OperatorCRD'],
      ['redisCluster', 'HelmChart'],
    ]);
    const before = await partitionItems(res.json.serviceID);
    const again = await invoke(buildPlan, { token: root.token, body });
    expect(again.json).toEqual(res.json);
    expect(await partitionItems(res.json.serviceID)).toEqual(before);
    const theirs = await invoke(buildPlan, { token: other.token, body });
    expect(theirs.json.serviceID).not.toBe(res.json.serviceID);
    expect(await partitionItems(res.json.serviceID)).toEqual(before);
  });

  it('answers 400 naming the line and key for a bad plan spec, 403 for a reader', async () => {
    const bad = await invoke(buildPlan, { token: root.token, body: { name: 'Redis Bad', fileContent: b64(PLAN.replace('dependsOn: [Vault]', 'dependsOn: [Vaults]')) } });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toBe("invalid spec: line 6: services[0].dependsOn[0]: depends on Vaults, which the spec's services do not define");
    expect((await invoke(buildPlan, { token: reader.token, body: { name: 'Redis Svc', fileContent: b64(PLAN) } })).status).toBe(403);
  });
});

describe('BuildServiceFromComposeSpec', () => {
  it('answers 400 naming the line and key for a bad compose spec, and writes nothing', async () => {
    const text = composeFixture().replace('      - Proxy\n', '      - Proxi\n');
    const line = text.split('\n').findIndex((l) => l === '      - Proxi') + 1;
    const res = await runBuild(root, { name: 'PG Bad', fileContent: b64(text), ...FILES });
    expect(res.status).toBe(400);
    expect(res.json.message).toBe(`invalid spec: line ${line}: services.Cluster.depends_on[2]: depends on Proxi, which the spec's services do not define`);
    const yaml = await runBuild(root, { name: 'PG Bad', fileContent: b64('services:\n  a: [\n') });
    expect(yaml.status).toBe(400);
    expect(yaml.json.message).toMatch(/^invalid spec: line \d+: the YAML does not parse/);
    expect((await runBuild(root, { name: 'PG Bad', fileContent: '%%%' })).json.message).toBe('body.fileContent must be base64-encoded');
    expect((await runBuild(root, { fileContent: b64(composeFixture()) })).json.message).toMatch(/body\.name/);
    expect((await runBuild(root, { name: 'PG Bad', fileContent: b64(composeFixture()), environmentType: 'LAB' })).json.message).toMatch(/environmentType/);
    expect(await partitionItems(undefined, root.orgId).then((items) => items.filter((i) => (i as { sk: string }).sk.startsWith('SVCNAME#pg bad')))).toEqual([]);
  });
});

describe('CreateServiceFromComposeSpec', () => {
  const body = (name: string) => ({ name, description: 'from a file', fileContent: b64(composeFixture().replace(/\n {4}(configs|secrets):\n {6}- [^\n]*\n( {8}target[^\n]*\n)?/g, '\n')), fileFormat: 'text/plain', fileName: 'compose.yaml' });

  it('creates the service with its Dev plan from the file and answers its id; the name taken is 409', async () => {
    const res = await invoke(createFromCompose, { token: root.token, body: body('PG From File') });
    expect(res.status, res.body).toBe(200);
    expect(res.json).toMatch(/^s-/);
    const svc = (await invoke(describeService, { token: root.token, params: { id: res.json } })).json;
    expect(svc).toMatchObject({ name: 'PG From File', description: 'from a file' });
    expect(svc.serviceEnvironments[0]).toMatchObject({ name: 'Dev', type: 'DEV', servicePlans: [expect.objectContaining({ name: 'Postgres Cluster' })] });
    const again = await invoke(createFromCompose, { token: root.token, body: body('PG From File') });
    expect(again.status).toBe(409);
    // Another org may use the same name.
    expect((await invoke(createFromCompose, { token: other.token, body: body('PG From File') })).status).toBe(200);
  });

  it('answers 400 for a bad spec and for missing required fields', async () => {
    const res = await invoke(createFromCompose, { token: root.token, body: { ...body('PG File Bad'), fileContent: b64('services: {}') } });
    expect(res.status).toBe(400);
    expect(res.json.message).toContain('services: must define at least one service');
    expect((await invoke(createFromCompose, { token: root.token, body: { name: 'x', fileContent: b64(composeFixture()) } })).status).toBe(400);
  });
});
