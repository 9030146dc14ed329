/**
 * A step several identity use cases share (not an operation): issue a one-time token and mail its link.
 * Signup, RegenerateToken and ResetPassword (signup.ts) and InviteUser (users.ts) end with it.
 */
import { config } from '#shared/config.ts';
import type { OrgItem } from '#shared/data/entities/org.ts';
import type { UserItem } from '#shared/data/entities/user.ts';
import { newOneTimeTokenItem, type TokenPurpose } from '#shared/data/entities/one-time-token.ts';
import { commit, withRetry } from '#shared/data/store.ts';
import { hashToken, newTokenValue, tokenExpiry } from '#shared/domain/one-time-token.ts';
import { customerInvitationMail, invitationMail, passwordResetMail, verificationMail } from '#shared/domain/mails.ts';
import type { AuditFacts } from '#shared/data/entities/audit-event.ts';
import { sendMail } from '#shared/mail/mail.ts';

type Recipient = Pick<UserItem, 'userId' | 'orgId' | 'email' | 'name' | 'role'>;

/**
 * What the mail is for; an invitation names the org it invites into (for a customer user, `asCustomer`: the
 * provider whose customer it becomes).
 */
export type TokenMail = { purpose: Exclude<TokenPurpose, 'invite'> } | { purpose: 'invite'; org: Pick<OrgItem, 'name'>; asCustomer?: boolean };

/**
 * Stores a fresh token for the user (only its hash) and mails the link. `facts` (the audit facts of what the
 * mail is for, `auditFacts`) ride on the token item.
 */
export async function mailToken(mail: TokenMail, user: Recipient, facts: { lastEvent?: AuditFacts } = {}): Promise<void> {
  const { purpose } = mail;
  const token = newTokenValue();
  const item = newOneTimeTokenItem(hashToken(token), {
    purpose,
    userId: user.userId,
    orgId: user.orgId,
    email: user.email,
    expiresAt: tokenExpiry(purpose),
  });
  await withRetry(() => commit({ puts: [{ item: { ...item, ...facts } }] }));
  if (mail.purpose === 'invite' && mail.asCustomer) await sendMail(customerInvitationMail(config.publicUrl, user, mail.org, token));
  else if (mail.purpose === 'invite') await sendMail(invitationMail(config.publicUrl, user, mail.org, user.role, token));
  else if (mail.purpose === 'reset') await sendMail(passwordResetMail(config.publicUrl, user, token));
  else await sendMail(verificationMail(config.publicUrl, user, token));
}
