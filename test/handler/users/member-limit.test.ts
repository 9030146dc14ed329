/**
 * An org at scale: DescribeUsersByOrg has no paging in the contract, so it must answer every member, past
 * DynamoDB's 1 MB query pages; ORG_MEMBER_LIMIT bounds that answer, and InviteUser enforces it (409), also
 * when invitations race for the last seat.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { operation as describeUsersByOrg } from '#functions/users/describe-users-by-org.ts';
import { operation as inviteUser } from '#functions/users/invite-user.ts';
import { operation as revokeUserRole } from '#functions/users/revoke-user-role.ts';
import { db, tableName } from '#shared/data/client.ts';
import { keys } from '#shared/data/keys.ts';
import { TABLE } from '#shared/data/table.ts';
import { commit, MAX_TRANSACTION_ITEMS } from '#shared/data/store.ts';
import { getOrg, memberCounter, ORG_MEMBER_LIMIT } from '#shared/data/entities/org.ts';
import { emailGuard, newUserItem, type UserItem } from '#shared/data/entities/user.ts';
import { hashPassword } from '#shared/auth/password.ts';
import { newId, ID_PREFIX } from '#shared/domain/ids.ts';
import { invoke } from '../../support/invoke.ts';
import { testSession, type TestSession } from '../../support/session.ts';
import { contractProblems } from '../../support/contract.ts';
import { uniqueEmail } from '../../support/identity-flow.ts';

let root: TestSession;
let seeded: UserItem[] = [];

/** Members as InviteUser and a later UpdateUser leave them: a real scrypt hash, a full name and an address. */
async function seedMembers(orgId: string, count: number): Promise<UserItem[]> {
  const passwordHash = await hashPassword('password-123');
  const users = Array.from({ length: count }, (_, i) =>
    newUserItem({
      userId: newId(ID_PREFIX.user),
      orgId,
      email: uniqueEmail(`member${i}`),
      name: `Member ${String(i).padStart(4, '0')} of a rather large provider organisation`,
      role: 'reader',
      status: 'ACTIVE',
      passwordHash,
      address: { addressLine1: `${i} Long Industrial Estate Road`, addressLine2: 'Building C, Floor 4', city: 'San Francisco', country: 'US', state: 'CA', zip: '94123' },
      invitedBy: root.userId,
    }),
  );
  // Each user takes two items (user + email guard) and the org counter one: as many users per transaction as fit.
  const perCommit = Math.floor((MAX_TRANSACTION_ITEMS - 1) / 2);
  for (let i = 0; i < users.length; i += perCommit) {
    const batch = users.slice(i, i + perCommit);
    await commit({ puts: batch.map((item) => ({ item })), guardsAdd: batch.map(emailGuard), counters: [memberCounter(orgId, batch.length)] });
  }
  return users;
}

beforeAll(async () => {
  root = await testSession('root', 'Large Org');
  // One seat left.
  seeded = await seedMembers(root.orgId, ORG_MEMBER_LIMIT - 2);
}, 120_000);

describe('DescribeUsersByOrg', () => {
  it('answers every member of an org whose users span more than one DynamoDB page', async () => {
    const range = keys.usersOfOrg(root.orgId);
    const firstPage = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
        ExpressionAttributeNames: { '#pk': TABLE.partitionKey, '#sk': TABLE.sortKey },
        ExpressionAttributeValues: { ':pk': range.partition, ':prefix': range.prefix },
      }),
    );
    // The users are more than one 1 MB page: a single Query would cut the list.
    expect(firstPage.LastEvaluatedKey).toBeDefined();
    expect(firstPage.Items!.length).toBeLessThan(ORG_MEMBER_LIMIT - 1);

    const res = await invoke(describeUsersByOrg, { token: root.token });
    expect(res.status).toBe(200);
    expect(contractProblems('DescribeUsersByOrg', 200, res.json)).toEqual([]);
    const ids = res.json.orgUsers.map((u: { userId: string }) => u.userId);
    expect(ids).toHaveLength(ORG_MEMBER_LIMIT - 1);
    expect(new Set(ids)).toEqual(new Set([root.userId, ...seeded.map((u) => u.userId)]));
    // In the order they joined; the answer stays far below Lambda's 6 MB response limit.
    expect(ids[0]).toBe(root.userId);
    expect(Buffer.byteLength(res.body)).toBeLessThan(1024 * 1024);
  });
});

describe('users-api#InviteUser', () => {
  it(`admits members up to ${ORG_MEMBER_LIMIT}, one winner when two race for the last seat, then answers 409`, async () => {
    const race = await Promise.all([
      invoke(inviteUser, { token: root.token, body: { email: uniqueEmail('last'), roleType: 'reader' } }),
      invoke(inviteUser, { token: root.token, body: { email: uniqueEmail('last'), roleType: 'reader' } }),
    ]);
    expect(race.map((r) => r.status).sort()).toEqual([200, 409]);
    const full = race.find((r) => r.status === 409)!;
    expect(full.json).toMatchObject({ name: 'invalid_state', message: expect.stringContaining(`limit of ${ORG_MEMBER_LIMIT} members`) });
    expect((await getOrg(root.orgId))!.memberCount).toBe(ORG_MEMBER_LIMIT);

    const again = await invoke(inviteUser, { token: root.token, body: { email: uniqueEmail('over'), roleType: 'reader' } });
    expect(again.status).toBe(409);
    expect((await invoke(describeUsersByOrg, { token: root.token })).json.orgUsers).toHaveLength(ORG_MEMBER_LIMIT);

    // A revoked member frees a seat.
    const leaving = seeded[0];
    expect((await invoke(revokeUserRole, { token: root.token, body: { email: leaving.email, roleType: 'reader' } })).status).toBe(200);
    expect((await getOrg(root.orgId))!.memberCount).toBe(ORG_MEMBER_LIMIT - 1);
    expect((await invoke(inviteUser, { token: root.token, body: { email: uniqueEmail('seat'), roleType: 'reader' } })).status).toBe(200);
  });
});
