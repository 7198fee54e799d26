import type { CustomerFilter, MeterFilter } from '@openami/storage';
import type { ServiceContext } from '../../context.ts';
import type { Table } from '../../sheets/table-file.ts';
import { personalDataFor } from '../customers.ts';
import { customerColumns, headerRow, meterColumns, meterExportOnlyColumns } from './columns.ts';

/** Rows fetched per page while exporting: the whole archive is never held as database rows at once. */
const exportPage = 2000;

/** The meter archive in the caller's areas, in the import layout, so an export can be edited and re-imported. */
export async function meterTable(context: ServiceContext, filter: MeterFilter): Promise<Table> {
  const table: Table = [headerRow([...meterColumns, ...meterExportOnlyColumns], context.locale)];
  const typeCodes = new Map<number, string>();
  const areaCodes = new Map<number, string>();
  for (let offset = 0; ; offset += exportPage) {
    const page = await context.store.meters.search(context.principal.scope, filter, {
      offset,
      limit: exportPage,
      sort: 'id',
      direction: 'asc',
    });
    for (const meter of page.items) {
      if (!typeCodes.has(meter.meterTypeId)) {
        typeCodes.set(meter.meterTypeId, (await context.store.meterTypes.get(meter.meterTypeId))?.code ?? '');
      }
      if (!areaCodes.has(meter.areaId))
        areaCodes.set(meter.areaId, (await context.store.areas.get(meter.areaId))?.code ?? '');
      table.push([
        meter.factoryNo,
        meter.commAddress,
        typeCodes.get(meter.meterTypeId) ?? '',
        areaCodes.get(meter.areaId) ?? '',
        String(meter.startingReadingWh),
        String(meter.ptPrimary),
        String(meter.ptSecondary),
        String(meter.ctPrimary),
        String(meter.ctSecondary),
        meter.state,
        String(meter.multiplier),
      ]);
    }
    if (page.items.length < exportPage) return table;
  }
}

export async function customerTable(context: ServiceContext, filter: CustomerFilter): Promise<Table> {
  const table: Table = [headerRow(customerColumns, context.locale)];
  const areaCodes = new Map<number, string>();
  for (let offset = 0; ; offset += exportPage) {
    const page = await context.store.customers.list(context.principal.scope, filter, {
      offset,
      limit: exportPage,
      sort: 'id',
      direction: 'asc',
    });
    for (const customer of page.items) {
      if (!areaCodes.has(customer.areaId)) {
        areaCodes.set(customer.areaId, (await context.store.areas.get(customer.areaId))?.code ?? '');
      }
      table.push([
        customer.code,
        customer.name,
        customer.unit,
        customer.address,
        personalDataFor(context, customer).idNumber,
        areaCodes.get(customer.areaId) ?? '',
      ]);
    }
    if (page.items.length < exportPage) return table;
  }
}

/** An empty file with the header row and one example row, for filling in. */
export function templateTable(kind: 'meters' | 'customers', context: ServiceContext): Table {
  if (kind === 'meters') {
    return [
      headerRow(meterColumns, context.locale),
      ['2401000001', '000000000001', 'DDSY666', 'B01', '0', '1', '1', '1', '1'],
    ];
  }
  return [
    headerRow(customerColumns, context.locale),
    ['C0001', '张三', '1-1-101', '阳光小区1号楼1单元101', '', 'B01'],
  ];
}
