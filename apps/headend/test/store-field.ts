// A simulated field written into a store as a site would enter it: one community, one DH60x terminal in
// TCP-server mode with its ports, one meter type, every simulated meter installed on its port. Used by the
// collector's tests and by the API's tests that read meters through a real collector.

import type { Field } from '@openami/sim';
import type { AreaRow, Repositories } from '@openami/storage';
import type { ReadingPlan } from '../src/plans/default-plans.ts';

export interface StoredField {
  readonly area: AreaRow;
  readonly terminalId: number;
  /** Store meter ids in the field's address order. */
  readonly meterIds: readonly number[];
}

export async function storeField(
  store: Repositories,
  field: Field,
  options: { basePort: number; ports: number; baud: number; stockedInAt: number },
): Promise<StoredField> {
  const now = Date.UTC(2026, 0, 1);
  const area = await store.areas.create(
    { parentId: null, kind: 'community', code: 'C', name: 'community' },
    now,
  );
  const terminal = await store.terminals.create(
    {
      areaId: area.id,
      name: 'DH60x',
      model: `DH60${options.ports}`,
      mode: 'tcp_server',
      address: `127.0.0.1:${options.basePort}`,
    },
    Array.from({ length: options.ports }, (_, i) => ({
      portNo: i + 1,
      baud: options.baud,
      parity: 'E',
      dataBits: 8,
      stopBits: 1,
      protocol: 'dlt645_2007',
    })),
    now,
  );
  const type = await store.meterTypes.create(
    {
      code: 'T',
      name: 'meter',
      model: 'M',
      constantImpPerKwh: 1600,
      ratedCurrentMa: 10_000,
      maxCurrentMa: 60_000,
      phases: 1,
      protocol: 'dlt645_2007',
      cardStandard: 'none',
    },
    null,
    now,
  );
  const version = await store.meterTypes.currentVersion(type.id);
  const meterIds: number[] = [];
  for (const [i, address] of field.addresses().entries()) {
    const { portIndex } = field.placement(address);
    const meter = await store.meters.stockIn(
      {
        factoryNo: `F${i}`,
        commAddress: address,
        meterTypeId: type.id,
        meterTypeVersionId: version?.id as number,
        state: 'installed',
        startingReadingWh: 0,
        areaId: area.id,
        terminalPortId: terminal.ports[portIndex]?.id as number,
        parentMeterId: null,
        ptPrimary: 1,
        ptSecondary: 1,
        ctPrimary: 1,
        ctSecondary: 1,
        multiplier: 1,
        stockedInAt: options.stockedInAt,
      },
      now,
    );
    meterIds.push(meter.id);
  }
  return { area, terminalId: terminal.id, meterIds };
}

export { freeBasePort } from '@openami/sim';
/** Throw-away certificates for the TLS tests (the API's and the dial-in port's). */
export { type CertificatePair, TestCertificates } from './certificates.ts';

/** A reading plan for tests to run at once: these items, every meter, on an interval. */
export function readPlan(id: string, items: readonly number[], everyMinutes = 60): ReadingPlan {
  return {
    id,
    name: { zh: id, en: id },
    kind: 'read',
    items,
    targets: {},
    schedule: { kind: 'interval', everyMinutes },
  };
}
