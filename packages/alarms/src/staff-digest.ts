// A staff member's daily digest: the alarms raised in their areas over the 24 hours before the digest hour,
// counted by kind, and the ones still open.
import type { AlarmRow, Repositories, StaffRecipient } from '@openami/storage';
import { scopeOf } from './alarm-recipients.ts';
import { alarmSubjects } from './alarm-subject.ts';
import { digestMessage, type MessageBody } from './notification-text.ts';

/** Enough to count a busy day; beyond it the digest says "more". */
const MAX_RAISED = 5000;
const MAX_OPEN_LISTED = 30;

export async function staffDigest(
  store: Repositories,
  staff: StaffRecipient,
  period: { day: string; fromMs: number; toMs: number },
  timeZone: string,
): Promise<MessageBody> {
  const scope = scopeOf(staff);
  const raised: AlarmRow[] = [];
  let total = 0;
  for (let offset = 0; offset < MAX_RAISED; offset += 500) {
    const page = await store.alarms.list(
      scope,
      { fromMs: period.fromMs, toMs: period.toMs },
      { sort: 'raisedAt', direction: 'asc', limit: 500, offset },
    );
    raised.push(...page.items);
    total = page.total;
    if (offset + 500 >= page.total) break;
  }
  const open = await store.alarms.list(
    scope,
    { state: 'open' },
    { sort: 'raisedAt', direction: 'desc', limit: MAX_OPEN_LISTED, offset: 0 },
  );
  return digestMessage({
    day: period.day,
    raised,
    raisedTruncated: total > raised.length,
    open: open.items,
    openSubjects: await alarmSubjects(store, open.items),
    openTotal: open.total,
    timeZone,
  });
}
