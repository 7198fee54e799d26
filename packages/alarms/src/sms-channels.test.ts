// The SMS channels against local servers that check each request the way the providers document it, with
// their own encoder and signer written here from the documentation's steps (not the channel's code): a
// message with a good signature is taken, and the provider's answer is recorded as the channel reports it.
import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import type { OutgoingMessage } from './notifier.ts';
import { AliyunSmsChannel, TencentSmsChannel } from './sms-channels.ts';

const message: OutgoingMessage = {
  id: 42,
  recipient: '13800000001',
  text: { 'zh-CN': '【OpenAMI】电表 7：余额不足，请及时充值 (A&B*~)', en: '[OpenAMI] meter 7: balance low' },
  alarm: { id: 7, kind: 'low-balance', severity: 'minor', objectType: 'meter', objectId: '7' },
};

/** RFC 3986 by bytes: unreserved characters as they are, every other byte as %XX (upper case). */
function rfc3986(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((byte) => {
      const c = String.fromCharCode(byte);
      return /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
}

async function listen(
  handler: (request: IncomingMessage, body: string) => { status: number; body: string },
): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    request.on('end', () => {
      const answer = handler(request, body);
      response.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('not listening');
  return { server, url: `http://127.0.0.1:${address.port}` };
}

const servers: Server[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

describe('Alibaba Cloud SMS', () => {
  it('sends a request signed as the RPC signature documentation says, and reads the answer', async () => {
    const secret = 'testsecret';
    const taken: Record<string, string>[] = [];
    const { server, url } = await listen((request) => {
      const query = new URL(request.url ?? '/', 'http://x').searchParams;
      const params = Object.fromEntries([...query].filter(([k]) => k !== 'Signature'));
      const canonical = Object.keys(params)
        .sort()
        .map((k) => `${rfc3986(k)}=${rfc3986(params[k] as string)}`)
        .join('&');
      const stringToSign = `GET&${rfc3986('/')}&${rfc3986(canonical)}`;
      const expected = createHmac('sha1', `${secret}&`).update(stringToSign).digest('base64');
      if (query.get('Signature') !== expected)
        return { status: 400, body: JSON.stringify({ Code: 'SignatureDoesNotMatch' }) };
      taken.push(params);
      return {
        status: 200,
        body: JSON.stringify({ Code: 'OK', Message: 'OK', BizId: '900619746936498440^0', RequestId: 'R' }),
      };
    });
    servers.push(server);
    const channel = new AliyunSmsChannel({
      accessKeyId: 'testid',
      accessKeySecret: secret,
      template: { signName: '和园物业', templateCode: 'SMS_71390007' },
      endpoint: url,
    });
    const result = await channel.send(message);
    expect(result).toMatchObject({ ok: true, retryable: false });
    expect(taken[0]).toMatchObject({
      Action: 'SendSms',
      PhoneNumbers: '13800000001',
      SignName: '和园物业',
      OutId: '42',
      SignatureMethod: 'HMAC-SHA1',
      Version: '2017-05-25',
    });
    expect(JSON.parse(taken[0]?.TemplateParam as string)).toEqual({ content: message.text['zh-CN'] });
    // A wrong secret is refused by the same check.
    const wrong = new AliyunSmsChannel({
      accessKeyId: 'testid',
      accessKeySecret: 'other',
      template: { signName: '和园物业', templateCode: 'SMS_71390007' },
      endpoint: url,
    });
    expect(await wrong.send(message)).toMatchObject({
      ok: false,
      retryable: false,
      answer: expect.stringContaining('SignatureDoesNotMatch'),
    });
  });
});

describe('Tencent Cloud SMS', () => {
  it('sends a request with a TC3-HMAC-SHA256 authorization built as the signature v3 documentation says', async () => {
    const secretKey = 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE';
    let payload: Record<string, unknown> = {};
    const { server, url } = await listen((request, body) => {
      const authorization = String(request.headers.authorization);
      const match =
        /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/sms\/tc3_request, SignedHeaders=content-type;host, Signature=([0-9a-f]{64})$/.exec(
          authorization,
        );
      if (match === null)
        return { status: 401, body: JSON.stringify({ Response: { Error: { Code: 'AuthFailure' } } }) };
      const [, , date, signature] = match;
      const timestamp = String(request.headers['x-tc-timestamp']);
      const hash = (t: string) => createHash('sha256').update(t).digest('hex');
      const canonical = `POST\n/\n\ncontent-type:${request.headers['content-type']}\nhost:${request.headers.host}\n\ncontent-type;host\n${hash(body)}`;
      const toSign = `TC3-HMAC-SHA256\n${timestamp}\n${date}/sms/tc3_request\n${hash(canonical)}`;
      const kDate = createHmac('sha256', `TC3${secretKey}`)
        .update(date as string)
        .digest();
      const kService = createHmac('sha256', kDate).update('sms').digest();
      const kSigning = createHmac('sha256', kService).update('tc3_request').digest();
      if (
        createHmac('sha256', kSigning).update(toSign).digest('hex') !== signature ||
        request.headers['x-tc-action'] !== 'SendSms'
      )
        return {
          status: 200,
          body: JSON.stringify({ Response: { Error: { Code: 'AuthFailure.SignatureFailure' } } }),
        };
      payload = JSON.parse(body) as Record<string, unknown>;
      return {
        status: 200,
        body: JSON.stringify({
          Response: { SendStatusSet: [{ Code: 'Ok', SerialNo: 'S' }], RequestId: 'R' },
        }),
      };
    });
    servers.push(server);
    const channel = new TencentSmsChannel({
      secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
      secretKey,
      sdkAppId: '1400006666',
      template: { signName: '和园物业', templateCode: '449739' },
      endpoint: url,
    });
    expect(await channel.send(message)).toMatchObject({ ok: true });
    expect(payload).toMatchObject({
      PhoneNumberSet: ['+8613800000001'],
      SmsSdkAppId: '1400006666',
      TemplateId: '449739',
      SessionContext: '42',
    });
    const wrong = new TencentSmsChannel({
      secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
      secretKey: 'wrong',
      sdkAppId: '1400006666',
      template: { signName: '和园物业', templateCode: '449739' },
      endpoint: url,
    });
    expect(await wrong.send(message)).toMatchObject({
      ok: false,
      answer: expect.stringContaining('SignatureFailure'),
    });
  });
});
