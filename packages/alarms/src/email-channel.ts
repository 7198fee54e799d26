// Alarm e-mail over SMTP (RFC 5321) through nodemailer: STARTTLS required unless turned off (then used
// whenever the server offers it), the text in Chinese and English in one UTF-8 message. Every message carries its delivery id
// twice, as `X-OpenAMI-Delivery` and in a Message-ID built from it, so a message sent again after a restart
// is the same message to the receiving system and recognisable to the reader.
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import type { Channel, OutgoingMessage, SendResult } from './notifier.ts';

export interface SmtpSettings {
  /** `smtp://[user:password@]host[:port]` (STARTTLS) or `smtps://…` (TLS from the start). */
  readonly url: string;
  /** The sender, `OpenAMI <alarms@example.com>` or a bare address. */
  readonly from: string;
  /**
   * Refuse to send in clear when the server does not offer STARTTLS: unless false, a mail (and the password)
   * never leaves in clear. False: STARTTLS where offered, clear text elsewhere.
   */
  readonly requireTls?: boolean;
  /** Tests only: accept a self-signed certificate. */
  readonly acceptAnyCertificate?: boolean;
  readonly timeoutMs?: number;
}

export class EmailChannel implements Channel {
  private readonly settings: SmtpSettings;
  private readonly transport: Transporter;
  private readonly domain: string;

  constructor(settings: SmtpSettings) {
    this.settings = settings;
    const url = new URL(settings.url);
    const timeoutMs = settings.timeoutMs ?? 15_000;
    this.transport = nodemailer.createTransport({
      host: url.hostname,
      port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 587)),
      secure: url.protocol === 'smtps:',
      requireTLS: settings.requireTls !== false,
      ...(url.username === ''
        ? {}
        : { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }),
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
      ...(settings.acceptAnyCertificate === true ? { tls: { rejectUnauthorized: false } } : {}),
    });
    this.domain = /@([^>\s]+)>?\s*$/.exec(settings.from)?.[1] ?? url.hostname;
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    try {
      const info = await this.transport.sendMail(emailOf(message, this.settings.from, this.domain));
      return { ok: true, answer: String(info.response).slice(0, 500), retryable: false };
    } catch (error) {
      const code = (error as { responseCode?: unknown }).responseCode;
      const answer = error instanceof Error ? error.message : String(error);
      // 5xx is a refusal (no such mailbox, rejected); 4xx and a lost connection may pass.
      return { ok: false, answer, retryable: !(typeof code === 'number' && code >= 500) };
    }
  }

  close(): void {
    this.transport.close();
  }
}

/** The mail for a message: subject and body in both languages, the delivery id in two headers. */
export function emailOf(message: OutgoingMessage, from: string, domain: string): SendMailOptions {
  const firstLine = (text: string) => text.split('\n', 1)[0] ?? '';
  const subject = message.subject ?? {
    'zh-CN': firstLine(message.text['zh-CN']),
    en: firstLine(message.text.en),
  };
  return {
    from,
    to: message.recipient,
    subject: `${subject['zh-CN']} | ${subject.en}`,
    messageId: `<openami-notification-${message.id}@${domain}>`,
    headers: { 'X-OpenAMI-Delivery': String(message.id) },
    text: [
      message.text['zh-CN'],
      '',
      '—— English ——',
      '',
      message.text.en,
      '',
      `投递编号 / Delivery id: ${message.id}`,
      '',
    ].join('\n'),
    textEncoding: 'base64',
  };
}
