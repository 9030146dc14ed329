import { describe, expect, it } from 'vitest';
import { deriveKey, deriveResourceKey, uniqueKey } from '#shared/domain/keys.ts';
import { cleanId, newId, newLowerId } from '#shared/domain/ids.ts';
import { operationFileName, moduleFile } from '#shared/registry/operation.ts';
import { compileRoutes, matchRoute } from '#infra/local/server.ts';
import type { OperationDefinition } from '#shared/registry/operation.ts';

describe('keys and ids', () => {
  it('derives URL-safe keys the way clients see them', () => {
    expect(deriveKey('MySQL')).toBe('mysql');
    expect(deriveKey('Production')).toBe('production');
    expect(deriveKey('MySQL multi-writer service hosted model')).toBe('mysql-multi-writer-service-hosted-model');
    expect(deriveKey('  Ünïcode & spaces!! ')).toBe('unicode-spaces');
    expect(deriveResourceKey('PGAdmin')).toBe('pGAdmin');
    expect(deriveResourceKey('MySQL')).toBe('mySQL');
    expect(uniqueKey('a', new Set(['a', 'a-2']))).toBe('a-3');
  });

  it('makes ids with the expected prefixes and alphabets', () => {
    expect(newId('s')).toMatch(/^s-[A-Za-z0-9]{10}$/);
    expect(newLowerId('r')).toMatch(/^r-[a-z0-9]{10}$/);
    expect(cleanId(' "s-abc" ')).toBe('s-abc');
  });

  it('names operation modules in kebab case', () => {
    expect(operationFileName('DescribeService')).toBe('describe-service');
    expect(operationFileName('CreateServiceAPI')).toBe('create-service-api');
    expect(operationFileName('registrationServiceHealth')).toBe('registration-service-health');
    expect(moduleFile({ group: 'service-api-api', operationId: 'ListServiceAPI' })).toBe('functions/service-api/list-service-api.ts');
  });
});

describe('local router', () => {
  const op = (method: string, path: string) => ({ op: { method, path, operationId: path } as OperationDefinition, handler: async () => ({}) });
  const routes = compileRoutes([
    op('GET', '/v/service/{id}'),
    op('PUT', '/v/service/composespec'),
    op('GET', '/v/accountconfig/{id}'),
    op('GET', '/v/accountconfig/cloudprovider/all'),
  ]);
  it('prefers literal segments over parameters', () => {
    expect(matchRoute(routes, 'GET', '/v/accountconfig/cloudprovider/all')?.route.op.path).toBe('/v/accountconfig/cloudprovider/all');
    expect(matchRoute(routes, 'GET', '/v/accountconfig/ac-1')?.params).toEqual({ id: 'ac-1' });
    expect(matchRoute(routes, 'PUT', '/v/service/composespec')?.route.op.path).toBe('/v/service/composespec');
    expect(matchRoute(routes, 'GET', '/v/service/s-1/')?.params).toEqual({ id: 's-1' });
    expect(matchRoute(routes, 'DELETE', '/v/service/s-1')).toBeUndefined();
  });
});
