// Concentrator figures (Q/GDW 1376.1). For now the codec's: a 0C F129 answer for one meter (current forward
// active energy, total and four tariffs, 51 bytes) decoded from bytes all the way to its readings, on one core.
import { q1376 } from '@openami/protocol';
import { type Figure, machine, opsPerSecond, printFigures } from './_figures.ts';

const answer = q1376.encodeMessage({
  control: { direction: 'up', primary: false, frameCountBit: false, frameCountValid: false, functionCode: 8 },
  address: { area: '3201', terminal: 1, master: 1, group: false },
  afn: q1376.AFN.class1Data,
  sequence: { first: true, final: true, confirm: false, number: 4 },
  units: [
    {
      kind: 'current-forward-active',
      point: 1,
      fn: 129,
      readAt: { year: 2026, month: 12, day: 8, hour: 1, minute: 30 },
      forwardActiveDeciWh: { total: 12_345_678, tariffs: [3_000_000, 4_000_000, 5_345_678, 0] },
    },
  ],
});
if (answer.length !== 51) throw new Error(`expected a 51-byte answer, built ${answer.length}`);

let sink = 0;
const decodes = opsPerSecond(() => {
  const unit = q1376.decodeMessage(answer).units[0];
  if (unit?.kind === 'current-forward-active') sink += unit.forwardActiveDeciWh.total ?? 0;
});

process.stdout.write(`machine: ${machine()}\n`);
process.stdout.write(`0C F129 answers decoded to their readings: ${decodes.toLocaleString('en')} /s\n`);
if (Number.isNaN(sink)) process.stdout.write('\n');

const figures: Figure[] = [
  { bench: 'concentrators', metric: 'decodes_per_s_1376_f129', value: decodes, target: '>=500000' },
];
printFigures(figures);
