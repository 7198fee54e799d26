import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { type CardMeterState, insertCard, insertSpecialCard } from '@openami/domain';
import { FileCardDevice } from '../card/file-card.ts';
import type { CommandIo } from '../io.ts';

const usage = `usage: openami card <show|blank|insert> --card FILE [options]

A virtual IC card in a JSON file (docs/card-image.md), for the demo and for trying the vending rules:
  show    --card FILE                          print the card
  blank   --card FILE --id CARD_ID             issue a new blank card
  insert  --card FILE --meter METER.json       insert the card into a virtual card meter; a missing meter
          [--meter-no NO --preset-kwh 12]      file is a new meter with that number and preset credit;
          [--area CODE --since-power-up-ms N]  where the meter is, for a clear card (001 FAQ 9)`;

export async function run(args: string[], io: CommandIo): Promise<number> {
  const [sub, ...rest] = args;
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        card: { type: 'string' },
        id: { type: 'string' },
        meter: { type: 'string' },
        'meter-no': { type: 'string' },
        'preset-kwh': { type: 'string' },
        area: { type: 'string' },
        'since-power-up-ms': { type: 'string' },
      },
    }));
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    return 2;
  }
  const path = values.card;
  if (path === undefined || !['show', 'blank', 'insert'].includes(sub ?? '')) {
    io.err(usage);
    return sub === undefined || sub === 'help' ? 0 : 2;
  }
  const device = new FileCardDevice(path);
  if (sub === 'blank') {
    io.out(JSON.stringify(await device.issueBlank(values.id ?? `V${Date.now().toString(36)}`), null, 2));
    return 0;
  }
  const card = await device.read();
  if (card === undefined) {
    io.err(`no card in the reader: ${path} does not exist`);
    return 1;
  }
  if (sub === 'show') {
    io.out(JSON.stringify(card, null, 2));
    return 0;
  }
  if (values.meter === undefined) {
    io.err(usage);
    return 2;
  }
  const meter = await readMeter(values.meter, values['meter-no'], Number(values['preset-kwh'] ?? '0'));
  const result =
    card.data.kind === 'customer'
      ? insertCard(meter, card)
      : insertSpecialCard(meter, card, {
          areaCode: values.area ?? '',
          msSincePowerUp: Number(values['since-power-up-ms'] ?? '0'),
        });
  await writeFile(values.meter, `${JSON.stringify(result.meter, null, 2)}\n`, 'utf8');
  if (result.card !== card) await device.write(result.card);
  io.out(
    `${result.outcome}: meter ${result.meter.meterNo} holds purchase ${result.meter.purchaseCount}, ${result.meter.remainingKwh} kWh remaining`,
  );
  const accepted = ['loaded', 'already_held', 'preset_given', 'cleared', 'read', 'already_read'];
  return accepted.includes(result.outcome) ? 0 : 1;
}

async function readMeter(
  path: string,
  meterNo: string | undefined,
  presetKwh: number,
): Promise<CardMeterState> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as CardMeterState;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || meterNo === undefined) throw error;
    return {
      meterNo,
      purchaseCount: 0,
      remainingKwh: presetKwh,
      totalKwh: 0,
      presetPendingKwh: presetKwh,
      hoardingLimitKwh: 0,
    };
  }
}
