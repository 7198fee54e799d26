import type { Schedule } from '@openami/contract';
import type { TFunction } from 'i18next';

/** A plan's schedule as a sentence: "every 60 minutes", "daily at 00:15", "monthly on day 1 at 00:30". */
export function scheduleText(schedule: Schedule, t: TFunction): string {
  switch (schedule.kind) {
    case 'interval':
      return t('collection.scheduleInterval', {
        every: schedule.everyMinutes,
        offset: schedule.offsetMinutes ?? 0,
      });
    case 'daily':
      return t('collection.scheduleDaily', { at: schedule.at });
    case 'monthly':
      return t('collection.scheduleMonthly', { day: schedule.day, at: schedule.at });
  }
}
