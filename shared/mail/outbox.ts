/**
 * The local mail transport: one JSON file per message (`{to, subject, text, html?}`) under
 * `<dataDir>/outbox/`. File names start with the send time, so a plain sort lists messages in order;
 * a per-process counter and random suffix keep them unique when several processes share the folder.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MailMessage } from '#shared/mail/port.ts';

let sequence = 0;

export function outboxDir(dataDir: string): string {
  return join(dataDir, 'outbox');
}

/** `2026-01-02T03-04-05-678Z-000001-ab12cd34.json`: time first, so names sort by time. */
export function outboxFileName(now = new Date()): string {
  sequence = (sequence + 1) % 1_000_000;
  const time = now.toISOString().replace(/[:.]/g, '-');
  return `${time}-${String(sequence).padStart(6, '0')}-${randomBytes(4).toString('hex')}.json`;
}

export async function writeToOutbox(dataDir: string, message: MailMessage): Promise<string> {
  const dir = outboxDir(dataDir);
  await mkdir(dir, { recursive: true });
  const name = outboxFileName();
  const body: MailMessage = { to: message.to, subject: message.subject, text: message.text };
  if (message.html !== undefined) body.html = message.html;
  // Write then rename: a reader polling the folder never sees a half-written message.
  const temp = join(dir, `.${name}.tmp`);
  await writeFile(temp, JSON.stringify(body, null, 2));
  await rename(temp, join(dir, name));
  return name;
}

export interface OutboxEntry extends MailMessage {
  file: string;
}

/** Every message in the outbox, oldest first (for local inspection and tests). */
export async function readOutbox(dataDir: string): Promise<OutboxEntry[]> {
  let names: string[];
  try {
    names = await readdir(outboxDir(dataDir));
  } catch {
    return [];
  }
  const files = names.filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort();
  const out: OutboxEntry[] = [];
  for (const file of files) {
    try {
      out.push({ file, ...(JSON.parse(await readFile(join(outboxDir(dataDir), file), 'utf8')) as MailMessage) });
    } catch {
      // Someone deleted it meanwhile; skip.
    }
  }
  return out;
}
