// SMS to residents through the two providers Chinese utilities use, by their documented HTTP APIs and
// request signing: Alibaba Cloud SMS (RPC style, `SendSms` 2017-05-25, HMAC-SHA1 signature 1.0) and Tencent
// Cloud SMS (`SendSms` 2021-01-11, TC3-HMAC-SHA256). The message's id goes with it (Alibaba `OutId`,
// Tencent `SessionContext`), so a message sent again after a restart can be recognised.
import { createHash, createHmac, randomUUID } from 'node:crypto';
import type { Channel, OutgoingMessage, SendResult } from './notifier.ts';

export interface SmsTemplate {
  readonly signName: string;
  readonly templateCode: string;
}

/** RFC 3986 percent-encoding as Alibaba Cloud's signature requires: only A-Z a-z 0-9 - _ . ~ stay as they are. */
export function aliyunPercentEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** The signature of an Alibaba Cloud RPC request: base64 HMAC-SHA1 of "GET&%2F&<canonical query>" under "<secret>&". */
export function aliyunSignature(
  method: string,
  params: Readonly<Record<string, string>>,
  secret: string,
): string {
  const canonical = Object.keys(params)
    .sort()
    .map((key) => `${aliyunPercentEncode(key)}=${aliyunPercentEncode(params[key] as string)}`)
    .join('&');
  const stringToSign = `${method}&${aliyunPercentEncode('/')}&${aliyunPercentEncode(canonical)}`;
  return createHmac('sha1', `${secret}&`).update(stringToSign).digest('base64');
}

export class AliyunSmsChannel implements Channel {
  private readonly options: {
    readonly accessKeyId: string;
    readonly accessKeySecret: string;
    readonly template: SmsTemplate;
    readonly endpoint?: string;
    readonly now?: () => number;
  };

  constructor(options: AliyunSmsChannel['options']) {
    this.options = options;
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    const params: Record<string, string> = {
      AccessKeyId: this.options.accessKeyId,
      Action: 'SendSms',
      Format: 'JSON',
      OutId: String(message.id),
      PhoneNumbers: message.recipient,
      RegionId: 'cn-hangzhou',
      SignName: this.options.template.signName,
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: randomUUID(),
      SignatureVersion: '1.0',
      TemplateCode: this.options.template.templateCode,
      TemplateParam: JSON.stringify({ content: message.text['zh-CN'] }),
      Timestamp: new Date((this.options.now ?? Date.now)()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      Version: '2017-05-25',
    };
    const signature = aliyunSignature('GET', params, this.options.accessKeySecret);
    const query = Object.entries({ Signature: signature, ...params })
      .map(([k, v]) => `${aliyunPercentEncode(k)}=${aliyunPercentEncode(v)}`)
      .join('&');
    try {
      const response = await fetch(`${this.options.endpoint ?? 'https://dysmsapi.aliyuncs.com'}/?${query}`, {
        signal: AbortSignal.timeout(10_000),
      });
      const text = await response.text();
      const code = (safeJson(text) as { Code?: string }).Code;
      return {
        ok: response.ok && code === 'OK',
        answer: `${response.status} ${text.slice(0, 500)}`,
        // Throttling and server errors pass; a refused template or number does not.
        retryable: response.status >= 500 || code === 'isv.BUSINESS_LIMIT_CONTROL' || code === 'Throttling',
      };
    } catch (error) {
      return { ok: false, answer: error instanceof Error ? error.message : String(error), retryable: true };
    }
  }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const hmac = (key: string | Buffer, text: string) => createHmac('sha256', key).update(text).digest();

/**
 * The TC3-HMAC-SHA256 authorization of a Tencent Cloud API request: a canonical request of method, path,
 * query, the signed headers (content-type and host) and the payload's SHA-256; the string to sign with the
 * request time and credential scope; a signing key derived from the secret by date, service and
 * "tc3_request".
 */
export function tc3Authorization(options: {
  secretId: string;
  secretKey: string;
  service: string;
  host: string;
  contentType: string;
  payload: string;
  timestamp: number;
}): string {
  const date = new Date(options.timestamp * 1000).toISOString().slice(0, 10);
  const canonicalRequest = [
    'POST',
    '/',
    '',
    `content-type:${options.contentType}\nhost:${options.host}\n`,
    'content-type;host',
    sha256(options.payload),
  ].join('\n');
  const scope = `${date}/${options.service}/tc3_request`;
  const stringToSign = ['TC3-HMAC-SHA256', String(options.timestamp), scope, sha256(canonicalRequest)].join(
    '\n',
  );
  const secretDate = hmac(`TC3${options.secretKey}`, date);
  const secretService = hmac(secretDate, options.service);
  const secretSigning = hmac(secretService, 'tc3_request');
  const signature = createHmac('sha256', secretSigning).update(stringToSign).digest('hex');
  return `TC3-HMAC-SHA256 Credential=${options.secretId}/${scope}, SignedHeaders=content-type;host, Signature=${signature}`;
}

export class TencentSmsChannel implements Channel {
  private readonly options: {
    readonly secretId: string;
    readonly secretKey: string;
    readonly sdkAppId: string;
    readonly template: SmsTemplate;
    readonly region?: string;
    /** `https://sms.tencentcloudapi.com` unless told otherwise; the Host header follows it. */
    readonly endpoint?: string;
    readonly now?: () => number;
  };

  constructor(options: TencentSmsChannel['options']) {
    this.options = options;
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    const endpoint = this.options.endpoint ?? 'https://sms.tencentcloudapi.com';
    const host = new URL(endpoint).host;
    const payload = JSON.stringify({
      PhoneNumberSet: [message.recipient.startsWith('+') ? message.recipient : `+86${message.recipient}`],
      SmsSdkAppId: this.options.sdkAppId,
      SignName: this.options.template.signName,
      TemplateId: this.options.template.templateCode,
      TemplateParamSet: [message.text['zh-CN']],
      SessionContext: String(message.id),
    });
    const timestamp = Math.floor((this.options.now ?? Date.now)() / 1000);
    const contentType = 'application/json; charset=utf-8';
    const authorization = tc3Authorization({
      secretId: this.options.secretId,
      secretKey: this.options.secretKey,
      service: 'sms',
      host,
      contentType,
      payload,
      timestamp,
    });
    try {
      const response = await fetch(`${endpoint}/`, {
        method: 'POST',
        headers: {
          authorization,
          'content-type': contentType,
          host,
          'x-tc-action': 'SendSms',
          'x-tc-version': '2021-01-11',
          'x-tc-timestamp': String(timestamp),
          'x-tc-region': this.options.region ?? 'ap-guangzhou',
        },
        body: payload,
        signal: AbortSignal.timeout(10_000),
      });
      const text = await response.text();
      const body = safeJson(text) as {
        Response?: { Error?: { Code?: string }; SendStatusSet?: { Code?: string }[] };
      };
      const error = body.Response?.Error?.Code;
      const status = body.Response?.SendStatusSet?.[0]?.Code;
      return {
        ok: response.ok && error === undefined && status === 'Ok',
        answer: `${response.status} ${text.slice(0, 500)}`,
        retryable: response.status >= 500 || error === 'RequestLimitExceeded' || error === 'InternalError',
      };
    } catch (error) {
      return { ok: false, answer: error instanceof Error ? error.message : String(error), retryable: true };
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}
