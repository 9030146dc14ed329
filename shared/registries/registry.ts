/**
 * The container registry port: what the compose-gen use cases ask of a registry (a manifest, a blob), with
 * the caller's credentials. One adapter, `httpRegistry`, speaks the Docker Registry HTTP API v2 with `fetch`:
 *
 * - every request has its own timeout (REGISTRY_TIMEOUT_MS, default 10 s) and obeys the caller's signal (the
 *   use cases pass one overall deadline);
 * - hosts named in REGISTRY_HTTP_HOSTS (default `localhost`, `127.0.0.1`, any port) are spoken to over http,
 *   all others over https; a token endpoint (realm) gets plain http only on those hosts too, so credentials
 *   never cross the network in clear text;
 * - a 401 answer's `WWW-Authenticate` challenge is followed once: `Bearer` → the realm's token endpoint (with
 *   the credentials as basic auth when given), `Basic` → the credentials directly; the resulting header is
 *   kept for that registry, repository and credentials until the token expires;
 * - bodies are read up to MAX_BODY_BYTES, and a blob must match its digest.
 *
 * Failures are `RegistryFailure`s whose `kind` says what went wrong; nothing here knows HTTP answers of ours.
 */
import { createHash } from 'node:crypto';
import { config } from '#shared/config.ts';
import { MANIFEST_ACCEPT, parseChallenge, type Challenge, type ImageLocation } from '#shared/domain/container-image.ts';

export interface RegistryCredentials {
  username?: string;
  password?: string;
}

export type RegistryFailureKind = 'unauthorized' | 'not-found' | 'timeout' | 'unreachable' | 'invalid-answer';

export class RegistryFailure extends Error {
  override readonly name = 'RegistryFailure';
  readonly kind: RegistryFailureKind;
  constructor(kind: RegistryFailureKind, message: string) {
    super(message);
    this.kind = kind;
  }
}

export interface Manifest {
  body: string;
  /** The answer's Content-Type, which names the manifest's media type. */
  contentType?: string;
}

export interface ContainerRegistry {
  /** The manifest (or image index) of `reference` (a tag or digest) in `image`'s repository. */
  manifest(image: ImageLocation, reference: string, credentials: RegistryCredentials, signal?: AbortSignal): Promise<Manifest>;
  /** A blob of `image`'s repository, by digest (verified). */
  blob(image: ImageLocation, digest: string, credentials: RegistryCredentials, signal?: AbortSignal): Promise<Buffer>;
}

/** Manifests and config blobs are kilobytes; anything past this is not what we asked for. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

const hostName = (host: string) => host.replace(/:[0-9]+$/, '').replace(/^\[|\]$/g, '').toLowerCase();
const plainHttp = (host: string) => config.registryHttpHosts.includes(hostName(host));

/** `http://127.0.0.1:5000` or `https://ghcr.io`: the base URL of a registry host. */
export function registryBaseUrl(host: string): string {
  return `${plainHttp(host) ? 'http' : 'https'}://${host}`;
}

