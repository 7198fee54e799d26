import type { DailyUse, ResidentAccount, ResidentAlarm, ResidentPurchase } from '@openami/contract';
import type { ApiClient } from '../../api/client.ts';

/** The resident API as the resident's pages call it (`apps/server/src/routes/resident.ts`). */
export const residentApi = {
  requestCode: (api: ApiClient, accountNo: string, phone: string) =>
    api.post<{ expiresAt: number; resendAfterMs: number }>('/api/resident/code', {
      accountNo,
      phone,
    }),
  signIn: (api: ApiClient, accountNo: string, code: string) =>
    api.post<{ accountNo: string; csrfToken: string; expiresAt: number }>('/api/resident/session', {
      accountNo,
      code,
    }),
  signOut: (api: ApiClient) => api.delete('/api/resident/session'),
  account: (api: ApiClient) => api.get<ResidentAccount>('/api/resident/account'),
  usage: (api: ApiClient, days: number) =>
    api.get<{ days: DailyUse[] }>('/api/resident/usage/daily', { days }),
  purchases: (api: ApiClient) =>
    api.get<{ items: ResidentPurchase[] }>('/api/resident/purchases', { limit: 20 }),
  alarms: (api: ApiClient) => api.get<{ items: ResidentAlarm[] }>('/api/resident/alarms', { limit: 20 }),
};
