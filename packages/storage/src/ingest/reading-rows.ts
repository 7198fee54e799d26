// A meter's reading (the domain's integers) as the store's rows: one energy row when the total import register
// was read, one instant row when an instantaneous value was, each stamped with when the station received it.
import type { MeterReading } from '@openami/domain';
import type { EnergyReading, InstantReading } from '../repositories/readings.ts';

export interface ReadingRows {
  readonly energy: EnergyReading | undefined;
  readonly instant: InstantReading | undefined;
}

export function readingRows(reading: MeterReading, receivedAt: number): ReadingRows {
  const { meterId, readAt, energy: e, instant: i } = reading;
  return {
    energy:
      e === undefined
        ? undefined
        : {
            meterId,
            readAt,
            activeImportWh: e.activeImportWh,
            activeExportWh: e.activeExportWh ?? null,
            tariff1Wh: e.tariffWh?.[0] ?? null,
            tariff2Wh: e.tariffWh?.[1] ?? null,
            tariff3Wh: e.tariffWh?.[2] ?? null,
            tariff4Wh: e.tariffWh?.[3] ?? null,
            remainingEnergyWh: e.remainingEnergyWh ?? null,
            remainingMoneyFen: e.remainingMoneyFen ?? null,
            statusWord: e.statusWord ?? null,
            receivedAt,
          },
    instant:
      i === undefined
        ? undefined
        : {
            meterId,
            readAt,
            voltageL1V: i.voltageV?.[0] ?? null,
            voltageL2V: i.voltageV?.[1] ?? null,
            voltageL3V: i.voltageV?.[2] ?? null,
            currentL1A: i.currentA?.[0] ?? null,
            currentL2A: i.currentA?.[1] ?? null,
            currentL3A: i.currentA?.[2] ?? null,
            activePowerW: i.activePowerW ?? null,
            powerFactor: i.powerFactor ?? null,
            frequencyHz: i.frequencyHz ?? null,
            receivedAt,
          },
  };
}
