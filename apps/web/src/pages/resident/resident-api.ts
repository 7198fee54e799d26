import type { ApiClient } from '../../api/client.ts';

/** The resident API's answers, as the resident's pages read them (`apps/server/src/routes/resident.ts`). */
export type ResidentBalance =
  | {
      readonly kind: 'money';
      readonly source: 'ledger' | 'meter';
      readonly amountFen: number;
      readonly at: number;
    }
  | { readonly kind: 'energy'; readonly source: 'meter'; readonly energyWh: number; readonly at: number }
  | { readonly kind: 'unknown' };

export interface ResidentAccount {
  readonly accountNo: string;
  readonly prepaidMode: 'card' | 'remote' | 'local';
  readonly customerName: string;
  readonly address: string;
  readonly meterNo: string;
  readonly balance: ResidentBalance;
  readonly paidFen: number;
  readonly purchaseCount: number;
  readonly lastReading: { readonly readAt: number; readonly activeImportWh: number } | null;
  readonly csrfToken: string;
}

export interface DailyUse {
  readonly day: string;
  readonly energyWh: number;
}

export interface Purchase {
  readonly id: number;
  readonly kind: 'sale' | 'cancel' | 'refund';
  readonly at: number;
  readonly amountFen: number;
  readonly energyWh: number;
  readonly purchaseCount: number | null;
  readonly invoiceNo: string | null;
}

export interface ResidentAlarm {
  readonly id: number;
  readonly kind: string;
  readonly severity: string;
  readonly state: 'raised' | 'acknowledged' | 'cleared';
  readonly raisedAt: number;
  readonly clearedAt: number | null;
}

export const residentApi = {
  requestCode: (api: ApiClient, accountNo: string, phone: string) =>
    api.post<{ expiresAt: number; resendAfterMs: number }>('/api/resident/code', { accountNo, phone }),
  signIn: (api: ApiClient, accountNo: string, code: string) =>
    api.post<{ accountNo: string; csrfToken: string; expiresAt: number }>('/api/resident/session', {
      accountNo,
      code,
    }),
  signOut: (api: ApiClient) => api.delete('/api/resident/session'),
  account: (api: ApiClient) => api.get<ResidentAccount>('/api/resident/account'),
  usage: (api: ApiClient, days: number) =>
    api.get<{ days: DailyUse[] }>('/api/resident/usage/daily', { days }),
  purchases: (api: ApiClient) => api.get<{ items: Purchase[] }>('/api/resident/purchases', { limit: 20 }),
  alarms: (api: ApiClient) => api.get<{ items: ResidentAlarm[] }>('/api/resident/alarms', { limit: 20 }),
};
