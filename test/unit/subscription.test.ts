/** The subscription rules, pure: the lifecycle table and request closing. */
import { describe, expect, it } from 'vitest';
import { closeRequest, isLive, nextSubscriptionStatus, SUBSCRIPTION_TRANSITIONS, type SubscriptionAction } from '#shared/domain/subscription.ts';
import { InvalidState } from '#shared/errors.ts';

const statuses = ['ACTIVE', 'SUSPENDED', 'TERMINATED'] as const;

describe('the subscription lifecycle table', () => {
  it('allows exactly ACTIVE→SUSPENDED, SUSPENDED→ACTIVE, ACTIVE|SUSPENDED→TERMINATED; every other move is 409', () => {
    const allowed: string[] = [];
    for (const from of statuses) {
      for (const action of Object.keys(SUBSCRIPTION_TRANSITIONS) as SubscriptionAction[]) {
        try {
          allowed.push(`${from} ${action} ${nextSubscriptionStatus(from, action)}`);
        } catch (e) {
          expect(e).toBeInstanceOf(InvalidState);
          expect((e as Error).message).toContain(from);
        }
      }
    }
    expect(allowed.sort()).toEqual(['ACTIVE suspend SUSPENDED', 'ACTIVE terminate TERMINATED', 'SUSPENDED resume ACTIVE', 'SUSPENDED terminate TERMINATED']);
    expect(statuses.filter(isLive)).toEqual(['ACTIVE', 'SUSPENDED']);
  });

  it('closes a request only while PENDING', () => {
    expect(closeRequest('PENDING', 'APPROVED')).toBe('APPROVED');
    for (const s of ['APPROVED', 'DENIED', 'CANCELLED'] as const) expect(() => closeRequest(s, 'CANCELLED')).toThrow(InvalidState);
  });
});
