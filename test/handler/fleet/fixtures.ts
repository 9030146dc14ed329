/** Short callers of the Fleet API's subscription operations (inventory-api), by environment path. */
import * as fleet from '#functions/fleet/inventory/index.ts';
import type { AnyOperation } from '#shared/registry/operation.ts';
import { invoke } from '../../support/invoke.ts';
import type { Offering } from '../subscription/fixtures.ts';

const op = (id: string): AnyOperation => fleet.operations.find((o) => o.operationId === id)!;
const env = (o: Offering) => ({ serviceId: o.serviceId, environmentId: o.environmentId });

export const fleetCall = (id: string, o: Offering, extra: { id?: string; query?: Record<string, string>; body?: unknown; token?: string } = {}) =>
  invoke(op(id), { token: extra.token ?? o.provider.token, params: { ...env(o), ...(extra.id ? { id: extra.id } : {}) }, query: extra.query, body: extra.body });
