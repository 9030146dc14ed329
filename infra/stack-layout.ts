/**
 * Which nested stack holds an operation's function and route. One nested stack per API group keeps every
 * stack far below CloudFormation's 500 resources, except for groups too large for one: those are split into
 * a fixed number of parts by a stable hash of the operationId.
 *
 * The assignment must never move an existing operation: CloudFormation creates the new stack's route before
 * it deletes the old one, and an HTTP API refuses a second route with the same key, so a move fails the
 * deployment. A hash of the operationId with a part count fixed per group (chosen from the size the group
 * will reach, `fleet-routes.tsv`) moves nothing when operations are added; changing a count moves many.
 */
import type { OperationDefinition } from '#shared/registry/operation.ts';
import { contractOf } from '#infra/contracts.ts';

/** Log group, role, policy, function, integration, invoke permission, route. */
export const RESOURCES_PER_OPERATION = 7;

/** Our own ceiling per stack, below CloudFormation's 500, so a group can grow without a re-layout. */
export const MAX_RESOURCES_PER_STACK = 450;

/** Groups split into parts; every other group is one nested stack. inventory-api will hold 74 operations. */
export const GROUP_PARTS: Readonly<Record<string, number>> = { 'inventory-api': 3 };

/**
 * `resource-api` → `ResourceApi`; a Fleet API entry → `Fleet…` (`invoice-api` → `FleetInvoiceApi`), because
 * some reference tags hold operations of both contracts and each nested stack then serves one API only; a
 * part of a split group → `FleetInventoryApiPart2`.
 */
export function functionStackId(op: Pick<OperationDefinition, 'group' | 'operationId' | 'path'>): string {
  // Named after the reference tag; a bare `Resource` id would be taken by CDK as a default child and lose
  // its name in logical ids, hence the kept `Api` suffix.
  const pascal = op.group
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
  const base = contractOf(op.path) === 'fleet' && !pascal.startsWith('Fleet') ? `Fleet${pascal}` : pascal;
  const parts = GROUP_PARTS[op.group] ?? 1;
  return parts === 1 ? base : `${base}Part${(fnv1a(op.operationId) % parts) + 1}`;
}

/** 32-bit FNV-1a: small, stable across Node versions, good enough to spread ~100 ids. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
