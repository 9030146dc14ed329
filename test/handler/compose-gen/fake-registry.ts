/**
 * A fake container registry on 127.0.0.1 for the compose-gen tests (no test reaches the internet). It speaks
 * enough of the Docker Registry HTTP API v2: a token endpoint with basic auth (anonymous tokens read public
 * repositories only), Bearer challenges on /v2/, a repository behind a Basic challenge, image manifests, an
 * image index, and config blobs addressed by their sha256 digest. `hanging()` is a server that never answers.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export const USER = 'alice';
export const PASSWORD = 's3cret';

const digestOf = (body: string) => `sha256:${createHash('sha256').update(body).digest('hex')}`;

interface Repo {
  /** Who may read: anyone (anonymous token), token holders, or basic auth. */
  access: 'public' | 'private' | 'basic';
  /** tag or digest → [media type, body] */
  manifests: Map<string, [string, string]>;
  blobs: Map<string, string>;
}

export const APP_CONFIG = {
  architecture: 'amd64',
  os: 'linux',
  config: {
    ExposedPorts: { '8080/tcp': {}, '9090/udp': {} },
    Env: ['PATH=/usr/local/bin:/usr/bin', 'APP_MODE=production', 'APP_HOME=/srv/app'],
  },
};
const ARM_CONFIG = { architecture: 'arm64', os: 'linux', config: { ExposedPorts: { '1/tcp': {} }, Env: ['ARCH=arm64'] } };

function repo(access: Repo['access'], configs: Record<string, object>): Repo {
  const r: Repo = { access, manifests: new Map(), blobs: new Map() };
  for (const [tag, cfg] of Object.entries(configs)) {
    const blob = JSON.stringify(cfg);
    r.blobs.set(digestOf(blob), blob);
    const manifest = JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: digestOf(blob), size: blob.length },
      layers: [],
    });
    r.manifests.set(tag, ['application/vnd.oci.image.manifest.v1+json', manifest]);
    r.manifests.set(digestOf(manifest), ['application/vnd.oci.image.manifest.v1+json', manifest]);
  }
  return r;
}

/** An index of the arm64 and amd64 images (arm64 first, so that picking linux/amd64 is visible). */
function addIndex(r: Repo, tag: string, arm: string, amd: string): void {
  const index = JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.docker.distribution.manifest.list.v2+json',
    manifests: [
      { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: digestOf(r.manifests.get(arm)![1]), platform: { os: 'linux', architecture: 'arm64' } },
      { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: digestOf(r.manifests.get(amd)![1]), platform: { os: 'linux', architecture: 'amd64' } },
    ],
  });
  r.manifests.set(tag, ['application/vnd.docker.distribution.manifest.list.v2+json', index]);
}

export interface FakeRegistry {
  /** `127.0.0.1:<port>` */
  host: string;
  /** Every request seen: method, path and headers. */
  requests: { method: string; url: string; headers: IncomingMessage['headers'] }[];
  close(): Promise<void>;
}

const closeServer = (server: Server, sockets: Set<Socket>) =>
  new Promise<void>((resolve) => {
    for (const s of sockets) s.destroy();
    server.close(() => resolve());
  });

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const server = createServer(handler);
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, sockets, host: `127.0.0.1:${(server.address() as AddressInfo).port}` };
}

export async function fakeRegistry(): Promise<FakeRegistry> {
  const repos = new Map<string, Repo>([
    ['team/app', repo('private', { v1: APP_CONFIG, arm: ARM_CONFIG })],
    ['tools/redis', repo('public', { latest: { config: { ExposedPorts: { '6379/tcp': {} }, Env: [] } } })],
    ['basic/app', repo('basic', { v1: APP_CONFIG })],
  ]);
  addIndex(repos.get('team/app')!, 'multi', 'arm', 'v1');
  const requests: FakeRegistry['requests'] = [];
  const tokens = new Map<string, 'anonymous' | 'user'>();
  let host = '';

  const basicUser = (auth: string | undefined) => {
    if (!auth?.startsWith('Basic ')) return undefined;
    const [u, ...p] = Buffer.from(auth.slice(6), 'base64').toString().split(':');
    return u === USER && p.join(':') === PASSWORD ? 'ok' : 'wrong';
  };

  const { server, sockets, host: h } = await listen((req, res) => {
    requests.push({ method: req.method!, url: req.url!, headers: req.headers });
    const url = new URL(req.url!, `http://${host}`);
    if (url.pathname === '/token') {
      const who = basicUser(req.headers.authorization);
      if (who === 'wrong') {
        res.writeHead(401, { 'content-type': 'application/json' }).end('{"details":"incorrect username or password"}');
        return;
      }
      const token = `t${tokens.size}-${url.searchParams.get('scope')}`;
      tokens.set(token, who === 'ok' ? 'user' : 'anonymous');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token, expires_in: 300 }));
      return;
    }
    const m = /^\/v2\/(.+)\/(manifests|blobs)\/([^/]+)$/.exec(url.pathname);
    const r = m ? repos.get(m[1]) : undefined;
    const auth = req.headers.authorization;
    const granted =
      r?.access === 'basic'
        ? basicUser(auth) === 'ok'
        : auth?.startsWith('Bearer ') && tokens.has(auth.slice(7)) && (r?.access === 'public' || tokens.get(auth.slice(7)) === 'user');
    if (!granted) {
      const challenge =
        r?.access === 'basic'
          ? 'Basic realm="fake"'
          : `Bearer realm="http://${host}/token",service="fake-registry",scope="repository:${m?.[1] ?? ''}:pull"`;
      res.writeHead(401, { 'www-authenticate': challenge, 'content-type': 'application/json' }).end('{"errors":[{"code":"UNAUTHORIZED"}]}');
      return;
    }
    const found = !r ? undefined : m![2] === 'manifests' ? r!.manifests.get(m![3]) : r!.blobs.has(m![3]) ? ['application/octet-stream', r!.blobs.get(m![3])!] : undefined;
    if (!found) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"errors":[{"code":"MANIFEST_UNKNOWN"}]}');
      return;
    }
    res.writeHead(200, { 'content-type': found[0] }).end(req.method === 'HEAD' ? undefined : found[1]);
  });
  host = h;
  return { host, requests, close: () => closeServer(server, sockets) };
}

/** A server that accepts connections and never answers. */
export async function hanging(): Promise<{ host: string; close(): Promise<void> }> {
  const { server, sockets, host } = await listen(() => {});
  return { host, close: () => closeServer(server, sockets) };
}
