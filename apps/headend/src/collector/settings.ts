// What the collector reads from the environment: the site's zone, the meters' password, the dial-in port.
import type { Credentials } from '@openami/protocol';
import { type SecurityModule, SoftSecurityModule } from '../commands/security-module.ts';
import type { CollectorOptions } from './options.ts';

/**
 * The collector's settings from the environment, every bad one reported: OPENAMI_TIME_ZONE (the site's
 * zone, default Asia/Shanghai), OPENAMI_METER_PASSWORD (`level:password`, e.g. `02:123456`, the password
 * commands are sent with), OPENAMI_OPERATOR_CODE (eight hex digits recorded by the meter, default
 * 00000000), OPENAMI_DIAL_IN_PORT (where GPRS terminals connect), OPENAMI_ESAM_KEY (32 hex digits: the
 * master key of the soft security module that makes top-ups of local fee-control meters).
 */
export function collectorSettings(env: Readonly<Record<string, string | undefined>>): {
  options: Pick<CollectorOptions, 'timeZone' | 'credentials' | 'dialInPort' | 'operatorCode' | 'security'>;
  problems: string[];
} {
  const problems: string[] = [];
  const options: {
    timeZone?: string;
    credentials?: Credentials;
    dialInPort?: number;
    operatorCode?: string;
    security?: SecurityModule;
  } = {};
  const zone = env.OPENAMI_TIME_ZONE;
  if (zone !== undefined && zone !== '') {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      options.timeZone = zone;
    } catch {
      problems.push(`OPENAMI_TIME_ZONE=${zone}: not a time zone (for example Asia/Shanghai)`);
    }
  }
  const operatorCode = env.OPENAMI_OPERATOR_CODE ?? '00000000';
  if (!/^[0-9A-Fa-f]{8}$/.test(operatorCode))
    problems.push(`OPENAMI_OPERATOR_CODE=${operatorCode}: must be eight hex digits`);
  else options.operatorCode = operatorCode.toUpperCase();
  const esamKey = env.OPENAMI_ESAM_KEY;
  if (esamKey !== undefined && esamKey !== '') {
    if (/^[0-9A-Fa-f]{32}$/.test(esamKey)) options.security = new SoftSecurityModule(esamKey);
    else problems.push('OPENAMI_ESAM_KEY: must be 32 hex digits (the SM4 master key of the soft ESAM)');
  }
  const password = env.OPENAMI_METER_PASSWORD;
  if (password !== undefined && password !== '') {
    const match = /^([0-9]{2}):([0-9A-Fa-f]{6})$/.exec(password);
    if (match === null) {
      problems.push(
        'OPENAMI_METER_PASSWORD: must be level:password, two digits and six hex digits (02:123456)',
      );
    } else {
      options.credentials = {
        passwordLevel: Number(match[1]),
        password: (match[2] as string).toUpperCase(),
        operatorCode: operatorCode.toUpperCase(),
      };
    }
  }
  const dialIn = env.OPENAMI_DIAL_IN_PORT;
  if (dialIn !== undefined && dialIn !== '') {
    const port = Number(dialIn);
    if (!Number.isInteger(port) || port < 1 || port > 65_535)
      problems.push(`OPENAMI_DIAL_IN_PORT=${dialIn}: must be a whole number from 1 to 65535`);
    else options.dialInPort = port;
  }
  return { options, problems };
}
