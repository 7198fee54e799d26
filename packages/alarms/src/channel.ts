// The channels notifications go out by, behind one interface, and the two that need no provider: a log, and
// a signed webhook for staff systems.
import { createHmac } from 'node:crypto';

export interface OutgoingMessage {
  readonly id: number;
  readonly recipient: string;
  readonly text: { readonly 'zh-CN': string; readonly en: string };
  /** A short title where the channel has one (e-mail); otherwise the text's first line serves. */
  readonly subject?: { readonly 'zh-CN': string; readonly en: string };
  /** The alarm it is about; summaries and digests are about several. */
  readonly alarm?: {
    readonly id: number | null;
    readonly kind: string;
    readonly severity: string;
    readonly objectType: string;
    readonly objectId: string;
  };
}

export interface SendResult {
  readonly ok: boolean;
  /** What the provider said, kept with the attempt. */
  readonly answer: string;
  /** Whether trying again later can help (a timeout, a 5xx), as opposed to a refusal. */
  readonly retryable: boolean;
}

export interface Channel {
  send(message: OutgoingMessage): Promise<SendResult>;
}

/** Writes each message to a log: the demo's channel, and a record where no provider is configured. */
export class LogChannel implements Channel {
  private readonly log: (line: string) => void;
  constructor(log: (line: string) => void) {
    this.log = log;
  }
  async send(message: OutgoingMessage): Promise<SendResult> {
    this.log(`notify ${message.recipient}: ${message.text['zh-CN']}`);
    return { ok: true, answer: 'logged', retryable: false };
  }
}

/**
 * POSTs the message as JSON to a URL, signed: `X-OpenAMI-Signature: t=<unix s>,v1=<hex HMAC-SHA256 of
 * "<t>.<body>" under the shared secret>`; `X-OpenAMI-Delivery` is the message id, the same on every retry.
 */
export class WebhookChannel implements Channel {
  private readonly url: string;
  private readonly secret: string;
  private readonly timeoutMs: number;
  constructor(options: { url: string; secret: string; timeoutMs?: number }) {
    this.url = options.url;
    this.secret = options.secret;
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    const body = JSON.stringify(message);
    const t = Math.floor(Date.now() / 1000);
    const signature = webhookSignature(this.secret, t, body);
    try {
      const response = await fetch(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-openami-delivery': String(message.id),
          'x-openami-signature': `t=${t},v1=${signature}`,
        },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const answer = `${response.status} ${(await response.text()).slice(0, 500)}`;
      return { ok: response.ok, answer, retryable: response.status >= 500 || response.status === 429 };
    } catch (error) {
      return { ok: false, answer: error instanceof Error ? error.message : String(error), retryable: true };
    }
  }
}

export function webhookSignature(secret: string, t: number, body: string): string {
  return createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
}
