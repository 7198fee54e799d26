// The API's log: Fastify's pino, one JSON line per event, every line of a request carrying its id (`reqId`),
// and nothing in it that would let a reader sign in or learn who a resident is. Secrets and personal data
// are taken out by key (authorization, cookies, passwords, tokens, one-time codes, phone and ID numbers)
// wherever they sit in what is logged, and by shape in any text (a URL's query, an error's message).

import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyServerOptions } from 'fastify';

/** The header a request's id comes in (from a proxy) and goes back out in. */
export const requestIdHeader = 'x-request-id';

/** A request id we accept from outside: short, and nothing a log reader could mistake or be fooled by. */
const safeRequestId = /^[A-Za-z0-9._:-]{1,64}$/;

/** The request's id: the caller's `X-Request-Id` when it is a short safe token, else a new one. */
export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers[requestIdHeader];
  return typeof given === 'string' && safeRequestId.test(given) ? given : randomUUID();
}

const redacted = '[redacted]';

/** Keys whose value is never logged, compared without case, `-` or `_`. */
const secretKeys = new Set([
  'authorization',
  'proxyauthorization',
  'cookie',
  'setcookie',
  'xcsrftoken',
  'csrftoken',
  'password',
  'newpassword',
  'currentpassword',
  'oldpassword',
  'passwordhash',
  'secret',
  'token',
  'accesstoken',
  'refreshtoken',
  'sessiontoken',
  'bearer',
  'totp',
  'totpcode',
  'otp',
  'onetimecode',
  'phone',
  'phones',
  'mobile',
  'idnumber',
  'nationalid',
  'esamkey',
  'meterpassword',
]);

const keyName = (key: string) => key.toLowerCase().replace(/[-_]/g, '');

/** Mainland mobile numbers, alone or after +86. */
const phonePattern = /(?<![\d])(?:\+?86[- ]?)?1[3-9]\d{9}(?![\d])/g;
/** Resident identity card numbers (GB 11643): 17 digits and a check digit or X. */
const idNumberPattern = /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g;
/** Secrets in a query string or a header quoted in a message. */
const queryPattern = /([?&](?:password|token|code|totp|phone|idNumber|id_number)=)[^&#\s]*/gi;
const bearerPattern = /(Bearer\s+)[A-Za-z0-9._~+/=-]+/g;

/** A text with phone numbers, ID numbers, bearer tokens and secret query values taken out. */
export function scrubText(text: string): string {
  return text
    .replace(bearerPattern, `$1${redacted}`)
    .replace(queryPattern, `$1${redacted}`)
    .replace(idNumberPattern, '[id-number]')
    .replace(phonePattern, '[phone]');
}

/** A copy of `value` fit for the log: secret keys redacted, texts scrubbed, at any depth. */
export function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, depth + 1));
  if (value instanceof Error) return scrubError(value);
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const name = keyName(key);
    // A resident's one-time code (`code` in the sign-in body) is digits; an error's `code` is not.
    const oneTimeCode = name === 'code' && typeof item === 'string' && /^\d{4,8}$/.test(item);
    copy[key] = secretKeys.has(name) || oneTimeCode ? redacted : scrubValue(item, depth + 1);
  }
  return copy;
}

/**
 * An error as a log line holds it: its kind, message and stack scrubbed, and its own fields (a database
 * error's `detail` names the values of a violated key) scrubbed alike.
 */
export function scrubError(error: Error): Record<string, unknown> & { type: string; message: string } {
  const fields: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(error)) fields[key] = item;
  const scrubbed = scrubValue(fields) as Record<string, unknown>;
  const cause = (error as { cause?: unknown }).cause;
  return {
    ...scrubbed,
    type: error.name,
    message: scrubText(error.message),
    ...(error.stack === undefined ? {} : { stack: scrubText(error.stack) }),
    ...(cause === undefined ? {} : { cause: scrubValue(cause, 1) }),
  };
}

/**
 * The options of the API's logger at `level`, written to `stream` (standard output unless given): every
 * object logged is scrubbed, and so is every message.
 */
export function loggerOptions(
  level: string,
  stream?: { write(line: string): void },
): Exclude<FastifyServerOptions['logger'], boolean | undefined> {
  return {
    level,
    ...(stream === undefined ? {} : { stream }),
    serializers: {
      req: (request) => ({
        method: request.method,
        url: scrubText(request.url),
        remoteAddress: request.ip,
      }),
      res: (reply) => ({ statusCode: reply.statusCode }),
      err: (error) => ({ ...scrubError(error), type: error.name, stack: scrubText(error.stack ?? '') }),
    },
    formatters: {
      log: (object: Record<string, unknown>) => {
        const scrubbed: Record<string, unknown> = {};
        for (const [key, item] of Object.entries(object)) {
          // Serializers see these next: the request and reply objects and errors stay as they are.
          scrubbed[key] =
            key === 'req' || key === 'res' || key === 'err' || item instanceof Error
              ? item
              : secretKeys.has(keyName(key))
                ? redacted
                : scrubValue(item);
        }
        return scrubbed;
      },
    },
    hooks: {
      logMethod(args, method) {
        const scrubbed = args.map((arg) => (typeof arg === 'string' ? scrubText(arg) : arg));
        method.apply(this, scrubbed as Parameters<typeof method>);
      },
    },
  };
}
