// DL/T 645 codec throughput on one core: decoding a single-item reply (a 24-byte forward active energy
// response, four wake-up bytes included) all the way to its value, and encoding a read request.
import { Deframer, decodeMessage, encodeFrame, fromHex, requestFrame2007 } from '@openami/protocol';
import { type Figure, machine, opsPerSecond, printFigures } from './_figures.ts';

// 00010000 = 1206.42 kWh from meter 000000000001 (a real reply, see packages/protocol/test/golden-2007.ts).
const energyReply = encodeFrame({
  address: '003411001043',
  control: { direction: 'response', abnormal: false, followUp: false, functionCode: 0x11 },
  data: fromHex('00 00 01 00 42 06 12 00'),
});
if (energyReply.length !== 24) throw new Error(`expected a 24-byte reply, built ${energyReply.length}`);
const stream = new Uint8Array(energyReply.length * 64);
for (let i = 0; i < 64; i++) stream.set(energyReply, i * energyReply.length);

let sink = 0;
const decodeFull = opsPerSecond(() => {
  const decoded = decodeMessage(energyReply);
  sink += decoded.item?.value as number;
});
const deframer = new Deframer();
const deframed =
  opsPerSecond(() => {
    sink += deframer.push(stream).length;
  }, 2000) * 64;
const encodeRead = opsPerSecond(() => {
  sink += encodeFrame(
    requestFrame2007({ kind: 'read-data', address: '003411001043', di: 0x00010000 }),
  ).length;
});

process.stdout.write(`machine: ${machine()}\n`);
process.stdout.write(`energy reply decoded to its value:           ${decodeFull.toLocaleString('en')} /s\n`);
process.stdout.write(`energy replies deframed from a byte stream:  ${deframed.toLocaleString('en')} /s\n`);
process.stdout.write(`read requests encoded:                       ${encodeRead.toLocaleString('en')} /s\n`);
if (Number.isNaN(sink)) process.stdout.write('\n');

const figures: Figure[] = [
  { bench: 'protocol', metric: 'decodes_per_s_single_item_response', value: decodeFull, target: '>=1000000' },
  { bench: 'protocol', metric: 'deframed_frames_per_s', value: deframed, target: '>=1000000' },
  { bench: 'protocol', metric: 'encodes_per_s_read_request', value: encodeRead, target: '>=1000000' },
];
printFigures(figures);
