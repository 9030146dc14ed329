/** Pure rules of tier version sets: numbering, what the release state remembers, deprecation/promotion checks. */
import { describe, expect, it } from 'vitest';
import { baseVersionOf, checkDeprecation, checkPromotion, EMPTY_RELEASE_STATE, nextVersion, stateWithStatus } from '#shared/domain/tier-version-set.ts';

describe('tier version numbering', () => {
  it('starts at 1.0, then Major → <n+1>.0 and Incremental → <n>.<m+1>; an Incremental of an older major continues it', () => {
    expect(nextVersion(EMPTY_RELEASE_STATE, 'Incremental', undefined)).toEqual({ version: '1.0', major: 1, minor: 0 });
    const at21 = { ...EMPTY_RELEASE_STATE, major: 2, minor: 1 };
    expect(nextVersion(at21, 'Major', undefined).version).toBe('3.0');
    expect(nextVersion(at21, 'Incremental', undefined).version).toBe('2.2');
    expect(nextVersion(at21, 'Incremental', undefined, { major: 1, minorsTaken: [0, 1, 3] })).toEqual({ version: '1.4', major: 2, minor: 1 });
    expect(baseVersionOf('2.1')).toBe('2.0');
    expect(baseVersionOf('summer')).toBe('summer');
  });

  it('UserDefined takes the name, which must be given and must not look numbered', () => {
    expect(nextVersion(EMPTY_RELEASE_STATE, 'UserDefined', ' v1-beta ').version).toBe('v1-beta');
    expect(() => nextVersion(EMPTY_RELEASE_STATE, 'UserDefined', undefined)).toThrow('body.name is required');
    expect(() => nextVersion(EMPTY_RELEASE_STATE, 'UserDefined', '2.0')).toThrow('looks like a numbered version');
    expect(() => nextVersion(EMPTY_RELEASE_STATE, 'UserDefined', 'a b')).toThrow('body.name must be a version');
  });
});

describe('tier release state', () => {
  it('follows the Preferred pointer, the newest release and the newest major with its status', () => {
    let s = stateWithStatus(EMPTY_RELEASE_STATE, { version: '1.0', seq: 1 }, 'Preferred', true);
    expect(s).toMatchObject({ preferred: { seq: 1 }, latestReleased: { seq: 1 }, latestMajor: { version: '1.0', status: 'Preferred' } });
    s = stateWithStatus(s, { version: '1.1', seq: 2 }, 'Active', true);
    expect(s).toMatchObject({ preferred: { seq: 1 }, latestReleased: { seq: 2 }, latestMajor: { version: '1.0' } });
    s = stateWithStatus(s, { version: '1.0', seq: 1 }, 'Deprecated', false);
    expect(s.preferred).toBeUndefined();
    expect(s.latestMajor?.status).toBe('Deprecated');
  });

  it('refuses to deprecate the Preferred or a Pending set, and to promote a Pending or Deprecated one', () => {
    expect(() => checkDeprecation({ status: 'Preferred', tierVersion: '1.0' })).toThrow('preferred');
    expect(() => checkDeprecation({ status: 'Pending', tierVersion: '1.0' })).toThrow('not released');
    expect(() => checkDeprecation({ status: 'Active', tierVersion: '1.0' })).not.toThrow();
    expect(() => checkPromotion({ status: 'Pending', tierVersion: '1.0' })).toThrow('release it first');
    expect(() => checkPromotion({ status: 'Deprecated', tierVersion: '1.0' })).toThrow('deprecated');
  });
});
