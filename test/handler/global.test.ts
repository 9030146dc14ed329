import { describe, expect, it } from 'vitest';
import { operation as health } from '#functions/global/registration-service-health.ts';
import { operation as version } from '#functions/global/registration-service-version.ts';
import { operation as consumptionHealth } from '#functions/global/consumption-service-health.ts';
import { operation as consumptionVersion } from '#functions/global/consumption-service-version.ts';
import { invoke } from '../support/invoke.ts';
import { contractProblems } from '../support/contract.ts';

describe('registrationServiceHealth', () => {
  it('answers RUNNING and ignores a junk Authorization header', async () => {
    const res = await invoke(health, { headers: { authorization: 'Bearer undefined' } });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: 'RUNNING' });
    expect(res.headers['content-type']).toBe('application/json');
  });
});

describe('registrationServiceVersion', () => {
  it('reports the API version', async () => {
    const res = await invoke(version, {});
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ apiVersion: '2022-09-01-00' });
  });
});

describe('consumptionServiceHealth', () => {
  it('answers RUNNING without a token, within the contract', async () => {
    const res = await invoke(consumptionHealth, {});
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: 'RUNNING' });
    expect(res.headers['content-type']).toBe('application/json');
    expect(contractProblems('consumptionServiceHealth', 200, res.json)).toEqual([]);
  });
});

describe('consumptionServiceVersion', () => {
  it('reports the same API version and build as the registration service', async () => {
    const res = await invoke(consumptionVersion, {});
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ apiVersion: '2022-09-01-00' });
    expect(typeof res.json.buildCommitSHA).toBe('string');
    expect(typeof res.json.buildTimestamp).toBe('string');
    expect(res.json).toEqual((await invoke(version, {})).json);
    expect(contractProblems('consumptionServiceVersion', 200, res.json)).toEqual([]);
  });
});
