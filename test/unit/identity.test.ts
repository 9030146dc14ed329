import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy, hashPassword, verifyPassword } from '#shared/auth/password.ts';
import { hashToken, newTokenValue } from '#shared/domain/one-time-token.ts';
import { tokenLink } from '#shared/domain/mails.ts';
import { outboxFileName } from '#shared/mail/outbox.ts';
import { BadRequest } from '#shared/errors.ts';

describe('password hashing', () => {
  it('stores a self-describing scrypt string with a random salt', async () => {
    const a = await hashPassword('correct horse');
    const b = await hashPassword('correct horse');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('correct horse');
  });

  it('verifies the right password and rejects others', async () => {
    const h = await hashPassword('correct horse');
    expect(await verifyPassword('correct horse', h)).toBe(true);
    expect(await verifyPassword('correct horsE', h)).toBe(false);
    expect(await verifyPassword('', h)).toBe(false);
  });

  it('treats missing, unusable or tampered hashes as a mismatch (after doing the work)', async () => {
    expect(await verifyPassword('x', undefined)).toBe(false);
    expect(await verifyPassword('x', '')).toBe(false);
    expect(await verifyPassword('x', 'unusable')).toBe(false);
    // Absurd parameters are refused rather than honoured.
    expect(await verifyPassword('x', 'scrypt$1073741824$8$1$AAAA$AAAA')).toBe(false);
    const start = performance.now();
    await verifyPassword('x', undefined);
    expect(performance.now() - start).toBeGreaterThan(5);
  });

  it('enforces a minimal policy with a message naming the field', () => {
    expect(() => checkPasswordPolicy('short')).toThrow(BadRequest);
    expect(() => checkPasswordPolicy('short')).toThrow(/body\.password must be at least 8 characters/);
    expect(() => checkPasswordPolicy('        ')).toThrow(/blank/);
    expect(() => checkPasswordPolicy('x'.repeat(257))).toThrow(/at most 256/);
    expect(() => checkPasswordPolicy('long enough')).not.toThrow();
  });
});

describe('one-time tokens', () => {
  it('are 32 random bytes, base64url, stored as a sha256', () => {
    const t = newTokenValue();
    expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newTokenValue()).not.toBe(t);
    expect(hashToken(t)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(t)).toBe(hashToken(t));
  });

  it('travel in links as encoded email and token query parameters', () => {
    const link = new URL(tokenLink('http://127.0.0.1:8080', 'verify-email', 'a+b@example.com', 'tok_en-1'));
    expect(link.searchParams.get('email')).toBe('a+b@example.com');
    expect(link.searchParams.get('token')).toBe('tok_en-1');
  });
});

describe('outbox file names', () => {
  it('sort by time and never collide', () => {
    const t = new Date('2026-01-02T03:04:05.678Z');
    const names = [outboxFileName(t), outboxFileName(t), outboxFileName(new Date(t.getTime() + 1))];
    expect(new Set(names).size).toBe(3);
    expect([...names].sort()).toEqual(names);
    expect(names[0]).toMatch(/^2026-01-02T03-04-05-678Z-\d{6}-[0-9a-f]{8}\.json$/);
  });
});

describe('mail port', () => {
  it('sends through SES v2 from MAIL_FROM when MAIL_TRANSPORT=ses', async () => {
    const { vi } = await import('vitest');
    const { SESv2Client } = await import('@aws-sdk/client-sesv2');
    const { sendMail } = await import('#shared/mail/mail.ts');
    const send = vi.spyOn(SESv2Client.prototype, 'send').mockResolvedValue({} as never);
    const saved = { transport: process.env.MAIL_TRANSPORT, from: process.env.MAIL_FROM };
    process.env.MAIL_TRANSPORT = 'ses';
    process.env.MAIL_FROM = 'noreply@provider.example';
    try {
      await sendMail({ to: 'a@b.example', subject: 'S', text: 'T', html: '<p>H</p>' });
      expect(send).toHaveBeenCalledTimes(1);
      const input = (send.mock.calls[0][0] as { input: Record<string, any> }).input;
      expect(input.FromEmailAddress).toBe('noreply@provider.example');
      expect(input.Destination.ToAddresses).toEqual(['a@b.example']);
      expect(input.Content.Simple.Subject.Data).toBe('S');
      expect(input.Content.Simple.Body.Text.Data).toBe('T');
      expect(input.Content.Simple.Body.Html.Data).toBe('<p>H</p>');
    } finally {
      process.env.MAIL_TRANSPORT = saved.transport;
      if (saved.from === undefined) delete process.env.MAIL_FROM;
      else process.env.MAIL_FROM = saved.from;
      send.mockRestore();
    }
  });
});
