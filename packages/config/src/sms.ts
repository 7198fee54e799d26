import { type Kind, ok, problem } from './kind.ts';

/** OPENAMI_SMS: the SMS provider residents' messages go through, with its account and template. */
export type SmsSettings =
  | {
      readonly provider: 'aliyun';
      readonly accessKeyId: string;
      readonly accessKeySecret: string;
      readonly signName: string;
      readonly templateCode: string;
    }
  | {
      readonly provider: 'tencent';
      readonly secretId: string;
      readonly secretKey: string;
      readonly sdkAppId: string;
      readonly signName: string;
      readonly templateId: string;
    };

const shape =
  'must be aliyun:AccessKeyId:AccessKeySecret:SignName:TemplateCode or tencent:SecretId:SecretKey:SdkAppId:SignName:TemplateId';

export const sms: Kind<SmsSettings> = {
  type: '`aliyun:…` or `tencent:…`, fields separated by `:`',
  parse: (raw) => {
    const parts = raw.split(':');
    if (parts.some((part) => part === '')) return problem(shape);
    const [provider, first = '', second = '', third = '', fourth = '', fifth = ''] = parts;
    if (provider === 'aliyun' && parts.length === 5)
      return ok({
        provider,
        accessKeyId: first,
        accessKeySecret: second,
        signName: third,
        templateCode: fourth,
      });
    if (provider === 'tencent' && parts.length === 6)
      return ok({
        provider,
        secretId: first,
        secretKey: second,
        sdkAppId: third,
        signName: fourth,
        templateId: fifth,
      });
    return problem(shape);
  },
};
