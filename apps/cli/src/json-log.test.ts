import { expect, it } from 'vitest';
import { jsonLog } from './json-log.ts';

it('writes one JSON line per event in the shape of serve’s log, phone and ID numbers taken out', () => {
  const lines: string[] = [];
  const log = jsonLog(
    'collector',
    (line) => lines.push(line),
    () => 1_700_000_000_000,
  );
  log('notify 13912345678 about 11010519491231002X');
  log('link down', 'warn');
  expect(lines.map((l) => JSON.parse(l))).toEqual([
    {
      level: 30,
      time: 1_700_000_000_000,
      pid: process.pid,
      name: 'collector',
      msg: 'notify [phone] about [id-number]',
    },
    { level: 40, time: 1_700_000_000_000, pid: process.pid, name: 'collector', msg: 'link down' },
  ]);
});
