import { describe, expect, it } from 'vitest';
import { operation as health } from '#functions/global/registration-service-health.ts';
import { operation as version } from '#functions/global/registration-service-version.ts';
import { invoke } from '../support/invoke.ts';

describe('global-api handlers', () => {
  it('health answers RUNNING and ignores a junk Authorization header', async () => {
    const res = await invoke(health, { headers: { authorization: 'Bearer undefined' } });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: 'RUNNING' });
    expect(res.headers['content-type']).toBe('application/json');
  });

  it('version reports the API version', async () => {
    const res = await invoke(version, {});
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ apiVersion: '2022-09-01-00' });
  });
});
