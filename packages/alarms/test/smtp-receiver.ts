// A local SMTP server for the e-mail channel's tests (smtp-server, with its own self-signed certificate for
// STARTTLS): it takes mail for one user and password, and keeps each message as it arrived, headers decoded.
import type { AddressInfo } from 'node:net';
import smtp from 'smtp-server';

export interface ReceivedMail {
  readonly secure: boolean;
  readonly user: string | undefined;
  readonly mailFrom: string;
  readonly rcptTo: readonly string[];
  /** Header names in lower case, values unfolded and RFC 2047 words decoded. */
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
}

export interface SmtpReceiver {
  readonly port: number;
  readonly mail: ReceivedMail[];
  close(): Promise<void>;
}

/**
 * Answers 550 to recipients at `refused.example` and 451 to those at `busy.example`. `starttls: false`: a
 * server that offers no STARTTLS (and takes mail without a password).
 */
export async function startSmtpReceiver(
  login: { user: string; password: string },
  { starttls = true }: { readonly starttls?: boolean } = {},
): Promise<SmtpReceiver> {
  const mail: ReceivedMail[] = [];
  const server = new smtp.SMTPServer({
    ...(starttls ? {} : { disabledCommands: ['STARTTLS'], authOptional: true }),
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === login.user && auth.password === login.password)
        callback(null, { user: auth.username });
      else callback(new Error('535 bad credentials'));
    },
    onRcptTo(address, _session, callback) {
      const refusal = address.address.endsWith('@refused.example')
        ? Object.assign(new Error('no such mailbox'), { responseCode: 550 })
        : address.address.endsWith('@busy.example')
          ? Object.assign(new Error('try again later'), { responseCode: 451 })
          : null;
      callback(refusal ?? undefined);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        mail.push({
          secure: session.secure,
          user: session.user as string | undefined,
          mailFrom: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          ...parseMessage(raw),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return { port, mail, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

function parseMessage(raw: string): { headers: Record<string, string>; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = decodeWords(line.slice(colon + 1).trim());
  }
  const body = raw.slice(split + 4);
  const encoding = (headers['content-transfer-encoding'] ?? '').toLowerCase();
  const text =
    encoding === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') : body;
  return { headers, text };
}

/** RFC 2047 encoded words (`=?UTF-8?B?…?=`, `=?UTF-8?Q?…?=`); the space between two of them goes. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, mode: string, word: string) =>
      mode.toLowerCase() === 'b'
        ? Buffer.from(word, 'base64').toString('utf8')
        : Buffer.from(
            word
              .replace(/_/g, ' ')
              .replace(/=([0-9a-f]{2})/gi, (_m, hex: string) =>
                String.fromCharCode(Number.parseInt(hex, 16)),
              ),
            'latin1',
          ).toString('utf8'),
    );
}
