/**
 * Rules of service environments that need no I/O: accepted types and visibilities, the promotion graph
 * (no cycles), the public key an environment's control-plane JWTs are verified with, and the described form.
 */
import { createPublicKey } from 'node:crypto';
import type { z } from 'zod';
import type { EnvironmentItem, EnvironmentType, Visibility } from '#shared/data/entities/environment.ts';
import type { DescribeServiceEnvironmentResult } from '#shared/schemas/service-environment.ts';

export type { EnvironmentType, Visibility };

export const PROMOTE_STATUSES = ['IN_SYNC', 'OUT_OF_SYNC', 'UNKNOWN'] as const;
export type PromoteStatus = (typeof PROMOTE_STATUSES)[number];

/** Clients send `dev`, `Prod`…; the stored and returned form is upper-case. */
export function normalizeEnumValue(raw: string): string {
  return raw.trim().toUpperCase();
}

/**
 * Why a public key is refused, or undefined when it is a usable PEM public key (or certificate).
 * Private keys are refused outright: `createPublicKey` would happily derive a public key from one, and we
 * must never store a secret that the describe call then hands back.
 */
export function publicKeyProblem(pem: string): string | undefined {
  const text = pem.trim();
  if (!/^-----BEGIN [A-Z0-9 ]+-----/.test(text)) return 'is not a PEM-encoded public key';
  if (/PRIVATE KEY/.test(text)) return 'is a private key; send only the public part';
  try {
    createPublicKey({ key: text, format: 'pem' });
    return undefined;
  } catch {
    return 'is not a valid PEM public key';
  }
}

/**
 * True when making `sourceId` the promotion source of `environmentId` closes a loop: following the
 * sources from `sourceId` reaches `environmentId`. `sources` maps every environment of the service to its
 * current source (absent or '' when none).
 */
export function createsPromotionCycle(
  sources: ReadonlyMap<string, string | undefined>,
  environmentId: string,
  sourceId: string,
): boolean {
  const seen = new Set<string>();
  for (let at: string | undefined = sourceId; at; at = sources.get(at)) {
    if (at === environmentId) return true;
    // A loop already in the data (should not exist) must not hang the request.
    if (seen.has(at)) return false;
    seen.add(at);
  }
  return false;
}

/**
 * Promotion (copying released plan versions from the source environment) and the version sets it compares
 * arrive with a later issue. Until then nothing can be compared, so the honest answer for every
 * environment is UNKNOWN rather than a claimed IN_SYNC.
 */
export function promoteStatusOf(_env: { sourceEnvironmentId: string }): PromoteStatus {
  return 'UNKNOWN';
}

/** DescribeServiceEnvironment: the environment as stored, with the caller's role. */
export function environmentView(env: EnvironmentItem, roleType: string): z.input<typeof DescribeServiceEnvironmentResult> {
  return {
    id: env.environmentId,
    serviceId: env.serviceId,
    name: env.name,
    key: env.key,
    description: env.description,
    type: env.type,
    visibility: env.visibility,
    deploymentConfigId: env.deploymentConfigId,
    sourceEnvironmentId: env.sourceEnvironmentId,
    serviceAuthPublicKey: env.serviceAuthPublicKey,
    autoApproveSubscription: env.autoApproveSubscription,
    roleType,
    // No SaaS portal exists for any environment yet.
    saasPortalStatus: '',
    saasPortalUrl: '',
  };
}
