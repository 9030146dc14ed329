/** The pure rules of container images: references, registry challenges, manifests, config blobs, compose specs. */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  composePort,
  composeSpec,
  DOCKER_HUB_HOST,
  imageName,
  paramKeyOf,
  parseChallenge,
  parseImageReference,
  pickPlatform,
  readImageConfig,
  readManifest,
  registryHost,
} from '#shared/domain/container-image.ts';

const digest = `sha256:${'ab'.repeat(32)}`;

describe('parseImageReference', () => {
  it('defaults to Docker Hub, library/ for official images and the latest tag', () => {
    expect(parseImageReference('docker.io', 'mysql')).toEqual({ host: DOCKER_HUB_HOST, repository: 'library/mysql', reference: 'latest' });
    expect(parseImageReference('', 'library/mysql:5.7')).toEqual({ host: DOCKER_HUB_HOST, repository: 'library/mysql', reference: '5.7' });
    expect(parseImageReference('index.docker.io', 'bitnami/redis:7.2')).toMatchObject({ repository: 'bitnami/redis', reference: '7.2' });
  });

  it('takes other registries from the registry parameter or from the image name, with ports and digests', () => {
    expect(parseImageReference('https://ghcr.io/', 'org/app:v1')).toEqual({ host: 'ghcr.io', repository: 'org/app', reference: 'v1' });
    expect(parseImageReference('docker.io', 'quay.io/org/team/app')).toEqual({ host: 'quay.io', repository: 'org/team/app', reference: 'latest' });
    expect(parseImageReference('127.0.0.1:5000', 'app')).toEqual({ host: '127.0.0.1:5000', repository: 'app', reference: 'latest' });
    expect(parseImageReference('localhost:5000', `team/app:v2@${digest}`)).toEqual({ host: 'localhost:5000', repository: 'team/app', reference: digest });
  });

  it('refuses what is not a reference', () => {
    for (const [registry, image] of [
      ['docker.io', ''],
      ['docker.io', 'MySQL'],
      ['docker.io', 'mysql:bad tag'],
      ['docker.io', 'mysql@sha256:short'],
      ['docker.io', 'a//b'],
      ['not a host', 'mysql'],
    ]) {
      expect(() => parseImageReference(registry, image), `${registry} ${image}`).toThrow(expect.objectContaining({ name: 'BadRequest' }));
    }
  });

  it('names the image for compose', () => {
    expect(imageName(parseImageReference('docker.io', 'mysql:5.7'))).toBe('docker.io/library/mysql:5.7');
    expect(imageName(parseImageReference('ghcr.io', `o/a@${digest}`))).toBe(`ghcr.io/o/a@${digest}`);
    expect(registryHost('REGISTRY-1.DOCKER.IO')).toBe(DOCKER_HUB_HOST);
  });
});

describe('parseChallenge', () => {
  it('reads a Bearer challenge with quoted values holding commas', () => {
    expect(
      parseChallenge('Bearer realm="https://auth.example/token",service="registry.example",scope="repository:a/b:pull,push"'),
    ).toEqual({ scheme: 'bearer', params: { realm: 'https://auth.example/token', service: 'registry.example', scope: 'repository:a/b:pull,push' } });
  });

  it('reads Basic challenges, bare values, escapes, and skips other schemes', () => {
    expect(parseChallenge('Basic realm="Registry Realm"')).toEqual({ scheme: 'basic', params: { realm: 'Registry Realm' } });
    expect(parseChallenge('Negotiate x=1, bearer Realm=https://a/t, Service="s\\"q"')).toEqual({
      scheme: 'bearer',
      params: { realm: 'https://a/t', service: 's"q' },
    });
    expect(parseChallenge('Negotiate')).toBeUndefined();
    expect(parseChallenge(undefined)).toBeUndefined();
  });
});