async function readCapped(res: Response, what: string): Promise<Buffer> {
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) {
    await res.body?.cancel();
    throw new RegistryFailure('invalid-answer', `the registry answered a ${what} larger than ${MAX_BODY_BYTES} bytes`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  if (res.body) {
    for await (const chunk of res.body) {
      size += chunk.byteLength;
      if (size > MAX_BODY_BYTES) {
        await res.body.cancel().catch(() => {});
        throw new RegistryFailure('invalid-answer', `the registry answered a ${what} larger than ${MAX_BODY_BYTES} bytes`);
      }
      chunks.push(Buffer.from(chunk));
    }
  }
  return Buffer.concat(chunks);
}

const basic = (c: RegistryCredentials) => `Basic ${Buffer.from(`${c.username ?? ''}:${c.password ?? ''}`).toString('base64')}`;
const hasCredentials = (c: RegistryCredentials) => !!(c.username || c.password);

/** Authorizations kept per process (a long-running local server must not grow without bound). */
const MAX_CACHED_AUTH = 1000;

interface CachedAuth {
  header: string;
  expiresAt: number;
}

export function httpRegistry(): ContainerRegistry {
  const cache = new Map<string, CachedAuth>();
  const cacheKey = (image: ImageLocation, c: RegistryCredentials) =>
    createHash('sha256').update(JSON.stringify([image.host, image.repository, c.username ?? '', c.password ?? ''])).digest('hex');

  async function send(url: string, headers: Record<string, string>, signal: AbortSignal | undefined, host: string): Promise<Response> {
    const timeout = config.registryTimeoutMs;
    const signals = [AbortSignal.timeout(timeout), ...(signal ? [signal] : [])];
    try {
      return await fetch(url, { headers, signal: AbortSignal.any(signals), redirect: 'follow' });
    } catch (e) {
      throw failureOf(e, host, timeout);
    }
  }

  async function authorize(challenge: Challenge | undefined, image: ImageLocation, c: RegistryCredentials, signal?: AbortSignal): Promise<CachedAuth> {
    if (challenge?.scheme === 'basic') {
      if (!hasCredentials(c)) throw new RegistryFailure('unauthorized', 'the registry asks for credentials and none were given');
      return { header: basic(c), expiresAt: Date.now() + 5 * 60_000 };
    }
    if (challenge?.scheme !== 'bearer' || !challenge.params.realm) {
      throw new RegistryFailure('unauthorized', 'the registry refused the request without a usable authentication challenge');
    }
    let realm: URL;
    try {
      realm = new URL(challenge.params.realm);
    } catch {
      throw new RegistryFailure('invalid-answer', 'the registry named a token endpoint that is not a URL');
    }
    if (realm.protocol !== 'https:' && !(realm.protocol === 'http:' && plainHttp(realm.host))) {
      throw new RegistryFailure('invalid-answer', `the registry named a token endpoint over ${realm.protocol} (https required)`);
    }
    if (challenge.params.service) realm.searchParams.set('service', challenge.params.service);
    realm.searchParams.set('scope', challenge.params.scope || `repository:${image.repository}:pull`);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (hasCredentials(c)) headers.authorization = basic(c);
    const res = await send(realm.href, headers, signal, realm.host);
    if (res.status === 401 || res.status === 403) {
      await res.body?.cancel();
      throw new RegistryFailure('unauthorized', 'the registry refused the credentials');
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new RegistryFailure('invalid-answer', `the registry's token endpoint answered ${res.status}`);
    }
    let doc: { token?: unknown; access_token?: unknown; expires_in?: unknown };
    try {
      doc = JSON.parse((await readCapped(res, 'token')).toString('utf8'));
    } catch (e) {
      if (e instanceof RegistryFailure) throw e;
      throw new RegistryFailure('invalid-answer', 'the registry answered a token that is not JSON');
    }
    const token = typeof doc.token === 'string' ? doc.token : typeof doc.access_token === 'string' ? doc.access_token : '';
    if (!token) throw new RegistryFailure('invalid-answer', 'the registry answered no token');
    const seconds = typeof doc.expires_in === 'number' && doc.expires_in > 0 ? doc.expires_in : 60;
    return { header: `Bearer ${token}`, expiresAt: Date.now() + Math.max(0, seconds - 10) * 1000 };
  }

  /** GET `path` of the image's repository, authenticating once on a 401. */
  async function get(image: ImageLocation, path: string, accept: string, c: RegistryCredentials, what: string, signal?: AbortSignal) {
    const url = `${registryBaseUrl(image.host)}/v2/${image.repository}/${path}`;
    const key = cacheKey(image, c);
    for (let attempt = 0; ; attempt++) {
      const cached = cache.get(key);
      const auth = cached && cached.expiresAt > Date.now() ? cached.header : undefined;
      const res = await send(url, { accept, ...(auth ? { authorization: auth } : {}) }, signal, image.host);
      if (res.status === 401 && attempt === 0) {
        await res.body?.cancel();
        cache.delete(key);
        const granted = await authorize(parseChallenge(res.headers.get('www-authenticate')), image, c, signal);
        if (cache.size >= MAX_CACHED_AUTH) cache.clear();
        cache.set(key, granted);
        continue;
      }
      if (res.status === 401 || res.status === 403) {
        await res.body?.cancel();
        cache.delete(key);
        throw new RegistryFailure('unauthorized', 'the registry refused access to the repository');
      }
      if (res.status === 404) {
        await res.body?.cancel();
        throw new RegistryFailure('not-found', `${what} not found in the registry`);
      }
      if (!res.ok) {
        await res.body?.cancel();
        throw new RegistryFailure('invalid-answer', `the registry answered ${res.status} for the ${what}`);
      }
      try {
        return { body: await readCapped(res, what), contentType: res.headers.get('content-type') ?? undefined };
      } catch (e) {
        throw e instanceof RegistryFailure ? e : failureOf(e, image.host, config.registryTimeoutMs);
      }
    }
  }

  return {
    async manifest(image, reference, c, signal) {
      const { body, contentType } = await get(image, `manifests/${reference}`, MANIFEST_ACCEPT, c, 'manifest', signal);
      return { body: body.toString('utf8'), contentType };
    },
    async blob(image, digest, c, signal) {
      const { body } = await get(image, `blobs/${digest}`, '*/*', c, 'blob', signal);
      const [algorithm, hex] = digest.split(':');
      if (algorithm === 'sha256' && createHash('sha256').update(body).digest('hex') !== hex?.toLowerCase()) {
        throw new RegistryFailure('invalid-answer', `the registry answered a blob that does not match ${digest}`);
      }
      return body;
    },
  };
}

function failureOf(e: unknown, host: string, timeoutMs: number): RegistryFailure {
  if (e instanceof RegistryFailure) return e;
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') {
    return new RegistryFailure('timeout', `registry ${host} did not answer within ${Math.round(timeoutMs / 100) / 10} s`);
  }
  const why = err?.cause?.code ?? err?.cause?.message ?? err?.message ?? 'network error';
  return new RegistryFailure('unreachable', `cannot reach registry ${host} (${why})`);
}

let adapter: ContainerRegistry | undefined;

/** The configured registry adapter (one per process, so that tokens are reused across calls). */
export function registry(): ContainerRegistry {
  return (adapter ??= httpRegistry());
}

/** Test hook: replace the adapter (undefined → the HTTP adapter again on next use). */
export function setRegistry(next: ContainerRegistry | undefined): void {
  adapter = next;
}
