import { type Kind, ok, problem } from './kind.ts';

/** OPENAMI_SMTP: the mail server staff alarm e-mail goes through. */
export interface SmtpSettings {
  /** `smtp://[user:password@]host[:port]` (STARTTLS) or `smtps://…` (TLS from the start). */
  readonly url: string;
  /** The sender, `OpenAMI <alarms@example.com>` or a bare address. */
  readonly from: string;
  /**
   * Refuse to send in clear when the server does not offer STARTTLS: OPENAMI_SMTP_REQUIRE_STARTTLS (true
   * by default), or `&starttls=required` in the URL.
   */
  readonly requireTls: boolean;
}

const shape = 'must be smtp://[user:password@]host[:port]?from=<address> (or smtps://)';

export const smtp: Kind<SmtpSettings> = {
  type: '`smtp://` or `smtps://` URL with `?from=`',
  parse: (raw) => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return problem(shape);
    }
    const from = url.searchParams.get('from') ?? '';
    const starttls = url.searchParams.get('starttls');
    if ((url.protocol !== 'smtp:' && url.protocol !== 'smtps:') || url.hostname === '') return problem(shape);
    if (!/^[^@\s<>]+@[^@\s<>]+$|<[^@\s<>]+@[^@\s<>]+>$/.test(from))
      return problem('from=<address> is required, e.g. ?from=alarms@example.com');
    if (starttls !== null && starttls !== 'required') return problem('starttls may only be `required`');
    // The query only carries our options; the mail client gets the bare server address.
    url.search = '';
    return ok({ url: url.toString(), from, requireTls: starttls === 'required' });
  },
};
