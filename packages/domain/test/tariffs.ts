import type {
  TieredTariff,
  TieredTimeOfUseTariff,
  TimeOfUseTariff,
  TouCalendar,
} from '../src/tariff/tariff.ts';

/**
 * Example tariffs for tests, shaped like published Chinese residential tariffs (the figures are examples,
 * not any utility's current prices). Prices in 10⁻⁴ fen/kWh: 0.4883 yuan = 48.83 fen = 488 300.
 */
export const residentialTiers: TieredTariff = {
  kind: 'tiered',
  cycle: 'yearly',
  tiers: [
    { upToKwh: 2880, priceE4FenPerKwh: 488_300 },
    { upToKwh: 4800, priceE4FenPerKwh: 538_300 },
    { upToKwh: null, priceE4FenPerKwh: 788_300 },
  ],
};

export const summerCalendar: TouCalendar = {
  schedules: [
    {
      name: 'ordinary',
      segments: [
        { from: '00:00', period: 'valley' },
        { from: '07:00', period: 'flat' },
        { from: '10:00', period: 'peak' },
        { from: '15:00', period: 'flat' },
        { from: '18:00', period: 'peak' },
        { from: '21:00', period: 'flat' },
        { from: '23:00', period: 'valley' },
      ],
    },
    {
      name: 'summer',
      segments: [
        { from: '00:00', period: 'valley' },
        { from: '07:00', period: 'flat' },
        { from: '10:00', period: 'peak' },
        { from: '11:00', period: 'sharp' },
        { from: '13:00', period: 'peak' },
        { from: '15:00', period: 'flat' },
        { from: '18:00', period: 'peak' },
        { from: '21:00', period: 'flat' },
        { from: '23:00', period: 'valley' },
      ],
    },
    { name: 'holiday', segments: [{ from: '00:00', period: 'valley' }] },
  ],
  rules: [
    { dates: ['10-01'], schedule: 'holiday' },
    { months: [7, 8], schedule: 'summer' },
  ],
  defaultSchedule: 'ordinary',
};

export const residentialTimeOfUse: TimeOfUseTariff = {
  kind: 'time_of_use',
  prices: { sharp: 950_000, peak: 780_000, flat: 500_000, valley: 300_000 },
  calendar: summerCalendar,
  advanceSalePeriod: 'flat',
};

export const residentialTieredTimeOfUse: TieredTimeOfUseTariff = {
  ...residentialTimeOfUse,
  kind: 'tiered_time_of_use',
  cycle: 'monthly',
  tiers: [
    { upToKwh: 240, surchargeE4FenPerKwh: 0 },
    { upToKwh: 400, surchargeE4FenPerKwh: 50_000 },
    { upToKwh: null, surchargeE4FenPerKwh: 300_000 },
  ],
};
