/**
 * Container images, without I/O: image references (which registry, repository and tag or digest), the
 * registry's authentication challenges, manifest shapes, and the compose spec generated from an image's
 * config. The registry port (shared/registries/registry.ts) and the compose-gen use cases build on these.
 */
import { stringify } from 'yaml';
import { BadRequest } from '#shared/errors.ts';

/** Docker Hub's registry API host: `docker.io` (or nothing) in a reference means this host. */
export const DOCKER_HUB_HOST = 'registry-1.docker.io';
const DOCKER_HUB_ALIASES = new Set(['', 'docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

export const DEFAULT_TAG = 'latest';

/** Where an image lives and which of its versions is meant. */
export interface ImageLocation {
  /** Registry API host, with a port when one was given (`registry-1.docker.io`, `127.0.0.1:5000`). */
  host: string;
  /** Repository path in that registry (`library/mysql`, `org/team/app`). */
  repository: string;
  /** A tag (`5.7`) or a digest (`sha256:…`). */
  reference: string;
}

// Grammar of docker/distribution's reference package, restated: lower-case path components separated by
// `.`, `_`, `__` or dashes; tags of word characters, dots and dashes; digests `<algorithm>:<hex>`.
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[A-Fa-f0-9]{32,}$/;
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*(?::[0-9]{1,5})?$/;

/** A registry name as clients send it (`docker.io`, `https://ghcr.io/`, `127.0.0.1:5000`) → its API host. */
export function registryHost(registry: string): string {
  const bare = registry
    .trim()
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/\/+$/, '')
    .toLowerCase();
  if (DOCKER_HUB_ALIASES.has(bare)) return DOCKER_HUB_HOST;
  if (!HOST.test(bare)) throw new BadRequest(`imageRegistry: ${JSON.stringify(registry)} is not a registry host`);
  return bare;
}

/** Whether the first path segment of an image name is a registry host (has a dot or a port, or is localhost). */
const looksLikeHost = (segment: string) => segment.includes('.') || segment.includes(':') || segment === 'localhost';

/**
 * Parses `image` (e.g. `mysql:5.7`, `library/mysql`, `ghcr.io/org/app@sha256:…`) against `registry`. A host
 * at the front of the image name wins over `registry`; on Docker Hub a one-segment name is an official image
 * (`library/<name>`). Without a tag or digest the tag is `latest`. Invalid references are a BadRequest.
 */
export function parseImageReference(registry: string, image: string): ImageLocation {
  let rest = image.trim();
  if (!rest) throw new BadRequest('image: must not be empty');
  let host = registryHost(registry);
  const first = rest.split('/')[0];
  if (rest.includes('/') && looksLikeHost(first)) {
    host = registryHost(first);
    rest = rest.slice(first.length + 1);
  }
  let reference = DEFAULT_TAG;
  const at = rest.indexOf('@');
  if (at >= 0) {
    reference = rest.slice(at + 1);
    rest = rest.slice(0, at);
    // `name:tag@digest`: the digest decides, the tag is informational.
    const colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) rest = rest.slice(0, colon);
    if (!DIGEST.test(reference)) throw new BadRequest(`image: ${JSON.stringify(reference)} is not a valid digest`);
  } else {
    const colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      reference = rest.slice(colon + 1);
      rest = rest.slice(0, colon);
      if (!TAG.test(reference)) throw new BadRequest(`image: ${JSON.stringify(reference)} is not a valid tag`);
    }
  }
  const components = rest.split('/');
  if (!components.every((c) => PATH_COMPONENT.test(c))) {
    throw new BadRequest(`image: ${JSON.stringify(image)} is not a valid image name (lower-case letters, digits and separators)`);
  }
  if (host === DOCKER_HUB_HOST && components.length === 1) components.unshift('library');
  const repository = components.join('/');
  if (repository.length > 255) throw new BadRequest('image: the repository name must be at most 255 characters');
  return { host, repository, reference };
}

/** The reference as a compose `image:` value: `docker.io/library/mysql:5.7`, `ghcr.io/org/app@sha256:…`. */
export function imageName(loc: ImageLocation): string {
  const host = loc.host === DOCKER_HUB_HOST ? 'docker.io' : loc.host;
  const sep = loc.reference.includes(':') ? '@' : ':';
  return `${host}/${loc.repository}${sep}${loc.reference}`;
}

