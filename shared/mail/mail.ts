/**
 * The mail port: every message the API sends goes through `sendMail`. Locally (MAIL_TRANSPORT=outbox, the
 * default) messages are written as JSON files under `$DATA_DIR/outbox/`; in AWS they go out through SES
 * from MAIL_FROM. Functions that send mail declare the `mail:send` permission.
 */
import { config } from '#shared/config.ts';
import { writeToOutbox } from '#shared/mail/outbox.ts';
import type { MailMessage } from '#shared/mail/port.ts';

export type { MailMessage };

export async function sendMail(message: MailMessage): Promise<void> {
  if (config.mailTransport === 'ses') {
    const { sendWithSes } = await import('#shared/mail/ses.ts');
    await sendWithSes(message);
    return;
  }
  await writeToOutbox(config.dataDir, message);
}
