/** The cloud mail transport: Amazon SES (v2 API), loaded only when MAIL_TRANSPORT=ses. */
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { config } from '#shared/config.ts';
import type { MailMessage } from '#shared/mail/port.ts';

let client: SESv2Client | undefined;

export async function sendWithSes(message: MailMessage): Promise<void> {
  client ??= new SESv2Client({ region: config.region });
  await client.send(
    new SendEmailCommand({
      FromEmailAddress: config.mailFrom,
      Destination: { ToAddresses: [message.to] },
      Content: {
        Simple: {
          Subject: { Data: message.subject, Charset: 'UTF-8' },
          Body: {
            Text: { Data: message.text, Charset: 'UTF-8' },
            ...(message.html !== undefined ? { Html: { Data: message.html, Charset: 'UTF-8' } } : {}),
          },
        },
      },
    }),
  );
}
