// The residents' self-service API (002 §2.2): sign-in by a code sent by SMS, then read-only views.
import { Type } from '@sinclair/typebox';
import { alarmKinds, alarmStates, severities } from '../lists/alarms.ts';
import { prepaidModes } from '../lists/archive.ts';
import { ledgerEntryKinds } from '../lists/vending.ts';
import { accepted, count, day, epochMs, id, literalUnion, noContent, nullable, ok, whole } from './common.ts';
import { prepaidBalance } from './meters.ts';

export const residentAccount = Type.Object({
  accountNo: Type.String(),
  prepaidMode: literalUnion(prepaidModes),
  customerName: Type.String(),
  address: Type.String(),
  meterNo: Type.String(),
  balance: prepaidBalance,
  alarmEnergyWh: whole,
  paidFen: whole,
  purchaseCount: count,
  lastReading: nullable(Type.Object({ readAt: epochMs(), activeImportWh: whole })),
  csrfToken: Type.String(),
});

export const dailyUse = Type.Object({ day, energyWh: whole });

export const residentPurchase = Type.Object({
  id,
  kind: literalUnion(ledgerEntryKinds),
  at: epochMs(),
  amountFen: whole,
  energyWh: whole,
  purchaseCount: nullable(count),
  invoiceNo: nullable(Type.String()),
});

export const residentAlarm = Type.Object({
  id,
  kind: literalUnion(alarmKinds),
  severity: literalUnion(severities),
  state: literalUnion(alarmStates),
  raisedAt: epochMs(),
  clearedAt: nullable(epochMs()),
});

const accountNo = Type.String({ minLength: 1, maxLength: 64 });
const newest = Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }) });

export const residentApi = {
  requestCode: {
    body: Type.Object({ accountNo, phone: Type.String({ minLength: 5, maxLength: 20 }) }),
    response: accepted(
      Type.Object({
        expiresAt: epochMs(),
        resendAfterMs: count,
      }),
    ),
  },
  signIn: {
    body: Type.Object({ accountNo, code: Type.String({ minLength: 1, maxLength: 12 }) }),
    response: ok(Type.Object({ accountNo: Type.String(), csrfToken: Type.String(), expiresAt: epochMs() })),
  },
  signOut: { response: noContent },
  account: { response: ok(residentAccount) },
  dailyUsage: {
    querystring: Type.Object({ days: Type.Integer({ minimum: 1, maximum: 92, default: 30 }) }),
    response: ok(Type.Object({ days: Type.Array(dailyUse) })),
  },
  purchases: { querystring: newest, response: ok(Type.Object({ items: Type.Array(residentPurchase) })) },
  alarms: { querystring: newest, response: ok(Type.Object({ items: Type.Array(residentAlarm) })) },
};
