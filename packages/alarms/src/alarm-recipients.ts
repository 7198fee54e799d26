// Who hears of an alarm, and by which channel: staff systems by the log and the webhook; residents by SMS for
// their own balance (to every number on the account); staff who chose e-mail one by one, for alarms in their
// areas. The customer archive keeps no e-mail addresses, so residents get no e-mail.
import { type AreaScope, scopeIncludes } from '@openami/domain';
import type { AlarmRow, Repositories, StaffRecipient } from '@openami/storage';

export interface AlarmRecipient {
  readonly channel: string;
  readonly recipient: string;
  readonly audience: 'resident' | 'staff';
}

const BALANCE_KINDS: ReadonlySet<string> = new Set(['low-balance', 'balance-exhausted']);

export function scopeOf(staff: Pick<StaffRecipient, 'allAreas' | 'areaPaths'>): AreaScope {
  return staff.allAreas ? { kind: 'all' } : { kind: 'paths', paths: staff.areaPaths };
}

export async function alarmRecipients(
  store: Repositories,
  alarm: AlarmRow,
  channels: ReadonlySet<string>,
): Promise<AlarmRecipient[]> {
  const recipients: AlarmRecipient[] = [];
  if (channels.has('log')) recipients.push({ channel: 'log', recipient: 'log', audience: 'staff' });
  if (channels.has('webhook')) recipients.push({ channel: 'webhook', recipient: 'staff', audience: 'staff' });
  if (channels.has('sms') && BALANCE_KINDS.has(alarm.kind) && alarm.objectType === 'meter') {
    const account = await store.accounts.openForMeter(Number(alarm.objectId));
    const phones = account === undefined ? [] : (JSON.parse(account.phones) as string[]);
    for (const phone of phones) recipients.push({ channel: 'sms', recipient: phone, audience: 'resident' });
  }
  if (channels.has('email')) {
    const area = alarm.areaId === null ? undefined : await store.areas.get(alarm.areaId);
    const addresses = new Set<string>();
    for (const staff of await store.notificationPreferences.staffRecipients()) {
      if (staff.delivery !== 'each') continue;
      // An alarm of no area (a port, a terminal not yet placed) is for those of every area.
      const sees = area === undefined ? staff.allAreas : scopeIncludes(scopeOf(staff), area.path);
      if (sees) addresses.add(staff.email);
    }
    for (const address of addresses)
      recipients.push({ channel: 'email', recipient: address, audience: 'staff' });
  }
  return recipients;
}