describe('manifests and config blobs', () => {
  it('tells an image manifest from an index and picks linux/amd64, else the first real image', () => {
    expect(readManifest(JSON.stringify({ schemaVersion: 2, config: { digest } }), 'application/vnd.oci.image.manifest.v1+json')).toEqual({
      kind: 'image',
      configDigest: digest,
    });
    const index = readManifest(
      JSON.stringify({
        mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests: [
          { digest: 'sha256:att', platform: { os: 'unknown', architecture: 'unknown' } },
          { digest: 'sha256:arm', platform: { os: 'linux', architecture: 'arm64' } },
          { digest: 'sha256:amd', platform: { os: 'linux', architecture: 'amd64' } },
        ],
      }),
    );
    expect(index.kind).toBe('index');
    if (index.kind !== 'index') return;
    expect(pickPlatform(index.manifests)).toBe('sha256:amd');
    expect(pickPlatform(index.manifests.slice(0, 2))).toBe('sha256:arm');
    expect(() => readManifest('nope')).toThrow(/not JSON/);
    expect(() => readManifest('{"schemaVersion":1}')).toThrow(/unsupported/);
  });

  it('reads exposed ports and env of a config blob', () => {
    expect(readImageConfig(JSON.stringify({ config: { ExposedPorts: { '3306/tcp': {} }, Env: ['A=1', 'B=x=y', 'junk', '=v'] } }))).toEqual({
      exposedPorts: ['3306/tcp'],
      env: [
        { key: 'A', value: '1' },
        { key: 'B', value: 'x=y' },
      ],
    });
    expect(readImageConfig('{}')).toEqual({ exposedPorts: [], env: [] });
    expect([composePort('80/tcp'), composePort('53/udp'), composePort('8000-8010'), composePort('x')]).toEqual([
      '80:80',
      '53:53/udp',
      '8000-8010:8000-8010',
      undefined,
    ]);
    expect([paramKeyOf('MYSQL_ROOT_PASSWORD'), paramKeyOf('1X')]).toEqual(['mysqlRootPassword', 'env1x']);
  });
});

describe('composeSpec', () => {
  it('produces a deployable compose spec: one service, ports, env, api params and a service plan', () => {
    const yaml = composeSpec({
      location: parseImageReference('docker.io', 'library/mysql:5.7'),
      config: { exposedPorts: ['3306/tcp', '33060/tcp'], env: [{ key: 'PATH', value: '/bin' }, { key: 'GOSU_VERSION', value: '1.7' }] },
      environmentVariables: [{ key: 'MYSQL_ROOT_PASSWORD', value: 'pw' }],
      credentials: { username: 'u', password: 'p' },
    });
    const doc = parse(yaml);
    expect(doc['x-omnistrate-service-plan']).toEqual({ name: 'mysql plan', tenancyType: 'OMNISTRATE_DEDICATED_TENANCY' });
    expect(doc['x-omnistrate-image-registry-attributes']).toEqual({ 'docker.io': { auth: { username: 'u', password: 'p' } } });
    expect(Object.keys(doc.services)).toEqual(['mysql']);
    expect(doc.services.mysql).toMatchObject({
      image: 'docker.io/library/mysql:5.7',
      ports: ['3306:3306', '33060:33060'],
      environment: { GOSU_VERSION: '1.7', MYSQL_ROOT_PASSWORD: '$var.mysqlRootPassword' },
      'x-omnistrate-api-params': [expect.objectContaining({ key: 'mysqlRootPassword', type: 'Password', defaultValue: 'pw' })],
    });
  });

  it('leaves out empty blocks', () => {
    const doc = parse(composeSpec({ location: parseImageReference('ghcr.io', 'o/tool'), config: { exposedPorts: [], env: [] }, environmentVariables: [] }));
    expect(doc.services.tool).toEqual({ image: 'ghcr.io/o/tool:latest' });
    expect(doc['x-omnistrate-image-registry-attributes']).toBeUndefined();
  });
});
