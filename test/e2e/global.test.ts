import { describe, expect, inject, it } from 'vitest';
import { API, http } from '../support/http.ts';
import { contractProblems } from '../support/contract.ts';

describe('local stack basics over HTTP', () => {
  it('health answers RUNNING within the contract', async () => {
    const res = await http('GET', `${API}/health`);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: 'RUNNING' });
    expect(contractProblems('registrationServiceHealth', 200, res.json)).toEqual([]);
  });

  it('version carries every required field', async () => {
    const res = await http('GET', `${API}/resource-instance/version`);
    expect(res.status).toBe(200);
    expect(contractProblems('consumptionServiceVersion', 200, res.json)).toEqual([]);
  });

  it('unknown routes answer a goa 404', async () => {
    const res = await http('GET', `${API}/no-such-thing`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.json).toMatchObject({ name: 'not_found', temporary: false, timeout: false, fault: false });
    expect(typeof res.json.id).toBe('string');
  });

  it('serves the generated OpenAPI document and a docs page', async () => {
    const doc = await http('GET', '/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.json.openapi).toMatch(/^3\./);
    expect(doc.json.paths[`${API}/health`].get.operationId).toBe('global-api#registrationServiceHealth');
    const page = await http('GET', '/docs');
    expect(page.status).toBe(200);
    expect(page.text).toContain('/openapi.json');
  });

  it('points the document at the host that served it and serves the docs assets from the package', async () => {
    const doc = await http('GET', '/openapi.json');
    expect(doc.json.servers).toEqual([{ url: inject('baseUrl') }]);
    const page = await http('GET', '/docs/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    for (const [path, type] of [
      ['/docs/swagger-ui.css', /^text\/css/],
      ['/docs/swagger-ui-bundle.js', /^text\/javascript/],
      ['/docs/init.js', /^text\/javascript/],
      ['/docs/favicon-32x32.png', /^image\/png$/],
    ] as const) {
      const res = await http('GET', path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toMatch(type);
      expect(page.text, path).toContain(path);
    }
    for (const path of ['/docs/package.json', '/docs/../package.json', '/docs/%2e%2e/package.json', '/docs/swagger-initializer.js']) {
      const res = await http('GET', path);
      expect(res.status, path).toBe(404);
      expect(res.json.name, path).toBe('not_found');
    }
  });
});
