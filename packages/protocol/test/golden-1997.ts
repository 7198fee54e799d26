/**
 * Golden DL/T 645-1997 frames, as data.
 *
 * None of these bytes comes from the OpenAMI encoder. Each vector is either a real or published frame, cited in
 * `source`, or written out by hand from the DL/T 645-1997 rules (rule named in `source`). Checksums and the +33H
 * scrambling were computed with a separate throwaway script and every frame was re-parsed by an independent
 * checker (start and end bytes, L, CS, data minus 33H).
 *
 * In `hex` each line is one field as it travels on the wire: data bytes are shown after +33H, and the comment gives
 * the value before scrambling. DI is 2 bytes in 1997. Multi-byte fields are low byte first; BCD throughout.
 *
 * Use each vector three ways: decode(bytes) = message, encode(message) = bytes, decode(encode(message)) = message.
 */
import type { GoldenVector } from './golden-2007.ts';

export type { GoldenVector } from './golden-2007.ts';

export const golden1997: readonly GoldenVector[] = [
  // Published real frame: https://manualshive.com/en/manual/heyuan-intelligence/asdu-ls/2128413?page=18;
  // CS, L and +33H re-checked independently.
  {
    name: 'real-read-voltage-a-request',
    source: 'Heyuan Intelligence ASDU-LS manual, screen 9-17, 1997 DL/645 example',
    edition: '1997',
    hex: [
      '68', // start
      '03 00 00 00 00 00', // address 000000000003, low byte first
      '68', // second start
      '01', // C: master->meter, read data
      '02', // L = 2
      '44 E9', // DI B611 (+33H, low byte first)
      '03', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '000000000003',
      control: 0x01,
      direction: 'request',
      abnormal: false,
      followUp: false,
      functionCode: 0x01,
      data: '11B6',
    },
    message: { kind: 'read-data', di: 'B611' },
  },
  // Published real frame: https://manualshive.com/en/manual/heyuan-intelligence/asdu-ls/2128413?page=18;
  // CS, L and +33H re-checked independently.
  {
    name: 'real-read-voltage-a-response',
    source: 'Heyuan Intelligence ASDU-LS manual, screen 9-17, 1997 DL/645 example',
    edition: '1997',
    hex: [
      '68', // start
      '03 00 00 00 00 00', // address 000000000003, low byte first
      '68', // second start
      '81', // C: meter->master, read data, normal reply
      '04', // L = 4
      '44 E9', // DI B611 (+33H, low byte first)
      '33 34', // voltage A XXX V: 100 (BCD 0100, low byte first)
      'EC', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '000000000003',
      control: 0x81,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x01,
      data: '11B60001',
    },
    message: { kind: 'read-data', di: 'B611', value: 100 },
  },
  // Published example frame (web page); CS, L and +33H re-checked independently.
  {
    name: 'real-read-forward-active-request-a',
    source: 'https://kaledl.com/down/1493168.html, published example frames (DL/T 645-1997, read 9010)',
    edition: '1997',
    hex: [
      '68', // start
      '63 01 43 03 00 00', // address 000003430163, low byte first
      '68', // second start
      '01', // C: master->meter, read data
      '02', // L = 2
      '43 C3', // DI 9010 (+33H, low byte first)
      '83', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '000003430163',
      control: 0x01,
      direction: 'request',
      abnormal: false,
      followUp: false,
      functionCode: 0x01,
      data: '1090',
    },
    message: { kind: 'read-data', di: '9010' },
  },
  // Published example frame (web page); CS, L and +33H re-checked independently.
  {
    name: 'real-read-forward-active-request-b',
    source: 'https://kaledl.com/down/1493168.html, published example frames (DL/T 645-1997, read 9010)',
    edition: '1997',
    hex: [
      '68', // start
      '54 07 13 00 80 13', // address 138000130754, low byte first
      '68', // second start
      '01', // C: master->meter, read data
      '02', // L = 2
      '43 C3', // DI 9010 (+33H, low byte first)
      'DA', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '138000130754',
      control: 0x01,
      direction: 'request',
      abnormal: false,
      followUp: false,
      functionCode: 0x01,
      data: '1090',
    },
    message: { kind: 'read-data', di: '9010' },
  },
  // Published example frame (web page); CS, L and +33H re-checked independently.
  {
    name: 'real-read-forward-active-response',
    source: 'https://kaledl.com/down/1493168.html, published example frames (DL/T 645-1997, read 9010)',
    edition: '1997',
    hex: [
      '68', // start
      '54 07 13 00 80 13', // address 138000130754, low byte first
      '68', // second start
      '81', // C: meter->master, read data, normal reply
      '06', // L = 6
      '43 C3', // DI 9010 (+33H, low byte first)
      '34 33 33 33', // forward active total XXXXXX.XX kWh: 0.01 (BCD 00000001, low byte first)
      '2B', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '138000130754',
      control: 0x81,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x01,
      data: '109001000000',
    },
    message: { kind: 'read-data', di: '9010', value: 0.01 },
  },
  {
    name: 'read-forward-active-block-request-2fe',
    source: 'hand-built from DL/T 645-1997 rules (read data 01H, block 901F, two wake-up bytes)',
    edition: '1997',
    hex: [
      'FE FE', // wake-up bytes, outside the checksum
      '68', // start
      '07 00 25 03 19 20', // address 201903250007, low byte first
      '68', // second start
      '01', // C: master->meter, read data
      '02', // L = 2
      '52 C3', // DI 901F (+33H, low byte first)
      '50', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 2,
      address: '201903250007',
      control: 0x01,
      direction: 'request',
      abnormal: false,
      followUp: false,
      functionCode: 0x01,
      data: '1F90',
    },
    message: { kind: 'read-data', di: '901F' },
  },
  {
    name: 'forward-active-block-response',
    source: 'hand-built from DL/T 645-1997 rules (block 901F: total then tariffs 1..4, XXXXXX.XX kWh each)',
    edition: '1997',
    hex: [
      '68', // start
      '07 00 25 03 19 20', // address 201903250007, low byte first
      '68', // second start
      '81', // C: meter->master, read data, normal reply
      '16', // L = 22
      '52 C3', // DI 901F (+33H, low byte first)
      '89 67 45 33', // total: 1234.56 kWh
      '33 33 34 33', // tariff 1: 100.00 kWh
      '83 33 38 33', // tariff 2: 500.50 kWh
      '39 33 39 33', // tariff 3: 600.06 kWh
      '33 67 33 33', // tariff 4: 34.00 kWh
      '12', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '201903250007',
      control: 0x81,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x01,
      data: '1F905634120000000100500005000600060000340000',
    },
    message: { kind: 'read-data', di: '901F', value: [1234.56, 100, 500.5, 600.06, 34] },
  },
  {
    name: 'forward-active-tariff-1',
    source: 'hand-built from DL/T 645-1997 rules (9011 tariff 1 XXXXXX.XX kWh)',
    edition: '1997',
    hex: [
      '68', // start
      '07 00 25 03 19 20', // address 201903250007, low byte first
      '68', // second start
      '81', // C: meter->master, read data, normal reply
      '06', // L = 6
      '44 C3', // DI 9011 (+33H, low byte first)
      '33 33 34 33', // tariff 1: 100.00 kWh
      '93', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '201903250007',
      control: 0x81,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x01,
      data: '119000000100',
    },
    message: { kind: 'read-data', di: '9011', value: 100 },
  },
  {
    name: 'reverse-active-total',
    source: 'hand-built from DL/T 645-1997 rules (9020 reverse active total XXXXXX.XX kWh)',
    edition: '1997',
    hex: [
      '68', // start
      '07 00 25 03 19 20', // address 201903250007, low byte first
      '68', // second start
      '81', // C: meter->master, read data, normal reply
      '06', // L = 6
      '53 C3', // DI 9020 (+33H, low byte first)
      '83 33 33 33', // XXXXXX.XX kWh: 0.50
      'F1', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '201903250007',
      control: 0x81,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x01,
      data: '209050000000',
    },
    message: { kind: 'read-data', di: '9020', value: 0.5 },
  },
  {
    name: 'voltage-b-not-available',
    source:
      'hand-built from DL/T 645-1997 rules (all-FF value = not available (phase B on a single-phase meter))',
    edition: '1997',
    hex: [
      'FE', // wake-up bytes, outside the checksum
      '68', // start
      '07 00 25 03 19 20', // address 201903250007, low byte first
      '68', // second start
      '81', // C: meter->master, read data, normal reply
      '04', // L = 4
      '45 E9', // DI B612 (+33H, low byte first)
      '32 32', // FF FF: not available
      '4F', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 1,
      address: '201903250007',
      control: 0x81,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x01,
      data: '12B6FFFF',
    },
    message: { kind: 'read-data', di: 'B612', value: null },
  },
  {
    name: 'current-a',
    source: 'hand-built from DL/T 645-1997 rules (B621 current XX.XX A, 2 bytes)',
    edition: '1997',
    hex: [
      '68', // start
      '07 00 25 03 19 20', // address 201903250007, low byte first
      '68', // second start
      '81', // C: meter->master, read data, normal reply
      '04', // L = 4
      '54 E9', // DI B621 (+33H, low byte first)
      '45 38', // XX.XX A: 5.12
      '77', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '201903250007',
      control: 0x81,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x01,
      data: '21B61205',
    },
    message: { kind: 'read-data', di: 'B621', value: 5.12 },
  },
  {
    name: 'active-power',
    source: 'hand-built from DL/T 645-1997 rules (B630 active power XX.XXXX kW, 3 bytes)',
    edition: '1997',
    hex: [
      '68', // start
      '07 00 25 03 19 20', // address 201903250007, low byte first
      '68', // second start
      '81', // C: meter->master, read data, normal reply
      '05', // L = 5
      '63 E9', // DI B630 (+33H, low byte first)
      '78 56 34', // XX.XXXX kW: 1.2345
      '0C', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '201903250007',
      control: 0x81,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x01,
      data: '30B6452301',
    },
    message: { kind: 'read-data', di: 'B630', value: 1.2345 },
  },
  {
    name: 'power-factor',
    source: 'hand-built from DL/T 645-1997 rules (B650 power factor X.XXX, 2 bytes)',
    edition: '1997',
    hex: [
      '68', // start
      '07 00 25 03 19 20', // address 201903250007, low byte first
      '68', // second start
      '81', // C: meter->master, read data, normal reply
      '04', // L = 4
      '83 E9', // DI B650 (+33H, low byte first)
      '83 3C', // X.XXX: 0.950
      'E8', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '201903250007',
      control: 0x81,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x01,
      data: '50B65009',
    },
    message: { kind: 'read-data', di: 'B650', value: 0.95 },
  },
  {
    name: 'date-response',
    source: 'hand-built from DL/T 645-1997 rules (C010 date YYMMDDWW)',
    edition: '1997',
    hex: [
      '68', // start
      '07 00 25 03 19 20', // address 201903250007, low byte first
      '68', // second start
      '81', // C: meter->master, read data, normal reply
      '06', // L = 6
      '43 F3', // DI C010 (+33H, low byte first)
      '38', // WW = 5 (Friday)
      '48', // DD = 15
      '36', // MM = 03
      '57', // YY = 24
      '02', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '201903250007',
      control: 0x81,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x01,
      data: '10C005150324',
    },
    message: { kind: 'read-data', di: 'C010', value: { year: 2024, month: 3, day: 15, weekday: 5 } },
  },
  {
    name: 'time-response',
    source: 'hand-built from DL/T 645-1997 rules (C011 time hhmmss)',
    edition: '1997',
    hex: [
      '68', // start
      '07 00 25 03 19 20', // address 201903250007, low byte first
      '68', // second start
      '81', // C: meter->master, read data, normal reply
      '05', // L = 5
      '44 F3', // DI C011 (+33H, low byte first)
      '48', // ss = 15
      '63', // mm = 30
      '3B', // hh = 08
      'DB', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '201903250007',
      control: 0x81,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x01,
      data: '11C0153008',
    },
    message: { kind: 'read-data', di: 'C011', value: { hour: 8, minute: 30, second: 15 } },
  },
  {
    name: 'meter-number',
    source: 'hand-built from DL/T 645-1997 rules (C032 meter number NNNNNNNNNNNN, 6 bytes)',
    edition: '1997',
    hex: [
      '68', // start
      '07 00 25 03 19 20', // address 201903250007, low byte first
      '68', // second start
      '81', // C: meter->master, read data, normal reply
      '08', // L = 8
      '65 F3', // DI C032 (+33H, low byte first)
      '89 67 45 33 33 33', // NNNNNNNNNNNN: 000000123456
      'E7', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '201903250007',
      control: 0x81,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x01,
      data: '32C0563412000000',
    },
    message: { kind: 'read-data', di: 'C032', value: '000000123456' },
  },
  {
    name: 'active-constant',
    source: 'hand-built from DL/T 645-1997 rules (C030 active constant NNNNNN imp/kWh, 3 bytes)',
    edition: '1997',
    hex: [
      '68', // start
      '07 00 25 03 19 20', // address 201903250007, low byte first
      '68', // second start
      '81', // C: meter->master, read data, normal reply
      '05', // L = 5
      '63 F3', // DI C030 (+33H, low byte first)
      '33 49 33', // NNNNNN: 001600 imp/kWh
      'C3', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '201903250007',
      control: 0x81,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x01,
      data: '30C0001600',
    },
    message: { kind: 'read-data', di: 'C030', value: 1600 },
  },
  {
    name: 'programming-count',
    source: 'hand-built from DL/T 645-1997 rules (B212 programming count NNNN, 2 bytes)',
    edition: '1997',
    hex: [
      '68', // start
      '07 00 25 03 19 20', // address 201903250007, low byte first
      '68', // second start
      '81', // C: meter->master, read data, normal reply
      '04', // L = 4
      '45 E5', // DI B212 (+33H, low byte first)
      '38 33', // NNNN: 0005
      '52', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '201903250007',
      control: 0x81,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x01,
      data: '12B20500',
    },
    message: { kind: 'read-data', di: 'B212', value: 5 },
  },
  {
    name: 'follow-up-first-frame',
    source: 'hand-built from DL/T 645-1997 rules (read data reply A1H: follow-up frame exists)',
    edition: '1997',
    hex: [
      '68', // start
      '07 00 25 03 19 20', // address 201903250007, low byte first
      '68', // second start
      'A1', // C: meter->master, read data, normal reply, follow-up frame exists
      '16', // L = 22
      '52 C3', // DI 901F (+33H, low byte first)
      '89 67 45 33', // total: 1234.56 kWh
      '33 33 34 33', // tariff 1: 100.00 kWh
      '83 33 38 33', // tariff 2: 500.50 kWh
      '39 33 39 33', // tariff 3: 600.06 kWh
      '33 67 33 33', // tariff 4: 34.00 kWh
      '32', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '201903250007',
      control: 0xa1,
      direction: 'response',
      abnormal: false,
      followUp: true,
      functionCode: 0x01,
      data: '1F905634120000000100500005000600060000340000',
    },
    message: { kind: 'read-data', di: '901F', value: [1234.56, 100, 500.5, 600.06, 34] },
  },
  // 1997 has no SEQ byte, so the message has no seq field.
  {
    name: 'read-follow-up-request',
    source: 'hand-built from DL/T 645-1997 rules (read follow-up data 02H: DI only, no SEQ in 1997)',
    edition: '1997',
    hex: [
      '68', // start
      '07 00 25 03 19 20', // address 201903250007, low byte first
      '68', // second start
      '02', // C: master->meter, read follow-up data
      '02', // L = 2
      '52 C3', // DI 901F (+33H, low byte first)
      '51', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '201903250007',
      control: 0x02,
      direction: 'request',
      abnormal: false,
      followUp: false,
      functionCode: 0x02,
      data: '1F90',
    },
    message: { kind: 'read-follow-up', di: '901F' },
  },
  // 're-read' is not among the listed message kinds; drop this vector if the codec names it differently.
  {
    name: 're-read-request',
    source: 'hand-built from DL/T 645-1997 rules (re-read data 03H, L = 0)',
    edition: '1997',
    hex: [
      '68', // start
      '07 00 25 03 19 20', // address 201903250007, low byte first
      '68', // second start
      '03', // C: master->meter, re-read data
      '00', // L = 0
      '3B', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '201903250007',
      control: 0x03,
      direction: 'request',
      abnormal: false,
      followUp: false,
      functionCode: 0x03,
      data: '',
    },
    message: { kind: 're-read' },
  },
  {
    name: 'read-abnormal-bad-identifier',
    source: 'hand-built from DL/T 645-1997 rules (abnormal reply C1H, error bit1)',
    edition: '1997',
    hex: [
      '68', // start
      '07 00 25 03 19 20', // address 201903250007, low byte first
      '68', // second start
      'C1', // C: meter->master, read data, abnormal reply
      '01', // L = 1
      '35', // ERR 02: bit1 wrong data identifier
      '2F', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '201903250007',
      control: 0xc1,
      direction: 'response',
      abnormal: true,
      followUp: false,
      functionCode: 0x01,
      data: '02',
    },
    message: { kind: 'abnormal', errorWord: 2, reasons: ['bad-identifier'] },
  },
  {
    name: 'read-abnormal-combined',
    source: 'hand-built from DL/T 645-1997 rules (abnormal reply C1H, error bits 0 and 1)',
    edition: '1997',
    hex: [
      '68', // start
      '07 00 25 03 19 20', // address 201903250007, low byte first
      '68', // second start
      'C1', // C: meter->master, read data, abnormal reply
      '01', // L = 1
      '36', // ERR 03: bit0 illegal data + bit1 wrong data identifier
      '30', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '201903250007',
      control: 0xc1,
      direction: 'response',
      abnormal: true,
      followUp: false,
      functionCode: 0x01,
      data: '03',
    },
    message: { kind: 'abnormal', errorWord: 3, reasons: ['illegal-data', 'bad-identifier'] },
  },
  {
    name: 'write-time-request',
    source: 'hand-built from DL/T 645-1997 rules (write data 04H: DI + PA P0P1P2 + value)',
    edition: '1997',
    hex: [
      '68', // start
      '07 00 25 03 19 20', // address 201903250007, low byte first
      '68', // second start
      '04', // C: master->meter, write data
      '09', // L = 9
      '44 F3', // DI C011 (+33H, low byte first)
      '34', // PA: password level 01
      '89 67 45', // P0 P1 P2: password 123456, low byte first
      '33 63 3B', // value hhmmss: 08:30:00 (ss mm hh)
      'B6', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '201903250007',
      control: 0x04,
      direction: 'request',
      abnormal: false,
      followUp: false,
      functionCode: 0x04,
      data: '11C001563412003008',
    },
    message: { kind: 'write-data', di: 'C011', passwordLevel: 1, password: '123456', value: '003008' },
  },
  {
    name: 'write-data-ack',
    source: 'hand-built from DL/T 645-1997 rules (write data normal reply 84H, L = 0)',
    edition: '1997',
    hex: [
      '68', // start
      '07 00 25 03 19 20', // address 201903250007, low byte first
      '68', // second start
      '84', // C: meter->master, write data, normal reply
      '00', // L = 0
      'BC', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '201903250007',
      control: 0x84,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x04,
      data: '',
    },
    message: { kind: 'ack' },
  },
  {
    name: 'write-abnormal-password',
    source: 'hand-built from DL/T 645-1997 rules (abnormal reply C4H, error bit2)',
    edition: '1997',
    hex: [
      '68', // start
      '07 00 25 03 19 20', // address 201903250007, low byte first
      '68', // second start
      'C4', // C: meter->master, write data, abnormal reply
      '01', // L = 1
      '37', // ERR 04: bit2 password error
      '34', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '201903250007',
      control: 0xc4,
      direction: 'response',
      abnormal: true,
      followUp: false,
      functionCode: 0x04,
      data: '04',
    },
    message: { kind: 'abnormal', errorWord: 4, reasons: ['password'] },
  },
  {
    name: 'write-abnormal-zones-periods-tariffs',
    source: 'hand-built from DL/T 645-1997 rules (abnormal reply C4H, error bits 4, 5, 6)',
    edition: '1997',
    hex: [
      '68', // start
      '07 00 25 03 19 20', // address 201903250007, low byte first
      '68', // second start
      'C4', // C: meter->master, write data, abnormal reply
      '01', // L = 1
      'A3', // ERR 70: bit4 year zones + bit5 daily periods + bit6 tariffs
      'A0', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '201903250007',
      control: 0xc4,
      direction: 'response',
      abnormal: true,
      followUp: false,
      functionCode: 0x04,
      data: '70',
    },
    message: {
      kind: 'abnormal',
      errorWord: 112,
      reasons: ['too-many-year-zones', 'too-many-day-periods', 'too-many-tariffs'],
    },
  },
  {
    name: 'broadcast-time',
    source: 'hand-built from DL/T 645-1997 rules (broadcast time 08H, data ssmmhhDDMMYY)',
    edition: '1997',
    hex: [
      '68', // start
      '99 99 99 99 99 99', // broadcast address 999999999999
      '68', // second start
      '08', // C: master->meter, broadcast time
      '06', // L = 6
      '33', // ss = 00
      '63', // mm = 30
      '3B', // hh = 08
      '48', // DD = 15
      '36', // MM = 03
      '57', // YY = 24
      '1A', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '999999999999',
      control: 0x08,
      direction: 'request',
      abnormal: false,
      followUp: false,
      functionCode: 0x08,
      data: '003008150324',
    },
    message: {
      kind: 'broadcast-time-sync',
      time: { year: 2024, month: 3, day: 15, hour: 8, minute: 30, second: 0 },
    },
  },
  {
    name: 'write-address-request',
    source: 'hand-built from DL/T 645-1997 rules (write device address 0AH to AAAAAAAAAAAA)',
    edition: '1997',
    hex: [
      '68', // start
      'AA AA AA AA AA AA', // wildcard address AAAAAAAAAAAA
      '68', // second start
      '0A', // C: master->meter, write device address
      '06', // L = 6
      '37 33 33 33 33 33', // new address 000000000004, low byte first
      '12', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: 'AAAAAAAAAAAA',
      control: 0x0a,
      direction: 'request',
      abnormal: false,
      followUp: false,
      functionCode: 0x0a,
      data: '040000000000',
    },
    message: { kind: 'write-address', newAddress: '000000000004' },
  },
  {
    name: 'write-address-ack',
    source:
      'hand-built from DL/T 645-1997 rules (write device address reply 8AH, L = 0, from the new address)',
    edition: '1997',
    hex: [
      '68', // start
      '04 00 00 00 00 00', // address 000000000004, low byte first
      '68', // second start
      '8A', // C: meter->master, write device address, normal reply
      '00', // L = 0
      '5E', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '000000000004',
      control: 0x8a,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x0a,
      data: '',
    },
    message: { kind: 'ack' },
  },
  {
    name: 'change-baud-request',
    source: 'hand-built from DL/T 645-1997 rules (change baud rate 0CH, Z bit3 = 2400)',
    edition: '1997',
    hex: [
      '68', // start
      '07 00 25 03 19 20', // address 201903250007, low byte first
      '68', // second start
      '0C', // C: master->meter, change baud rate
      '01', // L = 1
      '3B', // Z = 08H: bit3, 2400 bd
      '80', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '201903250007',
      control: 0x0c,
      direction: 'request',
      abnormal: false,
      followUp: false,
      functionCode: 0x0c,
      data: '08',
    },
    message: { kind: 'change-baud-rate', baud: 2400 },
  },
  {
    name: 'change-baud-response',
    source: 'hand-built from DL/T 645-1997 rules (change baud rate reply 8CH with Z)',
    edition: '1997',
    hex: [
      '68', // start
      '07 00 25 03 19 20', // address 201903250007, low byte first
      '68', // second start
      '8C', // C: meter->master, change baud rate, normal reply
      '01', // L = 1
      '3B', // Z = 08H: bit3, 2400 bd
      '00', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '201903250007',
      control: 0x8c,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x0c,
      data: '08',
    },
    message: { kind: 'change-baud-rate', baud: 2400 },
  },
  {
    name: 'change-password-request',
    source: 'hand-built from DL/T 645-1997 rules (change password 0FH: old PA P0P1P2 + new PA P0P1P2)',
    edition: '1997',
    hex: [
      '68', // start
      '07 00 25 03 19 20', // address 201903250007, low byte first
      '68', // second start
      '0F', // C: master->meter, change password
      '08', // L = 8
      '34', // old PA: level 01
      '89 67 45', // old password 123456, low byte first
      '34', // new PA: level 01
      '54 76 98', // new password 654321, low byte first
      '4E', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '201903250007',
      control: 0x0f,
      direction: 'request',
      abnormal: false,
      followUp: false,
      functionCode: 0x0f,
      data: '0156341201214365',
    },
    message: {
      kind: 'change-password',
      oldPasswordLevel: 1,
      oldPassword: '123456',
      newPasswordLevel: 1,
      newPassword: '654321',
    },
  },
  {
    name: 'change-password-response',
    source: 'hand-built from DL/T 645-1997 rules (change password reply 8FH with new PA P0P1P2)',
    edition: '1997',
    hex: [
      '68', // start
      '07 00 25 03 19 20', // address 201903250007, low byte first
      '68', // second start
      '8F', // C: meter->master, change password, normal reply
      '04', // L = 4
      '34', // new PA: level 01
      '54 76 98', // new password 654321, low byte first
      '61', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '201903250007',
      control: 0x8f,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x0f,
      data: '01214365',
    },
    message: { kind: 'change-password', newPasswordLevel: 1, newPassword: '654321' },
  },
  {
    name: 'clear-max-demand-request',
    source: 'hand-built from DL/T 645-1997 rules (clear maximum demand 10H: PA P0P1P2)',
    edition: '1997',
    hex: [
      '68', // start
      '07 00 25 03 19 20', // address 201903250007, low byte first
      '68', // second start
      '10', // C: master->meter, clear maximum demand
      '04', // L = 4
      '34', // PA: password level 01
      '89 67 45', // P0 P1 P2: password 123456, low byte first
      'B5', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '201903250007',
      control: 0x10,
      direction: 'request',
      abnormal: false,
      followUp: false,
      functionCode: 0x10,
      data: '01563412',
    },
    message: { kind: 'clear-max-demand', passwordLevel: 1, password: '123456' },
  },
  {
    name: 'clear-max-demand-ack',
    source: 'hand-built from DL/T 645-1997 rules (clear maximum demand reply 90H, L = 0)',
    edition: '1997',
    hex: [
      '68', // start
      '07 00 25 03 19 20', // address 201903250007, low byte first
      '68', // second start
      '90', // C: meter->master, clear maximum demand, normal reply
      '00', // L = 0
      'C8', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '201903250007',
      control: 0x90,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x10,
      data: '',
    },
    message: { kind: 'ack' },
  },
];
