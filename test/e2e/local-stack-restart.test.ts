/**
 * `npm start` loses nothing on SIGTERM or Ctrl-C (SIGINT): the stack runs as a child process on a temp
 * DATA_DIR, data is written over HTTP (signup and CreateService are DynamoDB transactions), the process is
 * stopped, started again on the same DATA_DIR, and the data is read back. One request is still in flight
 * when SIGTERM arrives: it must be answered, and what it wrote must survive too. Signals go to the child's
 * whole process group, as a terminal's Ctrl-C does.
 * Three starts of DynamoDB Local (Java), so one file and one test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '#infra/local/dynamodb.ts';
import { readOutbox } from '#shared/mail/outbox.ts';
import { API, http } from '../support/http.ts';
import { linkParams } from '../support/identity-flow.ts';

const ROOT = resolve(import.meta.dirname, '../..');

interface Running {
  child: ChildProcess;
  baseUrl: string;
  dynamoEndpoint: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running = new Set<ChildProcess>();

async function start(dataDir: string, port: number): Promise<Running> {
  // The test run's own settings must not leak into the child (it would use the run's table and stack).
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATA_DIR: dataDir };
  for (const k of ['TABLE_NAME', 'DYNAMODB_ENDPOINT', 'PUBLIC_URL', 'MAIL_TRANSPORT']) delete env[k];
  // A process group of its own, signalled as a whole: what a terminal does on Ctrl-C, and what many
  // process managers do on stop.
  const child = spawn(process.execPath, ['infra/local/start.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  running.add(child);
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((ok) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      ok({ code, signal });
    }),
  );
  const deadline = Date.now() + 60_000;
  // Both lines: the second may arrive in a later chunk of stdout.
  while (!/ready at (\S+)/.test(out) || !/DynamoDB Local: (\S+)/.test(out)) {
    if (child.exitCode !== null) throw new Error(`local stack exited during start:\n${out}`);
    if (Date.now() > deadline) throw new Error(`local stack not ready within 60 s:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    baseUrl: /ready at (\S+)/.exec(out)![1],
    dynamoEndpoint: /DynamoDB Local: (\S+)/.exec(out)![1],
    output: () => out,
    exited,
  };
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  process.kill(-child.pid!, signal);
}

/** Sends `signal` (unless it was sent already) and checks the stack stopped cleanly. */
async function stop(stack: Running, signal: NodeJS.Signals, alreadySent = false) {
  if (!alreadySent) signalGroup(stack.child, signal);
  const { code } = await stack.exited;
  expect(code, stack.output()).toBe(0);
  expect(stack.output()).toContain(`${signal}: stopping`);
  // DynamoDB Local went down with it.
  await expect(fetch(stack.dynamoEndpoint)).rejects.toThrow();
}

async function verificationToken(dataDir: string, email: string): Promise<string> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const mail = (await readOutbox(dataDir)).find((m) => m.to === email);
    if (mail) return linkParams(mail).token;
    if (Date.now() > deadline) throw new Error(`no verification mail to ${email}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const newUser = (tag: string) => ({
  email: `${tag}-${randomBytes(4).toString('hex')}@example.com`,
  password: `pw-${randomBytes(9).toString('base64url')}`,
  name: `Restart ${tag}`,
  legalCompanyName: `Restart ${tag} Inc`,
});

/**
 * POSTs JSON in two halves: the first half reaches the server before `between` runs, so the request is in
 * flight (its handler waiting for the rest of the body) while `between` happens.
 */
function postInTwoHalves(baseUrl: string, path: string, body: unknown, between: () => Promise<void>) {
  const data = Buffer.from(JSON.stringify(body));
  return new Promise<{ status: number; text: string }>((ok, fail) => {
    const req = request(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(data.length) },
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => ok({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', fail);
    req.write(data.subarray(0, data.length >> 1));
    req.flushHeaders();
    setTimeout(() => {
      between().then(
        () => req.end(data.subarray(data.length >> 1)),
        (e) => {
          req.destroy();
          fail(e);
        },
      );
    }, 300);
  });
}

const dataDir = mkdtempSync(join(tmpdir(), 'omnistrate-restart-'));

afterAll(async () => {
  for (const child of running) signalGroup(child, 'SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('local stack restart', () => {
  it('keeps every acknowledged write across SIGTERM and SIGINT, and answers requests in flight', { timeout: 180_000 }, async () => {
    const port = await freePort();
    const alice = newUser('alice');
    const bob = newUser('bob');

    // Run 1: a signup acknowledged right before SIGTERM, and one still in flight when SIGTERM arrives.
    let stack = await start(dataDir, port);
    const signup = await http('POST', `${API}/signup`, { baseUrl: stack.baseUrl, body: alice });
    expect(signup.status, signup.text).toBe(200);
    const inFlight = await postInTwoHalves(stack.baseUrl, `${API}/signup`, bob, async () => {
      signalGroup(stack.child, 'SIGTERM');
      await new Promise((r) => setTimeout(r, 300));
    });
    expect(inFlight.status, inFlight.text).toBe(200);
    await stop(stack, 'SIGTERM', true);

    // Run 2: both signups are there; create a service (a transaction) and Ctrl-C right after its answer.
    stack = await start(dataDir, port);
    for (const u of [alice, bob]) {
      const token = await verificationToken(dataDir, u.email);
      const validated = await http('POST', `${API}/validate-token`, { baseUrl: stack.baseUrl, body: { email: u.email, token } });
      expect(validated.status, `${u.email}: ${validated.text}`).toBe(200);
    }
    const signin = await http('POST', `${API}/signin`, { baseUrl: stack.baseUrl, body: { email: alice.email, password: alice.password } });
    expect(signin.status, signin.text).toBe(200);
    const token = signin.json.jwtToken as string;
    const created = await http('POST', `${API}/service`, { baseUrl: stack.baseUrl, token, body: { name: 'Survives Restarts', description: 'x' } });
    expect(created.status, created.text).toBe(200);
    const serviceId = created.json as string;
    await stop(stack, 'SIGINT');

    // Run 3: everything reads back.
    stack = await start(dataDir, port);
    const described = await http('GET', `${API}/service/${serviceId}`, { baseUrl: stack.baseUrl, token });
    expect(described.status, described.text).toBe(200);
    expect(described.json).toMatchObject({ id: serviceId, name: 'Survives Restarts' });
    const bobIn = await http('POST', `${API}/signin`, { baseUrl: stack.baseUrl, body: { email: bob.email, password: bob.password } });
    expect(bobIn.status, bobIn.text).toBe(200);
    await stop(stack, 'SIGTERM');
  });
});
