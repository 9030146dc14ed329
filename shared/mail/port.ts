/**
 * The mail port's message: what every transport (outbox, SES) sends. Kept apart from `mail.ts`, which picks a
 * transport, so that the transports depend on the message type and not on the module that loads them.
 */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}
