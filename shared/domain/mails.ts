/**
 * The identity mails, pure: links point at the public web pages under `site` (the deployment's public URL,
 * which the use case passes in) with the email and the token as query parameters; the page (or a client)
 * posts them back to ValidateToken / ChangePassword.
 */
import type { MailMessage } from '#shared/mail/port.ts';
import { TOKEN_TTL_SECONDS } from '#shared/domain/one-time-token.ts';

export function tokenLink(site: string, page: string, email: string, token: string): string {
  const url = new URL(page, site.endsWith('/') ? site : `${site}/`);
  url.searchParams.set('email', email);
  url.searchParams.set('token', token);
  return url.toString();
}

function hours(seconds: number): string {
  const h = Math.round(seconds / 3600);
  return h === 1 ? '1 hour' : `${h} hours`;
}

function html(paragraphs: string[], link: string, action: string): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return `<p>${paragraphs.map(esc).join('</p><p>')}</p><p><a href="${esc(link)}">${esc(action)}</a></p>`;
}

export function verificationMail(site: string, to: { email: string; name: string }, token: string): MailMessage {
  const link = tokenLink(site, 'verify-email', to.email, token);
  const lines = [
    `Hello ${to.name},`,
    `Confirm your email address to activate your account. The link is valid for ${hours(TOKEN_TTL_SECONDS.verify)}.`,
  ];
  return {
    to: to.email,
    subject: 'Verify your email address',
    text: `${lines.join('\n\n')}\n\n${link}\n`,
    html: html(lines, link, 'Verify my email'),
  };
}

export function passwordResetMail(site: string, to: { email: string; name: string }, token: string): MailMessage {
  const link = tokenLink(site, 'reset-password', to.email, token);
  const lines = [
    `Hello ${to.name},`,
    `Someone asked to reset the password of this account. Follow the link within ${hours(TOKEN_TTL_SECONDS.reset)} to choose a new one; if it was not you, ignore this mail.`,
  ];
  return {
    to: to.email,
    subject: 'Reset your password',
    text: `${lines.join('\n\n')}\n\n${link}\n`,
    html: html(lines, link, 'Choose a new password'),
  };
}

export function invitationMail(site: string, to: { email: string }, org: { name: string }, role: string, token: string): MailMessage {
  // The invitee has no password yet: ChangePassword with this token sets one and activates the account.
  const link = tokenLink(site, 'reset-password', to.email, token);
  const lines = [
    `You have been invited to join ${org.name} as ${role}.`,
    `Follow the link within ${hours(TOKEN_TTL_SECONDS.invite)} to choose your password and activate your account.`,
  ];
  return {
    to: to.email,
    subject: `You are invited to ${org.name}`,
    text: `${lines.join('\n\n')}\n\n${link}\n`,
    html: html(lines, link, 'Accept the invitation'),
  };
}

/** A provider invites a customer: the invitee chooses a password (ChangePassword) and signs in to its portal. */
export function customerInvitationMail(site: string, to: { email: string }, provider: { name: string }, token: string): MailMessage {
  const link = tokenLink(site, 'reset-password', to.email, token);
  const lines = [
    `${provider.name || 'A service provider'} has invited you to use its services.`,
    `Follow the link within ${hours(TOKEN_TTL_SECONDS.invite)} to choose your password and activate your account.`,
  ];
  return {
    to: to.email,
    subject: `You are invited by ${provider.name || 'a service provider'}`,
    text: `${lines.join('\n\n')}\n\n${link}\n`,
    html: html(lines, link, 'Accept the invitation'),
  };
}
