import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createsPromotionCycle, normalizeEnumValue, promoteStatusOf, publicKeyProblem } from '#shared/domain/environment.ts';
import { CreateServiceEnvironmentRequest } from '#shared/schemas/service-environment.ts';

describe('environment types and visibility', () => {
  it('accepts any case and yields upper case', () => {
    expect(normalizeEnumValue(' prod ')).toBe('PROD');
    const parsed = CreateServiceEnvironmentRequest.parse({
      name: 'x',
      description: '',
      deploymentConfigId: 'default',
      type: 'Staging',
      visibility: 'public',
    });
    expect(parsed).toMatchObject({ type: 'STAGING', visibility: 'PUBLIC' });
  });

  it('refuses values outside the lists', () => {
    const base = { name: 'x', description: '', deploymentConfigId: 'default' };
    expect(CreateServiceEnvironmentRequest.safeParse({ ...base, type: 'SANDBOX' }).success).toBe(false);
    expect(CreateServiceEnvironmentRequest.safeParse({ ...base, visibility: 'INTERNAL' }).success).toBe(false);
  });

  it('treats an empty or quoted source environment id as what it is', () => {
    const base = { name: 'x', description: '', deploymentConfigId: '"dc-abc"' };
    expect(CreateServiceEnvironmentRequest.parse({ ...base, sourceEnvironmentId: '' }).sourceEnvironmentId).toBe('');
    expect(CreateServiceEnvironmentRequest.parse({ ...base, sourceEnvironmentId: '"se-1"' })).toMatchObject({
      sourceEnvironmentId: 'se-1',
      deploymentConfigId: 'dc-abc',
    });
  });
});

describe('publicKeyProblem', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });

  it('accepts PEM public keys (SPKI and PKCS#1)', () => {
    expect(publicKeyProblem(rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString())).toBeUndefined();
    expect(publicKeyProblem(rsa.publicKey.export({ type: 'pkcs1', format: 'pem' }).toString())).toBeUndefined();
    expect(publicKeyProblem(`\n${ec.publicKey.export({ type: 'spki', format: 'pem' })}\n`)).toBeUndefined();
  });

  it('refuses garbage, truncated PEM and private keys', () => {
    expect(publicKeyProblem('hello')).toMatch(/not a PEM/);
    const pem = ec.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(publicKeyProblem(pem.replace(/[A-Za-z0-9+/]{20}/, ''))).toMatch(/not a valid/);
    expect(publicKeyProblem(ec.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString())).toMatch(/private key/);
  });
});

describe('createsPromotionCycle', () => {
  // prod ← staging ← dev
  const sources = new Map<string, string | undefined>([
    ['dev', ''],
    ['staging', 'dev'],
    ['prod', 'staging'],
    ['lone', undefined],
  ]);

  it('finds a loop through the chain and a self-loop', () => {
    expect(createsPromotionCycle(sources, 'dev', 'prod')).toBe(true);
    expect(createsPromotionCycle(sources, 'dev', 'staging')).toBe(true);
    expect(createsPromotionCycle(sources, 'dev', 'dev')).toBe(true);
  });

  it('allows edges that keep the graph acyclic', () => {
    expect(createsPromotionCycle(sources, 'lone', 'prod')).toBe(false);
    expect(createsPromotionCycle(sources, 'prod', 'dev')).toBe(false);
    expect(createsPromotionCycle(sources, 'new', 'prod')).toBe(false);
  });

  it('terminates on a loop already present in the data', () => {
    const broken = new Map([['a', 'b'], ['b', 'a']]);
    expect(createsPromotionCycle(broken, 'c', 'a')).toBe(false);
  });
});

describe('promoteStatusOf', () => {
  it('is UNKNOWN until promotion exists', () => {
    expect(promoteStatusOf({ sourceEnvironmentId: 'se-1' })).toBe('UNKNOWN');
    expect(promoteStatusOf({ sourceEnvironmentId: '' })).toBe('UNKNOWN');
  });
});