/** A `WWW-Authenticate` challenge: the scheme (lower-cased) and its parameters (names lower-cased). */
export interface Challenge {
  scheme: 'bearer' | 'basic';
  params: Record<string, string>;
}

/**
 * Parses a `WWW-Authenticate` header (`Bearer realm="https://auth…",service="…",scope="repository:x:pull"`).
 * Quoted values may hold commas and escaped quotes. Answers the first Bearer or Basic challenge, or undefined.
 */
export function parseChallenge(header: string | null | undefined): Challenge | undefined {
  if (!header) return undefined;
  // One lexeme at a time: `name=value` (quoted or bare), a scheme name, or a comma.
  const lexeme = /\s*(?:([\w!#$%&'*+.^`|~-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))|([\w!#$%&'*+.^`|~-]+)|(,))/y;
  const challenges: { scheme: string; params: Record<string, string> }[] = [];
  let m: RegExpExecArray | null;
  while (lexeme.lastIndex < header.length && (m = lexeme.exec(header))) {
    if (m[4]) challenges.push({ scheme: m[4].toLowerCase(), params: {} });
    else if (m[1] && challenges.length) {
      challenges[challenges.length - 1].params[m[1].toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3];
    }
    if (!m[0]) break;
  }
  return challenges.find((c): c is Challenge => c.scheme === 'bearer' || c.scheme === 'basic');
}

/** Media types the registry may answer a manifest with; all are asked for in the Accept header. */
export const MEDIA_TYPES = {
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
} as const;
export const MANIFEST_ACCEPT = Object.values(MEDIA_TYPES).join(', ');

interface Descriptor {
  mediaType?: string;
  digest: string;
  platform?: { os?: string; architecture?: string; variant?: string };
}

/** What a manifest body points at: the config blob of one image, or the per-platform manifests of an index. */
export type ManifestContent = { kind: 'image'; configDigest: string } | { kind: 'index'; manifests: Descriptor[] };

/** Reads a manifest body (JSON); the media type comes from Content-Type or the body's own `mediaType`. */
export function readManifest(body: string, contentType?: string): ManifestContent {
  let doc: { mediaType?: string; config?: { digest?: unknown }; manifests?: unknown };
  try {
    doc = JSON.parse(body);
  } catch {
    throw new Error('the registry answered a manifest that is not JSON');
  }
  const type = (contentType?.split(';')[0].trim() || doc.mediaType) ?? '';
  if (type === MEDIA_TYPES.dockerList || type === MEDIA_TYPES.ociIndex || Array.isArray(doc.manifests)) {
    const manifests = (Array.isArray(doc.manifests) ? doc.manifests : []).filter(
      (m): m is Descriptor => typeof m === 'object' && m !== null && typeof (m as Descriptor).digest === 'string',
    );
    if (!manifests.length) throw new Error('the registry answered an image index without manifests');
    return { kind: 'index', manifests };
  }
  if (typeof doc.config?.digest === 'string') return { kind: 'image', configDigest: doc.config.digest };
  throw new Error(`the registry answered an unsupported manifest (${type || 'no media type'})`);
}

/** From an index: the linux/amd64 image, else the first that is not an attestation, else the first. */
export function pickPlatform(manifests: readonly Descriptor[]): string {
  const amd64 = manifests.find((m) => m.platform?.os === 'linux' && m.platform?.architecture === 'amd64');
  const real = manifests.find((m) => m.platform?.os !== 'unknown');
  return (amd64 ?? real ?? manifests[0]).digest;
}

/** The parts of an image config blob a compose spec uses. */
export interface ImageConfig {
  exposedPorts: string[];
  env: { key: string; value: string }[];
}

/** Reads `config.ExposedPorts` (`{"3306/tcp": {}}`) and `config.Env` (`["KEY=value"]`) of a config blob. */
export function readImageConfig(body: string): ImageConfig {
  let doc: { config?: { ExposedPorts?: unknown; Env?: unknown } };
  try {
    doc = JSON.parse(body);
  } catch {
    throw new Error('the image config is not JSON');
  }
  const cfg = doc.config ?? {};
  const ports = cfg.ExposedPorts && typeof cfg.ExposedPorts === 'object' ? Object.keys(cfg.ExposedPorts) : [];
  const env = (Array.isArray(cfg.Env) ? cfg.Env : [])
    .filter((e): e is string => typeof e === 'string' && e.includes('='))
    .map((e) => ({ key: e.slice(0, e.indexOf('=')), value: e.slice(e.indexOf('=') + 1) }))
    .filter((e) => e.key !== '');
  return { exposedPorts: ports, env };
}

/** `3306/tcp` → `3306:3306`, `53/udp` → `53:53/udp`; anything else is dropped. */
export function composePort(exposed: string): string | undefined {
  const m = /^([0-9]{1,5})(?:-([0-9]{1,5}))?(?:\/(tcp|udp|sctp))?$/i.exec(exposed.trim());
  if (!m) return undefined;
  const range = m[2] ? `${m[1]}-${m[2]}` : m[1];
  const proto = (m[3] ?? 'tcp').toLowerCase();
  return proto === 'tcp' ? `${range}:${range}` : `${range}:${range}/${proto}`;
}

/** The compose service name: the repository's last path segment (`library/mysql` → `mysql`). */
export function serviceNameOf(repository: string): string {
  return repository.split('/').pop()!.replace(/[^a-z0-9_.-]/g, '-');
}

/** `MYSQL_ROOT_PASSWORD` → `mysqlRootPassword`: an API parameter key for an environment variable. */
export function paramKeyOf(envKey: string): string {
  const words = envKey.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const key = words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0].toUpperCase() + w.slice(1).toLowerCase())).join('');
  return /^[a-z]/.test(key) ? key : `env${key[0]?.toUpperCase() ?? ''}${key.slice(1)}`;
}

