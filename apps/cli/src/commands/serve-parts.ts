// What `openami serve` composes around the API once the store is open: the alarm engine, the notifier with
// the channels the configuration names (the log always; a signed webhook, SMS, SMTP e-mail when set), and,
// with --collector, the collector that reads the field and feeds the engine.
import {
  AlarmEngine,
  AliyunSmsChannel,
  type Channel,
  EmailChannel,
  LogChannel,
  Notifier,
  TencentSmsChannel,
  WebhookChannel,
} from '@openami/alarms';
import type { SmsSettings } from '@openami/config';
import { Collector } from '@openami/headend';
import type { ServerComposer, ServerConfig } from '@openami/server';
import { collectorOptions } from '../collector-options.ts';

export function serveParts(config: ServerConfig): ServerComposer {
  return async (store, log) => {
    // Abnormal use is judged on the site's days, so the engine keeps the collector's time zone.
    const timeZone = config.collectorOptions.timeZone;
    const alarms = new AlarmEngine(store, timeZone === undefined ? {} : { timeZone });
    const logNotice = (line: string) => log('notification', line);
    const { smtp, policy } = config.notifications;
    const email = smtp === undefined ? undefined : new EmailChannel(smtp);
    const notifier = new Notifier(store, {
      channels: {
        log: new LogChannel(logNotice),
        ...(config.webhook === undefined ? {} : { webhook: new WebhookChannel(config.webhook) }),
        ...(config.sms === undefined ? {} : { sms: smsChannel(config.sms) }),
        ...(email === undefined ? {} : { email }),
      },
      policy,
      onError: (error) => logNotice(`notifications: ${String(error)}`),
    });
    const stopNotifying = alarms.subscribe((event) => {
      void notifier.alarmEvent(event).catch((error: unknown) => logNotice(`notifications: ${String(error)}`));
    });
    const collector = config.collector
      ? new Collector(store, {
          ...collectorOptions(config.collectorOptions),
          observer: alarms,
          log: (line) => log('collector', line),
        })
      : undefined;
    const problems = (await collector?.start(true)) ?? [];
    return {
      alarms,
      ...(collector === undefined
        ? {}
        : { field: collector, reloadTls: (why: string) => void collector.reloadDialInTls(why) }),
      // Residents sign in with a code by SMS; without an SMS channel they cannot.
      ...(config.sms === undefined ? {} : { residentCodeChannel: 'sms' as const }),
      problems: problems.map((p) => p.problem),
      start: () => notifier.start(),
      stop: async () => {
        stopNotifying();
        await notifier.stop();
        email?.close();
        await collector?.stop();
      },
    };
  };
}

/** The SMS channel OPENAMI_SMS names. */
function smsChannel(sms: SmsSettings): Channel {
  return sms.provider === 'aliyun'
    ? new AliyunSmsChannel({
        accessKeyId: sms.accessKeyId,
        accessKeySecret: sms.accessKeySecret,
        template: { signName: sms.signName, templateCode: sms.templateCode },
      })
    : new TencentSmsChannel({
        secretId: sms.secretId,
        secretKey: sms.secretKey,
        sdkAppId: sms.sdkAppId,
        template: { signName: sms.signName, templateCode: sms.templateId },
      });
}
