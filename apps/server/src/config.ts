import { type Config, ConfigError, type Environment, loadConfig, type SmsSettings } from '@openami/config';
import { type CollectorOptions, SoftSecurityModule } from '@openami/headend/api';

export { ConfigError };

/**
 * What `openami serve` runs with: the configuration (`@openami/config`, where every setting is declared and
 * read), with the collector's security module made from its key.
 */
export interface ServerConfig extends Omit<Config, 'collectorOptions' | 'sms'> {
  readonly collectorOptions: Pick<
    CollectorOptions,
    'timeZone' | 'credentials' | 'dialInPort' | 'operatorCode' | 'security'
  >;
  /** OPENAMI_SMS as its fields: the provider, then its account and template. */
  readonly sms: readonly string[] | undefined;
}

/** The settings `openami serve` reads; a `ConfigError` lists every bad one. */
export function parseConfig(env: Environment): ServerConfig {
  const config = loadConfig(env, 'serve');
  const { esamKey, ...collectorOptions } = config.collectorOptions;
  return Object.freeze({
    ...config,
    collectorOptions: Object.freeze({
      ...collectorOptions,
      ...(esamKey === undefined ? {} : { security: new SoftSecurityModule(esamKey) }),
    }),
    sms: config.sms === undefined ? undefined : smsFields(config.sms),
  });
}

function smsFields(sms: SmsSettings): readonly string[] {
  return sms.provider === 'aliyun'
    ? [sms.provider, sms.accessKeyId, sms.accessKeySecret, sms.signName, sms.templateCode]
    : [sms.provider, sms.secretId, sms.secretKey, sms.sdkAppId, sms.signName, sms.templateId];
}