/** Image defaults that a compose spec need not repeat. */
const IMPLIED_ENV = new Set(['PATH']);

const SECRET_KEY = /PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY/i;

export interface ComposeInput {
  location: ImageLocation;
  config: ImageConfig;
  /** Variables the caller asked for: each becomes an API parameter, defaulting to the given value. */
  environmentVariables: readonly { key: string; value: string }[];
  /** Registry credentials, written to `x-omnistrate-image-registry-attributes` so that deployments can pull. */
  credentials?: { username: string; password: string };
}

/**
 * The compose spec (YAML) of one image: a service named after the image with its image, published ports and
 * environment (the image's own, PATH left out, then the caller's), the caller's variables as API parameters
 * (`$var.<key>`), and a dedicated-tenancy service plan so that the spec builds as it is.
 */
export function composeSpec(input: ComposeInput): string {
  const name = serviceNameOf(input.location.repository);
  const ports = [...new Set(input.config.exposedPorts.map(composePort).filter((p): p is string => !!p))];
  const environment: Record<string, string> = {};
  for (const { key, value } of input.config.env) if (!IMPLIED_ENV.has(key)) environment[key] = value;
  const apiParams = input.environmentVariables.map(({ key, value }) => {
    const paramKey = paramKeyOf(key);
    environment[key] = `$var.${paramKey}`;
    return {
      key: paramKey,
      description: `Value of ${key}`,
      name: key,
      type: SECRET_KEY.test(key) ? 'Password' : 'String',
      modifiable: true,
      required: false,
      export: !SECRET_KEY.test(key),
      defaultValue: value,
    };
  });
  const service: Record<string, unknown> = { image: imageName(input.location) };
  if (ports.length) service.ports = ports;
  if (Object.keys(environment).length) service.environment = environment;
  if (apiParams.length) service['x-omnistrate-api-params'] = apiParams;
  const spec: Record<string, unknown> = {
    version: '3.9',
    'x-omnistrate-service-plan': { name: `${name} plan`, tenancyType: 'OMNISTRATE_DEDICATED_TENANCY' },
  };
  if (input.credentials) {
    const host = input.location.host === DOCKER_HUB_HOST ? 'docker.io' : input.location.host;
    spec['x-omnistrate-image-registry-attributes'] = { [host]: { auth: input.credentials } };
  }
  spec.services = { [name]: service };
  return stringify(spec, { lineWidth: 0 });
}
