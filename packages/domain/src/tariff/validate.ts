import { minuteOf } from './calendar.ts';
import { isPrice } from './price.ts';
import {
  type PeriodName,
  periodNames,
  type Tariff,
  type TouCalendar,
  tariffKinds,
  tierCycles,
} from './tariff.ts';

export type TariffCheck =
  | { readonly ok: true; readonly tariff: Tariff }
  | { readonly ok: false; readonly problems: readonly string[] };

/**
 * Checks a tariff that arrived as JSON (from the API or a stored version) and says everything wrong with it,
 * so an operator fixes it in one go. A tariff that passes can be priced without any further checks.
 */
export function validateTariff(value: unknown): TariffCheck {
  const problems: string[] = [];
  if (!isObject(value) || !tariffKinds.includes(value.kind as Tariff['kind'])) {
    return { ok: false, problems: [`kind must be one of ${tariffKinds.join(', ')}`] };
  }
  switch (value.kind) {
    case 'flat':
      if (!isPrice(value.priceE4FenPerKwh)) problems.push('priceE4FenPerKwh must be a price');
      break;
    case 'tiered':
      checkCycle(value.cycle, problems);
      checkTiers(value.tiers, 'priceE4FenPerKwh', problems);
      break;
    case 'time_of_use':
      checkTimeOfUse(value, problems);
      break;
    case 'tiered_time_of_use':
      checkTimeOfUse(value, problems);
      checkCycle(value.cycle, problems);
      checkTiers(value.tiers, 'surchargeE4FenPerKwh', problems);
      break;
  }
  return problems.length === 0 ? { ok: true, tariff: value as unknown as Tariff } : { ok: false, problems };
}

function checkCycle(cycle: unknown, problems: string[]): void {
  if (!tierCycles.includes(cycle as 'yearly')) problems.push(`cycle must be one of ${tierCycles.join(', ')}`);
}

function checkTiers(tiers: unknown, priceField: string, problems: string[]): void {
  if (!Array.isArray(tiers) || tiers.length === 0) {
    problems.push('tiers must be a non-empty list');
    return;
  }
  let previous = 0;
  tiers.forEach((tier: unknown, i) => {
    const last = i === tiers.length - 1;
    if (!isObject(tier)) {
      problems.push(`tiers[${i}] must be an object`);
      return;
    }
    if (!isPrice(tier[priceField])) problems.push(`tiers[${i}].${priceField} must be a price`);
    if (last) {
      if (tier.upToKwh !== null) problems.push(`tiers[${i}].upToKwh must be null: the last tier is open`);
    } else if (!Number.isSafeInteger(tier.upToKwh) || (tier.upToKwh as number) <= previous) {
      problems.push(`tiers[${i}].upToKwh must be a whole number of kWh above ${previous}`);
    } else {
      previous = tier.upToKwh as number;
    }
  });
}

function checkTimeOfUse(value: Record<string, unknown>, problems: string[]): void {
  const prices = value.prices;
  const priced = new Set<PeriodName>();
  if (!isObject(prices)) {
    problems.push('prices must map periods to prices');
  } else {
    for (const [period, price] of Object.entries(prices)) {
      if (!periodNames.includes(period as PeriodName)) problems.push(`prices.${period} is not a period`);
      else if (!isPrice(price)) problems.push(`prices.${period} must be a price`);
      else priced.add(period as PeriodName);
    }
  }
  if (!priced.has(value.advanceSalePeriod as PeriodName)) {
    problems.push('advanceSalePeriod must name a priced period');
  }
  checkCalendar(value.calendar, priced, problems);
}

function checkCalendar(calendar: unknown, priced: ReadonlySet<PeriodName>, problems: string[]): void {
  if (!isObject(calendar) || !Array.isArray(calendar.schedules) || !Array.isArray(calendar.rules)) {
    problems.push('calendar must have schedules and rules');
    return;
  }
  const { schedules, rules, defaultSchedule } = calendar as unknown as TouCalendar;
  const names = new Set<string>();
  schedules.forEach((schedule, i) => {
    if (typeof schedule?.name !== 'string' || names.has(schedule.name)) {
      problems.push(`calendar.schedules[${i}] needs a name of its own`);
    }
    names.add(schedule?.name);
    const segments = Array.isArray(schedule?.segments) ? schedule.segments : [];
    if (segments[0]?.from !== '00:00') problems.push(`schedule ${schedule?.name} must start at 00:00`);
    let previous = -1;
    for (const segment of segments) {
      const minute = minuteOf(segment?.from);
      if (minute === undefined || minute <= previous) {
        problems.push(`schedule ${schedule?.name}: segment times must be HH:MM and rising`);
      } else previous = minute;
      if (!priced.has(segment?.period)) {
        problems.push(`schedule ${schedule?.name}: period ${String(segment?.period)} has no price`);
      }
    }
  });
  if (!names.has(defaultSchedule)) problems.push('calendar.defaultSchedule must name a schedule');
  rules.forEach((rule, i) => {
    if (!names.has(rule?.schedule)) problems.push(`calendar.rules[${i}] names no schedule`);
    const months = rule?.months ?? [];
    if (!months.every((m) => Number.isInteger(m) && m >= 1 && m <= 12)) {
      problems.push(`calendar.rules[${i}].months must be 1–12`);
    }
    if (!(rule?.dates ?? []).every((d) => /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(d))) {
      problems.push(`calendar.rules[${i}].dates must be MM-DD`);
    }
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
