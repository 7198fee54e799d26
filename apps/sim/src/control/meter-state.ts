// A meter's true state as the control API shows it: what is really there, to compare with what a head-end
// stored. Energies Wh, powers W, times ISO 8601 (UTC).
import type { SimMeter } from '../meter/meter.ts';
import { multiplierOf } from '../meter/meter-config.ts';
import { isCoverOpen } from '../meter/scenarios.ts';

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

export function meterState(meter: SimMeter) {
  const e = meter.electrical;
  const prepaid = meter.prepaid;
  const money = meter.moneyPrepaid;
  return {
    address: meter.address,
    edition: meter.config.edition,
    phases: meter.config.phases,
    multiplier: multiplierOf(meter.config),
    baud: meter.baud,
    simulatedTime: iso(meter.time),
    meterClock: iso(meter.meterClock(meter.time)),
    energyWh: {
      forwardActive: meter.registers.wh[0],
      reverseActive: meter.registers.wh[1],
      q1Reactive: meter.registers.wh[2],
      q2Reactive: meter.registers.wh[3],
      q3Reactive: meter.registers.wh[4],
      q4Reactive: meter.registers.wh[5],
    },
    household: {
      id: meter.household.id,
      profile: meter.household.profile,
      trueEnergyWh: Math.floor(meter.household.trueEnergyWh),
    },
    instantaneous: {
      voltageV: e.voltageV,
      currentA: e.currentA,
      activePowerW: e.totalActiveW,
      reactivePowerVar: e.totalReactiveVar,
      powerFactor: e.totalPowerFactor,
      frequencyHz: e.frequencyHz,
      neutralCurrentA: e.neutralA,
    },
    relay: { open: meter.relayOpen, reasons: meter.relayReasonList, protected: meter.protectOn },
    prepaid:
      prepaid === undefined
        ? null
        : {
            remainingWh: prepaid.remainingWh,
            purchaseCount: prepaid.purchaseCount,
            totalPurchasedWh: prepaid.totalPurchasedWh,
            alarmEnergyWh: prepaid.alarmEnergyWh,
            creditLimitWh: prepaid.creditLimitWh,
            hoardingLimitWh: prepaid.hoardingLimitWh,
            belowAlarm: prepaid.belowAlarm,
          },
    moneyPrepaid:
      money === undefined
        ? null
        : {
            remainingFen: money.remainingFen,
            purchaseCount: money.purchaseCount,
            totalPurchasedFen: money.totalPurchasedFen,
            customerNumber: money.customerNumber ?? null,
            alarm1Fen: money.alarm1Fen,
            creditLimitFen: money.creditLimitFen,
            hoardingLimitFen: money.hoardingLimitFen,
            pricesPerKwh: [...money.pricesPerKwh],
            belowAlarm: money.belowAlarm,
          },
    capacityLimit: meter.capacity ?? null,
    tamper: {
      coverOpen: isCoverOpen(meter, 'meter'),
      terminalCoverOpen: isCoverOpen(meter, 'terminal'),
      reversed: meter.reversed,
      bypassShare: meter.bypassShare,
      poweredDown: meter.poweredDown,
    },
    events: {
      powerDown: meter.records.powerDowns.count,
      coverOpen: meter.records.coverOpens.count,
      terminalCoverOpen: meter.records.terminalCoverOpens.count,
      relayTrip: meter.records.relayTrips.count,
      relayClose: meter.records.relayCloses.count,
      overCurrent: meter.records.overCurrent.map((c) => c.starts.count),
      reversePower: meter.records.reversePower.map((c) => c.starts.count),
      programming: meter.records.programming.count,
      clockChange: meter.records.clockChanges.count,
    },
    dailyFreezes: meter.records.dailyFreezes.count,
  };
}
