/**
 * Golden DL/T 645-2007 frames, as data.
 *
 * None of these bytes comes from the OpenAMI encoder. Each vector is either a real or published frame, cited in
 * `source`, or written out by hand from the DL/T 645-2007 rules (clause named in `source`). Checksums and the +33H
 * scrambling were computed with a separate throwaway script and every frame was re-parsed by an independent
 * checker (start and end bytes, L, CS, data minus 33H).
 *
 * In `hex` each line is one field as it travels on the wire: data bytes are shown after +33H, and the comment gives
 * the value before scrambling. Multi-byte fields are low byte first; BCD throughout; signed values are
 * sign-magnitude with the sign in the top bit of the last byte sent.
 *
 * Use each vector three ways: decode(bytes) = message, encode(message) = bytes, decode(encode(message)) = message.
 */

/** One golden frame: the bytes, the frame fields, and the application meaning. */
export interface GoldenVector {
  /** Short and unique within its file. */
  readonly name: string;
  /** 'hand-built from DL/T 645-<edition> rules (<which rule>)' or the citation of a real or published frame. */
  readonly source: string;
  readonly edition: '2007' | '1997';
  /** The whole frame, wake-up bytes included, hex bytes separated by single spaces. */
  readonly hex: string;
  readonly frame: {
    /** Number of FE wake-up bytes before the first 68H. */
    readonly preamble: number;
    /** 12 characters, high digit first; 'A' for wildcard nibbles. */
    readonly address: string;
    /** The C byte. */
    readonly control: number;
    readonly direction: 'request' | 'response';
    readonly abnormal: boolean;
    readonly followUp: boolean;
    /** Bits 4-0 of C. */
    readonly functionCode: number;
    /** Data field after removing 33H, hex, transmission order; '' if none. */
    readonly data: string;
  };
  /** The application meaning. */
  readonly message: Record<string, unknown>;
}

export const golden2007: readonly GoldenVector[] = [
  // Real frame from /work/shared/vectors/real-frames.json; source is its `source` field.
  {
    name: 'real-read-voltage-a-request',
    source: 'johngai19/dlt645Driver test/dltparser_test.js, MIT',
    edition: '2007',
    hex: [
      'FE FE FE FE', // wake-up bytes, outside the checksum
      '68', // start
      '43 10 00 11 34 00', // address 003411001043, low byte first
      '68', // second start
      '11', // C: master->meter, read data
      '04', // L = 4
      '33 34 34 35', // DI 02010100 (+33H, low byte first)
      '4D', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 4,
      address: '003411001043',
      control: 0x11,
      direction: 'request',
      abnormal: false,
      followUp: false,
      functionCode: 0x11,
      data: '00010102',
    },
    message: { kind: 'read-data', di: '02010100' },
  },
  // Real frame from /work/shared/vectors/real-frames.json; source is its `source` field.
  {
    name: 'real-read-voltage-a-response',
    source: 'johngai19/dlt645Driver test/dltparser_test.js, MIT',
    edition: '2007',
    hex: [
      'FE FE FE FE', // wake-up bytes, outside the checksum
      '68', // start
      '43 10 00 11 34 00', // address 003411001043, low byte first
      '68', // second start
      '91', // C: meter->master, read data, normal reply
      '06', // L = 6
      '33 34 34 35', // DI 02010100 (+33H, low byte first)
      'CA 55', // voltage A XXX.X V: 229.7 (BCD 2297, low byte first)
      'EE', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 4,
      address: '003411001043',
      control: 0x91,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x11,
      data: '000101029722',
    },
    message: { kind: 'read-data', di: '02010100', value: 229.7 },
  },
  // Real frame from /work/shared/vectors/real-frames.json; source is its `source` field.
  {
    name: 'real-read-frequency-response',
    source: 'VaccariaSeed/go-dlt645-2007 master_test.go',
    edition: '2007',
    hex: [
      'FE FE FE FE', // wake-up bytes, outside the checksum
      '68', // start
      '00 51 44 18 11 17', // address 171118445100, low byte first
      '68', // second start
      '91', // C: meter->master, read data, normal reply
      '06', // L = 6
      '35 33 B3 35', // DI 02800002 (+33H, low byte first)
      '36 83', // frequency XX.XX Hz: 50.03 (BCD 5003, low byte first)
      '45', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 4,
      address: '171118445100',
      control: 0x91,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x11,
      data: '020080020350',
    },
    message: { kind: 'read-data', di: '02800002', value: 50.03 },
  },
  // Real frame from /work/shared/vectors/real-frames.json; source is its `source` field.
  // An implementation vector, not a real clock value: month 34 is invalid; kept as published, and the
  // expected message carries month 34 as is.
  {
    name: 'real-broadcast-time-sync-invalid-month',
    source: '600888/dlt645 cpp/tests (core_test.cpp "Python time-sync wire vector"), Apache-2.0',
    edition: '2007',
    hex: [
      'FE FE FE FE', // wake-up bytes, outside the checksum
      '68', // start
      '99 99 99 99 99 99', // broadcast address 999999999999
      '68', // second start
      '08', // C: master->meter, broadcast time sync
      '06', // L = 6
      '58', // ss = 25
      '44', // mm = 11
      '35', // hh = 02
      '45', // DD = 12
      '67', // MM = 34: not a valid month; an implementation vector, kept as published
      '89', // YY = 56
      '7A', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 4,
      address: '999999999999',
      control: 0x08,
      direction: 'request',
      abnormal: false,
      followUp: false,
      functionCode: 0x08,
      data: '251102123456',
    },
    message: {
      kind: 'broadcast-time-sync',
      time: { year: 2056, month: 34, day: 12, hour: 2, minute: 11, second: 25 },
    },
  },
  // Published example frame (web page); CS, L and +33H re-checked independently.
  {
    name: 'real-read-address-request-wildcard',
    source:
      'https://m.icode9.com/content-4-712469.html ("DL645通信协议97/07规约(附上下行例子)"), published example frame',
    edition: '2007',
    hex: [
      'FE FE FE', // wake-up bytes, outside the checksum
      '68', // start
      'AA AA AA AA AA AA', // wildcard address AAAAAAAAAAAA
      '68', // second start
      '13', // C: master->meter, read communication address
      '00', // L = 0
      'DF', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 3,
      address: 'AAAAAAAAAAAA',
      control: 0x13,
      direction: 'request',
      abnormal: false,
      followUp: false,
      functionCode: 0x13,
      data: '',
    },
    message: { kind: 'read-address' },
  },
  // Published example frame (web page); CS, L and +33H re-checked independently.
  {
    name: 'real-read-forward-active-total-request',
    source:
      'https://m.icode9.com/content-4-712469.html ("DL645通信协议97/07规约(附上下行例子)"), published example frame',
    edition: '2007',
    hex: [
      '68', // start
      '25 04 03 02 01 00', // address 000102030425, low byte first
      '68', // second start
      '11', // C: master->meter, read data
      '04', // L = 4
      '33 33 34 33', // DI 00010000 (+33H, low byte first)
      'E1', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '000102030425',
      control: 0x11,
      direction: 'request',
      abnormal: false,
      followUp: false,
      functionCode: 0x11,
      data: '00000100',
    },
    message: { kind: 'read-data', di: '00010000' },
  },
  // Published example frame (web page); CS, L and +33H re-checked independently.
  {
    name: 'real-read-forward-active-total-response',
    source:
      'https://m.icode9.com/content-4-712469.html ("DL645通信协议97/07规约(附上下行例子)"), published example frame',
    edition: '2007',
    hex: [
      '68', // start
      '25 04 03 02 01 00', // address 000102030425, low byte first
      '68', // second start
      '91', // C: meter->master, read data, normal reply
      '08', // L = 8
      '33 33 34 33', // DI 00010000 (+33H, low byte first)
      '75 39 45 33', // forward active total XXXXXX.XX kWh: 1206.42 (BCD 00120642, low byte first)
      '8B', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '000102030425',
      control: 0x91,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x11,
      data: '0000010042061200',
    },
    message: { kind: 'read-data', di: '00010000', value: 1206.42 },
  },
  // Published example frame (web page); CS, L and +33H re-checked independently.
  {
    name: 'real-read-forward-active-total-request-4fe',
    source: 'https://luatdoc.papapoi.com/572 ("合宙4G DTU+国网dlt645-2007协议抄表"), published example frame',
    edition: '2007',
    hex: [
      'FE FE FE FE', // wake-up bytes, outside the checksum
      '68', // start
      '78 56 34 12 00 00', // address 000012345678, low byte first
      '68', // second start
      '11', // C: master->meter, read data
      '04', // L = 4
      '33 33 34 33', // DI 00010000 (+33H, low byte first)
      'C6', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 4,
      address: '000012345678',
      control: 0x11,
      direction: 'request',
      abnormal: false,
      followUp: false,
      functionCode: 0x11,
      data: '00000100',
    },
    message: { kind: 'read-data', di: '00010000' },
  },
  {
    name: 'read-address-response',
    source: 'hand-built from DL/T 645-2007 rules (read communication address, reply 93H)',
    edition: '2007',
    hex: [
      '68', // start
      '01 00 15 05 23 20', // address 202305150001, low byte first
      '68', // second start
      '93', // C: meter->master, read communication address, normal reply
      '06', // L = 6
      '34 33 48 38 56 53', // A0..A5: address 202305150001, low byte first
      '57', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150001',
      control: 0x93,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x13,
      data: '010015052320',
    },
    message: { kind: 'read-address', address: '202305150001' },
  },
  {
    name: 'read-voltage-a-partial-wildcard',
    source: 'hand-built from DL/T 645-2007 rules (abbreviated address: high bytes filled with AAH)',
    edition: '2007',
    hex: [
      '68', // start
      '43 10 00 AA AA AA', // address AAAAAA001043: low bytes 43 10 00, high bytes wildcard AA
      '68', // second start
      '11', // C: master->meter, read data
      '04', // L = 4
      '33 34 34 35', // DI 02010100 (+33H, low byte first)
      '06', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: 'AAAAAA001043',
      control: 0x11,
      direction: 'request',
      abnormal: false,
      followUp: false,
      functionCode: 0x11,
      data: '00010102',
    },
    message: { kind: 'read-data', di: '02010100' },
  },
  {
    name: 'read-forward-active-block-request-2fe',
    source: 'hand-built from DL/T 645-2007 rules (read data 11H, energy block DI1 = FF)',
    edition: '2007',
    hex: [
      'FE FE', // wake-up bytes, outside the checksum
      '68', // start
      '18 00 15 05 23 20', // address 202305150018, low byte first
      '68', // second start
      '11', // C: master->meter, read data
      '04', // L = 4
      '33 32 34 33', // DI 0001FF00 (+33H, low byte first)
      '26', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 2,
      address: '202305150018',
      control: 0x11,
      direction: 'request',
      abnormal: false,
      followUp: false,
      functionCode: 0x11,
      data: '00FF0100',
    },
    message: { kind: 'read-data', di: '0001FF00' },
  },
  {
    name: 'read-voltage-b-request-1fe',
    source: 'hand-built from DL/T 645-2007 rules (read data 11H, one wake-up byte)',
    edition: '2007',
    hex: [
      'FE', // wake-up bytes, outside the checksum
      '68', // start
      '01 00 15 05 23 20', // address 202305150001, low byte first
      '68', // second start
      '11', // C: master->meter, read data
      '04', // L = 4
      '33 35 34 35', // DI 02010200 (+33H, low byte first)
      '14', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 1,
      address: '202305150001',
      control: 0x11,
      direction: 'request',
      abnormal: false,
      followUp: false,
      functionCode: 0x11,
      data: '00020102',
    },
    message: { kind: 'read-data', di: '02010200' },
  },
  {
    name: 'read-load-profile-request-block-count',
    source: 'hand-built from DL/T 645-2007 rules (read data 11H with a block count N after the DI)',
    edition: '2007',
    hex: [
      '68', // start
      '18 00 15 05 23 20', // address 202305150018, low byte first
      '68', // second start
      '11', // C: master->meter, read data
      '05', // L = 5
      '33 33 33 39', // DI 06000000 (+33H, low byte first)
      '38', // N = 5 record blocks
      '65', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150018',
      control: 0x11,
      direction: 'request',
      abnormal: false,
      followUp: false,
      functionCode: 0x11,
      data: '0000000605',
    },
    message: { kind: 'read-data', di: '06000000', blockCount: 5 },
  },
  {
    name: 'combined-active-total-positive',
    source: 'hand-built from DL/T 645-2007 rules (combined active energy 00000000, signed XXXXXX.XX kWh)',
    edition: '2007',
    hex: [
      '68', // start
      '01 00 15 05 23 20', // address 202305150001, low byte first
      '68', // second start
      '91', // C: meter->master, read data, normal reply
      '08', // L = 8
      '33 33 33 33', // DI 00000000 (+33H, low byte first)
      '89 67 45 33', // XXXXXX.XX kWh: 1234.56, sign bit clear
      'FB', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150001',
      control: 0x91,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x11,
      data: '0000000056341200',
    },
    message: { kind: 'read-data', di: '00000000', value: 1234.56 },
  },
  {
    name: 'combined-active-total-negative',
    source:
      'hand-built from DL/T 645-2007 rules (combined active energy 00000000, sign bit in the last byte)',
    edition: '2007',
    hex: [
      '68', // start
      '01 00 15 05 23 20', // address 202305150001, low byte first
      '68', // second start
      '91', // C: meter->master, read data, normal reply
      '08', // L = 8
      '33 33 33 33', // DI 00000000 (+33H, low byte first)
      '33 38 33 B3', // XXXXXX.XX kWh: -5.00 (BCD 00000500, top bit of last byte = sign)
      'E4', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150001',
      control: 0x91,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x11,
      data: '0000000000050080',
    },
    message: { kind: 'read-data', di: '00000000', value: -5 },
  },
  {
    name: 'forward-active-block-response',
    source: 'hand-built from DL/T 645-2007 rules (energy block 0001FF00: total then tariffs 1..4)',
    edition: '2007',
    hex: [
      '68', // start
      '18 00 15 05 23 20', // address 202305150018, low byte first
      '68', // second start
      '91', // C: meter->master, read data, normal reply
      '18', // L = 24
      '33 32 34 33', // DI 0001FF00 (+33H, low byte first)
      '9A 78 56 34', // total: 12345.67 kWh
      '89 67 45 33', // tariff 1: 1234.56 kWh
      'AB 89 67 33', // tariff 2: 3456.78 kWh
      'BC 9A 78 33', // tariff 3: 4567.89 kWh
      '77 B9 63 33', // tariff 4: 3086.44 kWh
      '53', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150018',
      control: 0x91,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x11,
      data: '00FF01006745230156341200785634008967450044863000',
    },
    message: { kind: 'read-data', di: '0001FF00', value: [12345.67, 1234.56, 3456.78, 4567.89, 3086.44] },
  },
  {
    name: 'forward-active-tariff-1',
    source: 'hand-built from DL/T 645-2007 rules (energy DI1 = 01: tariff 1)',
    edition: '2007',
    hex: [
      '68', // start
      '18 00 15 05 23 20', // address 202305150018, low byte first
      '68', // second start
      '91', // C: meter->master, read data, normal reply
      '08', // L = 8
      '33 34 34 33', // DI 00010100 (+33H, low byte first)
      '89 67 45 33', // tariff 1: 1234.56 kWh
      '14', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150018',
      control: 0x91,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x11,
      data: '0001010056341200',
    },
    message: { kind: 'read-data', di: '00010100', value: 1234.56 },
  },
  {
    name: 'forward-active-last-settlement',
    source: 'hand-built from DL/T 645-2007 rules (energy DI0 = 01: last settlement)',
    edition: '2007',
    hex: [
      '68', // start
      '18 00 15 05 23 20', // address 202305150018, low byte first
      '68', // second start
      '91', // C: meter->master, read data, normal reply
      '08', // L = 8
      '34 33 34 33', // DI 00010001 (+33H, low byte first)
      '58 33 4B 34', // total at last settlement: 11800.25 kWh
      'B6', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150018',
      control: 0x91,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x11,
      data: '0100010025001801',
    },
    message: { kind: 'read-data', di: '00010001', value: 11800.25 },
  },
  {
    name: 'reverse-active-total',
    source: 'hand-built from DL/T 645-2007 rules (reverse active energy 00020000, unsigned)',
    edition: '2007',
    hex: [
      '68', // start
      '18 00 15 05 23 20', // address 202305150018, low byte first
      '68', // second start
      '91', // C: meter->master, read data, normal reply
      '08', // L = 8
      '33 33 35 33', // DI 00020000 (+33H, low byte first)
      '67 45 33 33', // XXXXXX.XX kWh: 12.34
      'BE', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150018',
      control: 0x91,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x11,
      data: '0000020034120000',
    },
    message: { kind: 'read-data', di: '00020000', value: 12.34 },
  },
  {
    name: 'voltage-block-three-phase',
    source: 'hand-built from DL/T 645-2007 rules (voltage block 0201FF00: A, B, C, XXX.X V each)',
    edition: '2007',
    hex: [
      '68', // start
      '18 00 15 05 23 20', // address 202305150018, low byte first
      '68', // second start
      '91', // C: meter->master, read data, normal reply
      '0A', // L = 10
      '33 32 34 35', // DI 0201FF00 (+33H, low byte first)
      '34 56', // A: 230.1 V
      'CB 55', // B: 229.8 V
      '43 56', // C: 231.0 V
      'F1', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150018',
      control: 0x91,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x11,
      data: '00FF0102012398221023',
    },
    message: { kind: 'read-data', di: '0201FF00', value: [230.1, 229.8, 231] },
  },
  {
    name: 'voltage-b-not-available',
    source:
      'hand-built from DL/T 645-2007 rules (all-FF value = not available (phase B on a single-phase meter))',
    edition: '2007',
    hex: [
      'FE FE', // wake-up bytes, outside the checksum
      '68', // start
      '01 00 15 05 23 20', // address 202305150001, low byte first
      '68', // second start
      '91', // C: meter->master, read data, normal reply
      '06', // L = 6
      '33 35 34 35', // DI 02010200 (+33H, low byte first)
      '32 32', // FF FF: not available
      'FA', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 2,
      address: '202305150001',
      control: 0x91,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x11,
      data: '00020102FFFF',
    },
    message: { kind: 'read-data', di: '02010200', value: null },
  },
  {
    name: 'current-a-negative',
    source: 'hand-built from DL/T 645-2007 rules (current XXX.XXX A, 3 bytes, sign-magnitude)',
    edition: '2007',
    hex: [
      '68', // start
      '01 00 15 05 23 20', // address 202305150001, low byte first
      '68', // second start
      '91', // C: meter->master, read data, normal reply
      '07', // L = 7
      '33 34 35 35', // DI 02020100 (+33H, low byte first)
      '67 45 B3', // XXX.XXX A: -1.234 (BCD 001234, sign bit 80 in the last byte)
      'F6', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150001',
      control: 0x91,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x11,
      data: '00010202341280',
    },
    message: { kind: 'read-data', di: '02020100', value: -1.234 },
  },
  {
    name: 'current-b-positive',
    source: 'hand-built from DL/T 645-2007 rules (current XXX.XXX A, 3 bytes)',
    edition: '2007',
    hex: [
      '68', // start
      '18 00 15 05 23 20', // address 202305150018, low byte first
      '68', // second start
      '91', // C: meter->master, read data, normal reply
      '07', // L = 7
      '33 35 35 35', // DI 02020200 (+33H, low byte first)
      'AB 89 33', // XXX.XXX A: 5.678
      '16', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150018',
      control: 0x91,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x11,
      data: '00020202785600',
    },
    message: { kind: 'read-data', di: '02020200', value: 5.678 },
  },
  {
    name: 'active-power-total-negative',
    source: 'hand-built from DL/T 645-2007 rules (active power XX.XXXX kW, 3 bytes, sign-magnitude)',
    edition: '2007',
    hex: [
      '68', // start
      '18 00 15 05 23 20', // address 202305150018, low byte first
      '68', // second start
      '91', // C: meter->master, read data, normal reply
      '07', // L = 7
      '33 33 36 35', // DI 02030000 (+33H, low byte first)
      '33 83 B4', // XX.XXXX kW: -1.5 (BCD 015000, sign bit in the last byte)
      '18', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150018',
      control: 0x91,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x11,
      data: '00000302005081',
    },
    message: { kind: 'read-data', di: '02030000', value: -1.5 },
  },
  {
    name: 'active-power-a-positive',
    source: 'hand-built from DL/T 645-2007 rules (active power phase A 02030100)',
    edition: '2007',
    hex: [
      '68', // start
      '18 00 15 05 23 20', // address 202305150018, low byte first
      '68', // second start
      '91', // C: meter->master, read data, normal reply
      '07', // L = 7
      '33 34 36 35', // DI 02030100 (+33H, low byte first)
      '33 53 35', // XX.XXXX kW: 2.2
      '6A', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150018',
      control: 0x91,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x11,
      data: '00010302002002',
    },
    message: { kind: 'read-data', di: '02030100', value: 2.2 },
  },
  {
    name: 'reactive-power-total',
    source: 'hand-built from DL/T 645-2007 rules (reactive power 02040000 XX.XXXX kvar)',
    edition: '2007',
    hex: [
      '68', // start
      '18 00 15 05 23 20', // address 202305150018, low byte first
      '68', // second start
      '91', // C: meter->master, read data, normal reply
      '07', // L = 7
      '33 33 37 35', // DI 02040000 (+33H, low byte first)
      '67 45 33', // XX.XXXX kvar: 0.1234
      '8E', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150018',
      control: 0x91,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x11,
      data: '00000402341200',
    },
    message: { kind: 'read-data', di: '02040000', value: 0.1234 },
  },
  {
    name: 'apparent-power-total',
    source: 'hand-built from DL/T 645-2007 rules (apparent power 02050000 XX.XXXX kVA)',
    edition: '2007',
    hex: [
      '68', // start
      '18 00 15 05 23 20', // address 202305150018, low byte first
      '68', // second start
      '91', // C: meter->master, read data, normal reply
      '07', // L = 7
      '33 33 38 35', // DI 02050000 (+33H, low byte first)
      '33 83 35', // XX.XXXX kVA: 2.5
      '9B', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150018',
      control: 0x91,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x11,
      data: '00000502005002',
    },
    message: { kind: 'read-data', di: '02050000', value: 2.5 },
  },
  {
    name: 'power-factor-total',
    source: 'hand-built from DL/T 645-2007 rules (power factor 02060000 X.XXX, 2 bytes)',
    edition: '2007',
    hex: [
      '68', // start
      '18 00 15 05 23 20', // address 202305150018, low byte first
      '68', // second start
      '91', // C: meter->master, read data, normal reply
      '06', // L = 6
      '33 33 39 35', // DI 02060000 (+33H, low byte first)
      'BA 3C', // X.XXX: 0.987
      'A6', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150018',
      control: 0x91,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x11,
      data: '000006028709',
    },
    message: { kind: 'read-data', di: '02060000', value: 0.987 },
  },
  {
    name: 'power-factor-a-negative',
    source: 'hand-built from DL/T 645-2007 rules (power factor X.XXX, sign-magnitude)',
    edition: '2007',
    hex: [
      '68', // start
      '18 00 15 05 23 20', // address 202305150018, low byte first
      '68', // second start
      '91', // C: meter->master, read data, normal reply
      '06', // L = 6
      '33 34 39 35', // DI 02060100 (+33H, low byte first)
      '33 B8', // X.XXX: -0.5 (BCD 0500, sign bit in the last byte)
      '9C', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150018',
      control: 0x91,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x11,
      data: '000106020085',
    },
    message: { kind: 'read-data', di: '02060100', value: -0.5 },
  },
  {
    name: 'date-response',
    source: 'hand-built from DL/T 645-2007 rules (date 04000101 YYMMDDWW)',
    edition: '2007',
    hex: [
      '68', // start
      '01 00 15 05 23 20', // address 202305150001, low byte first
      '68', // second start
      '91', // C: meter->master, read data, normal reply
      '08', // L = 8
      '34 34 33 37', // DI 04000101 (+33H, low byte first)
      '38', // WW = 5 (Friday)
      '48', // DD = 15
      '36', // MM = 03
      '57', // YY = 24
      'A6', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150001',
      control: 0x91,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x11,
      data: '0101000405150324',
    },
    message: { kind: 'read-data', di: '04000101', value: { year: 2024, month: 3, day: 15, weekday: 5 } },
  },
  {
    name: 'time-response',
    source: 'hand-built from DL/T 645-2007 rules (time 04000102 hhmmss)',
    edition: '2007',
    hex: [
      '68', // start
      '01 00 15 05 23 20', // address 202305150001, low byte first
      '68', // second start
      '91', // C: meter->master, read data, normal reply
      '07', // L = 7
      '35 34 33 37', // DI 04000102 (+33H, low byte first)
      '63', // ss = 30
      '78', // mm = 45
      '46', // hh = 13
      'BA', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150001',
      control: 0x91,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x11,
      data: '02010004304513',
    },
    message: { kind: 'read-data', di: '04000102', value: { hour: 13, minute: 45, second: 30 } },
  },
  {
    name: 'communication-address-response',
    source: 'hand-built from DL/T 645-2007 rules (communication address 04000401, 6 bytes low first)',
    edition: '2007',
    hex: [
      '68', // start
      '01 00 15 05 23 20', // address 202305150001, low byte first
      '68', // second start
      '91', // C: meter->master, read data, normal reply
      '0A', // L = 10
      '34 37 33 37', // DI 04000401 (+33H, low byte first)
      '34 33 48 38 56 53', // NNNNNNNNNNNN: 202305150001
      '2E', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150001',
      control: 0x91,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x11,
      data: '01040004010015052320',
    },
    message: { kind: 'read-data', di: '04000401', value: '202305150001' },
  },
  {
    name: 'meter-number-response',
    source: 'hand-built from DL/T 645-2007 rules (meter number 04000402, 6 bytes low first)',
    edition: '2007',
    hex: [
      '68', // start
      '01 00 15 05 23 20', // address 202305150001, low byte first
      '68', // second start
      '91', // C: meter->master, read data, normal reply
      '0A', // L = 10
      '35 37 33 37', // DI 04000402 (+33H, low byte first)
      '89 67 45 33 33 33', // NNNNNNNNNNNN: 000000123456
      '6D', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150001',
      control: 0x91,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x11,
      data: '02040004563412000000',
    },
    message: { kind: 'read-data', di: '04000402', value: '000000123456' },
  },
  {
    name: 'status-word-1',
    source: 'hand-built from DL/T 645-2007 rules (running status word 1 04000501, 2 bytes raw)',
    edition: '2007',
    hex: [
      '68', // start
      '01 00 15 05 23 20', // address 202305150001, low byte first
      '68', // second start
      '91', // C: meter->master, read data, normal reply
      '06', // L = 6
      '34 38 33 37', // DI 04000501 (+33H, low byte first)
      '37 33', // raw 0004H, low byte first
      '05', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150001',
      control: 0x91,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x11,
      data: '010500040400',
    },
    message: { kind: 'read-data', di: '04000501', value: { raw: 4 } },
  },
  {
    name: 'status-word-3',
    source: 'hand-built from DL/T 645-2007 rules (running status word 3 04000503, 2 bytes raw)',
    edition: '2007',
    hex: [
      '68', // start
      '01 00 15 05 23 20', // address 202305150001, low byte first
      '68', // second start
      '91', // C: meter->master, read data, normal reply
      '06', // L = 6
      '36 38 33 37', // DI 04000503 (+33H, low byte first)
      '83 34', // raw 0150H, low byte first
      '54', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150001',
      control: 0x91,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x11,
      data: '030500045001',
    },
    message: { kind: 'read-data', di: '04000503', value: { raw: 336 } },
  },
  {
    name: 'alarm-amount-1',
    source: 'hand-built from DL/T 645-2007 rules (alarm amount 1 04001001 XXXXXX.XX yuan)',
    edition: '2007',
    hex: [
      '68', // start
      '01 00 15 05 23 20', // address 202305150001, low byte first
      '68', // second start
      '91', // C: meter->master, read data, normal reply
      '08', // L = 8
      '34 43 33 37', // DI 04001001 (+33H, low byte first)
      '33 53 33 33', // XXXXXX.XX yuan: 20.00
      '94', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150001',
      control: 0x91,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x11,
      data: '0110000400200000',
    },
    message: { kind: 'read-data', di: '04001001', value: 20 },
  },
  {
    name: 'hoarding-limit',
    source: 'hand-built from DL/T 645-2007 rules (hoarding limit 04001004 XXXXXX.XX yuan)',
    edition: '2007',
    hex: [
      '68', // start
      '01 00 15 05 23 20', // address 202305150001, low byte first
      '68', // second start
      '91', // C: meter->master, read data, normal reply
      '08', // L = 8
      '37 43 33 37', // DI 04001004 (+33H, low byte first)
      '33 33 83 33', // XXXXXX.XX yuan: 5000.00
      'C7', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150001',
      control: 0x91,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x11,
      data: '0410000400005000',
    },
    message: { kind: 'read-data', di: '04001004', value: 5000 },
  },
  {
    name: 'remaining-energy',
    source: 'hand-built from DL/T 645-2007 rules (remaining energy 00900100 XXXXXX.XX kWh)',
    edition: '2007',
    hex: [
      '68', // start
      '01 00 15 05 23 20', // address 202305150001, low byte first
      '68', // second start
      '91', // C: meter->master, read data, normal reply
      '08', // L = 8
      '33 34 C3 33', // DI 00900100 (+33H, low byte first)
      'AB 89 33 33', // XXXXXX.XX kWh: 56.78
      'BE', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150001',
      control: 0x91,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x11,
      data: '0001900078560000',
    },
    message: { kind: 'read-data', di: '00900100', value: 56.78 },
  },
  {
    name: 'overdraft-energy',
    source: 'hand-built from DL/T 645-2007 rules (overdraft energy 00900101 XXXXXX.XX kWh)',
    edition: '2007',
    hex: [
      '68', // start
      '01 00 15 05 23 20', // address 202305150001, low byte first
      '68', // second start
      '91', // C: meter->master, read data, normal reply
      '08', // L = 8
      '34 34 C3 33', // DI 00900101 (+33H, low byte first)
      '83 34 33 33', // XXXXXX.XX kWh: 1.50
      '42', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150001',
      control: 0x91,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x11,
      data: '0101900050010000',
    },
    message: { kind: 'read-data', di: '00900101', value: 1.5 },
  },
  {
    name: 'remaining-money',
    source: 'hand-built from DL/T 645-2007 rules (remaining money 00900200 XXXXXX.XX yuan)',
    edition: '2007',
    hex: [
      '68', // start
      '01 00 15 05 23 20', // address 202305150001, low byte first
      '68', // second start
      '91', // C: meter->master, read data, normal reply
      '08', // L = 8
      '33 35 C3 33', // DI 00900200 (+33H, low byte first)
      '78 56 34 33', // XXXXXX.XX yuan: 123.45
      '5A', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150001',
      control: 0x91,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x11,
      data: '0002900045230100',
    },
    message: { kind: 'read-data', di: '00900200', value: 123.45 },
  },
  {
    name: 'overdraft-money',
    source: 'hand-built from DL/T 645-2007 rules (overdraft money 00900201 XXXXXX.XX yuan)',
    edition: '2007',
    hex: [
      '68', // start
      '01 00 15 05 23 20', // address 202305150001, low byte first
      '68', // second start
      '91', // C: meter->master, read data, normal reply
      '08', // L = 8
      '34 35 C3 33', // DI 00900201 (+33H, low byte first)
      '83 36 33 33', // XXXXXX.XX yuan: 3.50
      '45', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150001',
      control: 0x91,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x11,
      data: '0102900050030000',
    },
    message: { kind: 'read-data', di: '00900201', value: 3.5 },
  },
  {
    name: 'last-purchase-date',
    source: 'hand-built from DL/T 645-2007 rules (last purchase date 03330101 YYMMDDhhmm)',
    edition: '2007',
    hex: [
      '68', // start
      '01 00 15 05 23 20', // address 202305150001, low byte first
      '68', // second start
      '91', // C: meter->master, read data, normal reply
      '09', // L = 9
      '34 34 66 36', // DI 03330101 (+33H, low byte first)
      '63', // mm = 30
      '3C', // hh = 09
      '47', // DD = 14
      '36', // MM = 03
      '57', // YY = 24
      '3F', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150001',
      control: 0x91,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x11,
      data: '010133033009140324',
    },
    message: {
      kind: 'read-data',
      di: '03330101',
      value: { year: 2024, month: 3, day: 14, hour: 9, minute: 30 },
    },
  },
  {
    name: 'purchase-count',
    source: 'hand-built from DL/T 645-2007 rules (total purchase count after last purchase 03330201 NNNN)',
    edition: '2007',
    hex: [
      '68', // start
      '01 00 15 05 23 20', // address 202305150001, low byte first
      '68', // second start
      '91', // C: meter->master, read data, normal reply
      '06', // L = 6
      '34 35 66 36', // DI 03330201 (+33H, low byte first)
      '45 33', // NNNN: 0012
      '42', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150001',
      control: 0x91,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x11,
      data: '010233031200',
    },
    message: { kind: 'read-data', di: '03330201', value: 12 },
  },
  {
    name: 'last-purchase-amount',
    source: 'hand-built from DL/T 645-2007 rules (last purchase amount 03330301 XXXXXX.XX yuan)',
    edition: '2007',
    hex: [
      '68', // start
      '01 00 15 05 23 20', // address 202305150001, low byte first
      '68', // second start
      '91', // C: meter->master, read data, normal reply
      '08', // L = 8
      '34 36 66 36', // DI 03330301 (+33H, low byte first)
      '33 33 35 33', // XXXXXX.XX yuan: 200.00
      '9B', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150001',
      control: 0x91,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x11,
      data: '0103330300000200',
    },
    message: { kind: 'read-data', di: '03330301', value: 200 },
  },
  {
    name: 'daily-frozen-time',
    source: 'hand-built from DL/T 645-2007 rules (last 1st daily freeze time 05060001 YYMMDDhhmm)',
    edition: '2007',
    hex: [
      '68', // start
      '18 00 15 05 23 20', // address 202305150018, low byte first
      '68', // second start
      '91', // C: meter->master, read data, normal reply
      '09', // L = 9
      '34 33 39 38', // DI 05060001 (+33H, low byte first)
      '33', // mm = 00
      '33', // hh = 00
      '48', // DD = 15
      '36', // MM = 03
      '57', // YY = 24
      'F2', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150018',
      control: 0x91,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x11,
      data: '010006050000150324',
    },
    message: {
      kind: 'read-data',
      di: '05060001',
      value: { year: 2024, month: 3, day: 15, hour: 0, minute: 0 },
    },
  },
  {
    name: 'daily-frozen-forward-active',
    source:
      'hand-built from DL/T 645-2007 rules (last 1st daily frozen forward active energy 05060101: total + 4 tariffs)',
    edition: '2007',
    hex: [
      '68', // start
      '18 00 15 05 23 20', // address 202305150018, low byte first
      '68', // second start
      '91', // C: meter->master, read data, normal reply
      '18', // L = 24
      '34 34 39 38', // DI 05060101 (+33H, low byte first)
      '38 34 56 34', // total: 12301.05 kWh
      '58 33 45 33', // tariff 1: 1200.25 kWh
      '83 33 67 33', // tariff 2: 3400.50 kWh
      '63 33 78 33', // tariff 3: 4500.30 kWh
      '33 33 65 33', // tariff 4: 3200.00 kWh
      '4F', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150018',
      control: 0x91,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x11,
      data: '010106050501230125001200500034003000450000003200',
    },
    message: { kind: 'read-data', di: '05060101', value: [12301.05, 1200.25, 3400.5, 4500.3, 3200] },
  },
  {
    name: 'daily-frozen-reverse-active',
    source:
      'hand-built from DL/T 645-2007 rules (last 1st daily frozen reverse active energy 05060201: total + 4 tariffs)',
    edition: '2007',
    hex: [
      '68', // start
      '18 00 15 05 23 20', // address 202305150018, low byte first
      '68', // second start
      '91', // C: meter->master, read data, normal reply
      '18', // L = 24
      '34 35 39 38', // DI 05060201 (+33H, low byte first)
      '45 33 33 33', // total: 0.12 kWh
      '45 33 33 33', // tariff 1: 0.12 kWh
      '33 33 33 33', // tariff 2: 0
      '33 33 33 33', // tariff 3: 0
      '33 33 33 33', // tariff 4: 0
      'E8', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150018',
      control: 0x91,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x11,
      data: '010206051200000012000000000000000000000000000000',
    },
    message: { kind: 'read-data', di: '05060201', value: [0.12, 0.12, 0, 0, 0] },
  },
  {
    name: 'power-down-count',
    source: 'hand-built from DL/T 645-2007 rules (power-down total count 03110000 NNNNNN)',
    edition: '2007',
    hex: [
      '68', // start
      '01 00 15 05 23 20', // address 202305150001, low byte first
      '68', // second start
      '91', // C: meter->master, read data, normal reply
      '07', // L = 7
      '33 33 44 36', // DI 03110000 (+33H, low byte first)
      '56 34 33', // NNNNNN: 000123
      '63', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150001',
      control: 0x91,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x11,
      data: '00001103230100',
    },
    message: { kind: 'read-data', di: '03110000', value: 123 },
  },
  {
    name: 'power-down-record',
    source:
      'hand-built from DL/T 645-2007 rules (last 1st power-down record 03110001: start + end YYMMDDhhmmss)',
    edition: '2007',
    hex: [
      '68', // start
      '01 00 15 05 23 20', // address 202305150001, low byte first
      '68', // second start
      '91', // C: meter->master, read data, normal reply
      '10', // L = 16
      '34 33 44 36', // DI 03110001 (+33H, low byte first)
      '38 48 55 43 36 57', // start ssmmhhDDMMYY: 2024-03-10 22:15:05
      '33 63 39 44 36 57', // end ssmmhhDDMMYY: 2024-03-11 06:30:00
      'F5', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150001',
      control: 0x91,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x11,
      data: '01001103051522100324003006110324',
    },
    message: {
      kind: 'read-data',
      di: '03110001',
      value: {
        start: { year: 2024, month: 3, day: 10, hour: 22, minute: 15, second: 5 },
        end: { year: 2024, month: 3, day: 11, hour: 6, minute: 30, second: 0 },
      },
    },
  },
  {
    name: 'clock-change-record',
    source:
      'hand-built from DL/T 645-2007 rules (last 1st clock-change record 03300401: operator code + before + after)',
    edition: '2007',
    hex: [
      '68', // start
      '01 00 15 05 23 20', // address 202305150001, low byte first
      '68', // second start
      '91', // C: meter->master, read data, normal reply
      '14', // L = 20
      '34 37 63 36', // DI 03300401 (+33H, low byte first)
      'AB 89 67 45', // operator code 12345678, low byte first
      '33 33 43 48 36 57', // before ssmmhhDDMMYY: 2024-03-15 10:00:00
      '63 35 43 48 36 57', // after ssmmhhDDMMYY: 2024-03-15 10:02:30
      'E5', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150001',
      control: 0x91,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x11,
      data: '0104300378563412000010150324300210150324',
    },
    message: {
      kind: 'read-data',
      di: '03300401',
      value: {
        operatorCode: '12345678',
        before: { year: 2024, month: 3, day: 15, hour: 10, minute: 0, second: 0 },
        after: { year: 2024, month: 3, day: 15, hour: 10, minute: 2, second: 30 },
      },
    },
  },
  // Follow-up trio (B1, then 12/92): an 8-tariff meter splitting block 0001FF00 into total + tariffs 1..4
  // and tariffs 5..8. Hand-built to exercise the follow-up flag and SEQ; not a capture.
  {
    name: 'follow-up-first-frame',
    source:
      'hand-built from DL/T 645-2007 rules (read data reply B1H: follow-up frame exists; 8-tariff meter, first part)',
    edition: '2007',
    hex: [
      '68', // start
      '18 00 15 05 23 20', // address 202305150018, low byte first
      '68', // second start
      'B1', // C: meter->master, read data, normal reply, follow-up frame exists
      '18', // L = 24
      '33 32 34 33', // DI 0001FF00 (+33H, low byte first)
      '33 33 53 35', // total: 22000.00 kWh
      '33 33 53 33', // tariff 1: 2000.00 kWh
      '33 33 63 33', // tariff 2: 3000.00 kWh
      '33 33 73 33', // tariff 3: 4000.00 kWh
      '33 33 83 33', // tariff 4: 5000.00 kWh
      'D8', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150018',
      control: 0xb1,
      direction: 'response',
      abnormal: false,
      followUp: true,
      functionCode: 0x11,
      data: '00FF01000000200200002000000030000000400000005000',
    },
    message: { kind: 'read-data', di: '0001FF00', value: [22000, 2000, 3000, 4000, 5000] },
  },
  {
    name: 'read-follow-up-request',
    source: 'hand-built from DL/T 645-2007 rules (read follow-up data 12H: DI + SEQ)',
    edition: '2007',
    hex: [
      '68', // start
      '18 00 15 05 23 20', // address 202305150018, low byte first
      '68', // second start
      '12', // C: master->meter, read follow-up data
      '05', // L = 5
      '33 32 34 33', // DI 0001FF00 (+33H, low byte first)
      '34', // SEQ = 1
      '5C', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150018',
      control: 0x12,
      direction: 'request',
      abnormal: false,
      followUp: false,
      functionCode: 0x12,
      data: '00FF010001',
    },
    message: { kind: 'read-follow-up', di: '0001FF00', seq: 1 },
  },
  {
    name: 'read-follow-up-response',
    source:
      'hand-built from DL/T 645-2007 rules (read follow-up reply 92H: DI + data + SEQ, no further frame)',
    edition: '2007',
    hex: [
      '68', // start
      '18 00 15 05 23 20', // address 202305150018, low byte first
      '68', // second start
      '92', // C: meter->master, read follow-up data, normal reply
      '15', // L = 21
      '33 32 34 33', // DI 0001FF00 (+33H, low byte first)
      '33 33 48 33', // tariff 5: 1500.00 kWh
      '33 33 58 33', // tariff 6: 2500.00 kWh
      '33 33 4B 33', // tariff 7: 1800.00 kWh
      '33 33 55 33', // tariff 8: 2200.00 kWh
      '34', // SEQ = 1
      '90', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150018',
      control: 0x92,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x12,
      data: '00FF01000000150000002500000018000000220001',
    },
    message: { kind: 'read-data', di: '0001FF00', value: [1500, 2500, 1800, 2200], seq: 1 },
  },
  {
    name: 'read-abnormal-no-data',
    source: 'hand-built from DL/T 645-2007 rules (abnormal reply D1H, error bit1)',
    edition: '2007',
    hex: [
      '68', // start
      '01 00 15 05 23 20', // address 202305150001, low byte first
      '68', // second start
      'D1', // C: meter->master, read data, abnormal reply
      '01', // L = 1
      '35', // ERR 02: bit1 no requested data
      '35', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150001',
      control: 0xd1,
      direction: 'response',
      abnormal: true,
      followUp: false,
      functionCode: 0x11,
      data: '02',
    },
    message: { kind: 'abnormal', errorWord: 2, reasons: ['no-data'] },
  },
  {
    name: 'read-abnormal-other',
    source: 'hand-built from DL/T 645-2007 rules (abnormal reply D1H, error bit0)',
    edition: '2007',
    hex: [
      '68', // start
      '01 00 15 05 23 20', // address 202305150001, low byte first
      '68', // second start
      'D1', // C: meter->master, read data, abnormal reply
      '01', // L = 1
      '34', // ERR 01: bit0 other error
      '34', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150001',
      control: 0xd1,
      direction: 'response',
      abnormal: true,
      followUp: false,
      functionCode: 0x11,
      data: '01',
    },
    message: { kind: 'abnormal', errorWord: 1, reasons: ['other'] },
  },
  {
    name: 'read-abnormal-combined',
    source: 'hand-built from DL/T 645-2007 rules (abnormal reply D1H, error bits 0 and 1)',
    edition: '2007',
    hex: [
      '68', // start
      '01 00 15 05 23 20', // address 202305150001, low byte first
      '68', // second start
      'D1', // C: meter->master, read data, abnormal reply
      '01', // L = 1
      '36', // ERR 03: bit0 other error + bit1 no requested data
      '36', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150001',
      control: 0xd1,
      direction: 'response',
      abnormal: true,
      followUp: false,
      functionCode: 0x11,
      data: '03',
    },
    message: { kind: 'abnormal', errorWord: 3, reasons: ['other', 'no-data'] },
  },
  {
    name: 'broadcast-time-sync',
    source: 'hand-built from DL/T 645-2007 rules (broadcast time sync 08H, data ssmmhhDDMMYY, no reply)',
    edition: '2007',
    hex: [
      'FE FE', // wake-up bytes, outside the checksum
      '68', // start
      '99 99 99 99 99 99', // broadcast address 999999999999
      '68', // second start
      '08', // C: master->meter, broadcast time sync
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
      preamble: 2,
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
    name: 'write-alarm-amount-1',
    source: 'hand-built from DL/T 645-2007 rules (write data 14H: DI + PA + P0P1P2 + C0..C3 + value)',
    edition: '2007',
    hex: [
      '68', // start
      '01 00 15 05 23 20', // address 202305150001, low byte first
      '68', // second start
      '14', // C: master->meter, write data
      '10', // L = 16
      '34 43 33 37', // DI 04001001 (+33H, low byte first)
      '35', // PA: password level 02
      '89 67 45', // P0 P1 P2: password 123456, low byte first
      'AB 89 67 45', // C0..C3: operator code 12345678, low byte first
      '33 53 33 33', // value XXXXXX.XX yuan: 20.00
      '69', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150001',
      control: 0x14,
      direction: 'request',
      abnormal: false,
      followUp: false,
      functionCode: 0x14,
      data: '01100004025634127856341200200000',
    },
    message: {
      kind: 'write-data',
      di: '04001001',
      passwordLevel: 2,
      password: '123456',
      operatorCode: '12345678',
      value: '00200000',
    },
  },
  {
    name: 'write-data-ack',
    source: 'hand-built from DL/T 645-2007 rules (write data normal reply 94H, L = 0)',
    edition: '2007',
    hex: [
      '68', // start
      '01 00 15 05 23 20', // address 202305150001, low byte first
      '68', // second start
      '94', // C: meter->master, write data, normal reply
      '00', // L = 0
      'C2', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150001',
      control: 0x94,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x14,
      data: '',
    },
    message: { kind: 'ack' },
  },
  {
    name: 'write-abnormal-unauthorized',
    source: 'hand-built from DL/T 645-2007 rules (abnormal reply D4H, error bit2)',
    edition: '2007',
    hex: [
      '68', // start
      '01 00 15 05 23 20', // address 202305150001, low byte first
      '68', // second start
      'D4', // C: meter->master, write data, abnormal reply
      '01', // L = 1
      '37', // ERR 04: bit2 password wrong / unauthorised
      '3A', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150001',
      control: 0xd4,
      direction: 'response',
      abnormal: true,
      followUp: false,
      functionCode: 0x14,
      data: '04',
    },
    message: { kind: 'abnormal', errorWord: 4, reasons: ['unauthorized'] },
  },
  {
    name: 'write-abnormal-zones-periods-tariffs',
    source: 'hand-built from DL/T 645-2007 rules (abnormal reply D4H, error bits 4, 5, 6)',
    edition: '2007',
    hex: [
      '68', // start
      '18 00 15 05 23 20', // address 202305150018, low byte first
      '68', // second start
      'D4', // C: meter->master, write data, abnormal reply
      '01', // L = 1
      'A3', // ERR 70: bit4 year zones + bit5 daily periods + bit6 tariffs
      'BD', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150018',
      control: 0xd4,
      direction: 'response',
      abnormal: true,
      followUp: false,
      functionCode: 0x14,
      data: '70',
    },
    message: {
      kind: 'abnormal',
      errorWord: 112,
      reasons: ['too-many-year-zones', 'too-many-day-periods', 'too-many-tariffs'],
    },
  },
  {
    name: 'write-address-request',
    source: 'hand-built from DL/T 645-2007 rules (write communication address 15H to AAAAAAAAAAAA)',
    edition: '2007',
    hex: [
      '68', // start
      'AA AA AA AA AA AA', // wildcard address AAAAAAAAAAAA
      '68', // second start
      '15', // C: master->meter, write communication address
      '06', // L = 6
      '35 33 48 38 56 53', // new address 202305150002, low byte first
      '78', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: 'AAAAAAAAAAAA',
      control: 0x15,
      direction: 'request',
      abnormal: false,
      followUp: false,
      functionCode: 0x15,
      data: '020015052320',
    },
    message: { kind: 'write-address', newAddress: '202305150002' },
  },
  {
    name: 'write-address-ack',
    source: 'hand-built from DL/T 645-2007 rules (write address reply 95H, L = 0, from the new address)',
    edition: '2007',
    hex: [
      '68', // start
      '02 00 15 05 23 20', // address 202305150002, low byte first
      '68', // second start
      '95', // C: meter->master, write communication address, normal reply
      '00', // L = 0
      'C4', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150002',
      control: 0x95,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x15,
      data: '',
    },
    message: { kind: 'ack' },
  },
  {
    name: 'freeze-monthly-pattern',
    source: 'hand-built from DL/T 645-2007 rules (freeze 16H, data mmhhDDMM, 99 = every month)',
    edition: '2007',
    hex: [
      '68', // start
      '18 00 15 05 23 20', // address 202305150018, low byte first
      '68', // second start
      '16', // C: master->meter, freeze
      '04', // L = 4
      '33', // mm = 00
      '33', // hh = 00
      '34', // DD = 01
      'CC', // MM = 99: every month
      'C5', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150018',
      control: 0x16,
      direction: 'request',
      abnormal: false,
      followUp: false,
      functionCode: 0x16,
      data: '00000199',
    },
    message: { kind: 'freeze', pattern: '99010000' },
  },
  {
    name: 'freeze-now-broadcast',
    source: 'hand-built from DL/T 645-2007 rules (freeze 16H, 99999999 = freeze now, broadcast)',
    edition: '2007',
    hex: [
      '68', // start
      '99 99 99 99 99 99', // broadcast address 999999999999
      '68', // second start
      '16', // C: master->meter, freeze
      '04', // L = 4
      'CC CC CC CC', // mmhhDDMM = 99999999: freeze now
      'B0', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '999999999999',
      control: 0x16,
      direction: 'request',
      abnormal: false,
      followUp: false,
      functionCode: 0x16,
      data: '99999999',
    },
    message: { kind: 'freeze', pattern: '99999999' },
  },
  {
    name: 'freeze-ack',
    source: 'hand-built from DL/T 645-2007 rules (freeze reply 96H, L = 0)',
    edition: '2007',
    hex: [
      '68', // start
      '18 00 15 05 23 20', // address 202305150018, low byte first
      '68', // second start
      '96', // C: meter->master, freeze, normal reply
      '00', // L = 0
      'DB', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150018',
      control: 0x96,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x16,
      data: '',
    },
    message: { kind: 'ack' },
  },
  {
    name: 'change-baud-request',
    source: 'hand-built from DL/T 645-2007 rules (change baud rate 17H, Z bit5 = 9600)',
    edition: '2007',
    hex: [
      '68', // start
      '01 00 15 05 23 20', // address 202305150001, low byte first
      '68', // second start
      '17', // C: master->meter, change baud rate
      '01', // L = 1
      '53', // Z = 20H: bit5, 9600 bd
      '99', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150001',
      control: 0x17,
      direction: 'request',
      abnormal: false,
      followUp: false,
      functionCode: 0x17,
      data: '20',
    },
    message: { kind: 'change-baud-rate', baud: 9600 },
  },
  {
    name: 'change-baud-response',
    source: 'hand-built from DL/T 645-2007 rules (change baud rate reply 97H with Z)',
    edition: '2007',
    hex: [
      '68', // start
      '01 00 15 05 23 20', // address 202305150001, low byte first
      '68', // second start
      '97', // C: meter->master, change baud rate, normal reply
      '01', // L = 1
      '53', // Z = 20H: bit5, 9600 bd
      '19', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150001',
      control: 0x97,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x17,
      data: '20',
    },
    message: { kind: 'change-baud-rate', baud: 9600 },
  },
  {
    name: 'change-baud-abnormal',
    source: 'hand-built from DL/T 645-2007 rules (abnormal reply D7H, error bit3)',
    edition: '2007',
    hex: [
      '68', // start
      '01 00 15 05 23 20', // address 202305150001, low byte first
      '68', // second start
      'D7', // C: meter->master, change baud rate, abnormal reply
      '01', // L = 1
      '3B', // ERR 08: bit3 baud rate cannot be changed
      '41', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150001',
      control: 0xd7,
      direction: 'response',
      abnormal: true,
      followUp: false,
      functionCode: 0x17,
      data: '08',
    },
    message: { kind: 'abnormal', errorWord: 8, reasons: ['baud-rate-unchangeable'] },
  },
  {
    name: 'change-password-request',
    source:
      'hand-built from DL/T 645-2007 rules (change password 18H: DI 04000C03 (level 2) + old PA P0P1P2 + new PA P0P1P2)',
    edition: '2007',
    hex: [
      '68', // start
      '01 00 15 05 23 20', // address 202305150001, low byte first
      '68', // second start
      '18', // C: master->meter, change password
      '0C', // L = 12
      '36 3F 33 37', // DI 04000C03 (+33H, low byte first)
      '35', // old PA: level 02
      '89 67 45', // old password 123456, low byte first
      '35', // new PA: level 02
      '54 76 98', // new password 654321, low byte first
      '32', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150001',
      control: 0x18,
      direction: 'request',
      abnormal: false,
      followUp: false,
      functionCode: 0x18,
      data: '030C00040256341202214365',
    },
    message: {
      kind: 'change-password',
      level: 2,
      oldPasswordLevel: 2,
      oldPassword: '123456',
      newPasswordLevel: 2,
      newPassword: '654321',
    },
  },
  {
    name: 'change-password-response',
    source: 'hand-built from DL/T 645-2007 rules (change password reply 98H with new PA P0P1P2)',
    edition: '2007',
    hex: [
      '68', // start
      '01 00 15 05 23 20', // address 202305150001, low byte first
      '68', // second start
      '98', // C: meter->master, change password, normal reply
      '04', // L = 4
      '35', // new PA: level 02
      '54 76 98', // new password 654321, low byte first
      '61', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150001',
      control: 0x98,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x18,
      data: '02214365',
    },
    message: { kind: 'change-password', newPasswordLevel: 2, newPassword: '654321' },
  },
  {
    name: 'clear-max-demand-request',
    source: 'hand-built from DL/T 645-2007 rules (clear maximum demand 19H: PA P0P1P2 C0..C3)',
    edition: '2007',
    hex: [
      '68', // start
      '18 00 15 05 23 20', // address 202305150018, low byte first
      '68', // second start
      '19', // C: master->meter, clear maximum demand
      '08', // L = 8
      '35', // PA: password level 02
      '89 67 45', // P0 P1 P2: password 123456, low byte first
      'AB 89 67 45', // C0..C3: operator code 12345678, low byte first
      'B0', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150018',
      control: 0x19,
      direction: 'request',
      abnormal: false,
      followUp: false,
      functionCode: 0x19,
      data: '0256341278563412',
    },
    message: { kind: 'clear-max-demand', passwordLevel: 2, password: '123456', operatorCode: '12345678' },
  },
  {
    name: 'clear-max-demand-ack',
    source: 'hand-built from DL/T 645-2007 rules (clear maximum demand reply 99H, L = 0)',
    edition: '2007',
    hex: [
      '68', // start
      '18 00 15 05 23 20', // address 202305150018, low byte first
      '68', // second start
      '99', // C: meter->master, clear maximum demand, normal reply
      '00', // L = 0
      'DE', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150018',
      control: 0x99,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x19,
      data: '',
    },
    message: { kind: 'ack' },
  },
  {
    name: 'meter-clear-request',
    source: 'hand-built from DL/T 645-2007 rules (meter clear 1AH: PA P0P1P2 C0..C3)',
    edition: '2007',
    hex: [
      '68', // start
      '01 00 15 05 23 20', // address 202305150001, low byte first
      '68', // second start
      '1A', // C: master->meter, meter clear
      '08', // L = 8
      '35', // PA: password level 02
      '89 67 45', // P0 P1 P2: password 123456, low byte first
      'AB 89 67 45', // C0..C3: operator code 12345678, low byte first
      '9A', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150001',
      control: 0x1a,
      direction: 'request',
      abnormal: false,
      followUp: false,
      functionCode: 0x1a,
      data: '0256341278563412',
    },
    message: { kind: 'meter-clear', passwordLevel: 2, password: '123456', operatorCode: '12345678' },
  },
  {
    name: 'meter-clear-ack',
    source: 'hand-built from DL/T 645-2007 rules (meter clear reply 9AH, L = 0)',
    edition: '2007',
    hex: [
      '68', // start
      '01 00 15 05 23 20', // address 202305150001, low byte first
      '68', // second start
      '9A', // C: meter->master, meter clear, normal reply
      '00', // L = 0
      'C8', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150001',
      control: 0x9a,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x1a,
      data: '',
    },
    message: { kind: 'ack' },
  },
  {
    name: 'event-clear-all-request',
    source: 'hand-built from DL/T 645-2007 rules (event clear 1BH: PA P0P1P2 C0..C3 DI, DI FFFFFFFF = all)',
    edition: '2007',
    hex: [
      '68', // start
      '01 00 15 05 23 20', // address 202305150001, low byte first
      '68', // second start
      '1B', // C: master->meter, event clear
      '0C', // L = 12
      '35', // PA: password level 02
      '89 67 45', // P0 P1 P2: password 123456, low byte first
      'AB 89 67 45', // C0..C3: operator code 12345678, low byte first
      '32 32 32 32', // DI FFFFFFFF: clear all events
      '67', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150001',
      control: 0x1b,
      direction: 'request',
      abnormal: false,
      followUp: false,
      functionCode: 0x1b,
      data: '0256341278563412FFFFFFFF',
    },
    message: {
      kind: 'event-clear',
      passwordLevel: 2,
      password: '123456',
      operatorCode: '12345678',
      di: 'FFFFFFFF',
    },
  },
  {
    name: 'event-clear-power-down-request',
    source: 'hand-built from DL/T 645-2007 rules (event clear 1BH with one event DI 03110000)',
    edition: '2007',
    hex: [
      '68', // start
      '01 00 15 05 23 20', // address 202305150001, low byte first
      '68', // second start
      '1B', // C: master->meter, event clear
      '0C', // L = 12
      '35', // PA: password level 02
      '89 67 45', // P0 P1 P2: password 123456, low byte first
      'AB 89 67 45', // C0..C3: operator code 12345678, low byte first
      '33 33 44 36', // DI 03110000 (+33H, low byte first)
      '7F', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150001',
      control: 0x1b,
      direction: 'request',
      abnormal: false,
      followUp: false,
      functionCode: 0x1b,
      data: '025634127856341200001103',
    },
    message: {
      kind: 'event-clear',
      passwordLevel: 2,
      password: '123456',
      operatorCode: '12345678',
      di: '03110000',
    },
  },
  {
    name: 'event-clear-ack',
    source: 'hand-built from DL/T 645-2007 rules (event clear reply 9BH, L = 0)',
    edition: '2007',
    hex: [
      '68', // start
      '01 00 15 05 23 20', // address 202305150001, low byte first
      '68', // second start
      '9B', // C: meter->master, event clear, normal reply
      '00', // L = 0
      'C9', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150001',
      control: 0x9b,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x1b,
      data: '',
    },
    message: { kind: 'ack' },
  },
  {
    name: 'remote-control-trip',
    source: 'hand-built from DL/T 645-2007 rules (remote control 1CH, N1 = 1AH trip)',
    edition: '2007',
    hex: [
      '68', // start
      '01 00 15 05 23 20', // address 202305150001, low byte first
      '68', // second start
      '1C', // C: master->meter, remote control
      '10', // L = 16
      '35', // PA: password level 02
      '89 67 45', // P0 P1 P2: password 123456, low byte first
      'AB 89 67 45', // C0..C3: operator code 12345678, low byte first
      '4D', // N1 = 1AH: trip
      '33', // N2 = 00
      '33 33 45 49 36 57', // N3..N8 valid until ssmmhhDDMMYY: 2024-03-16 12:00:00
      'A5', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150001',
      control: 0x1c,
      direction: 'request',
      abnormal: false,
      followUp: false,
      functionCode: 0x1c,
      data: '02563412785634121A00000012160324',
    },
    message: {
      kind: 'remote-control',
      passwordLevel: 2,
      password: '123456',
      operatorCode: '12345678',
      command: 'trip',
      validUntil: { year: 2024, month: 3, day: 16, hour: 12, minute: 0, second: 0 },
    },
  },
  {
    name: 'remote-control-close-permit',
    source: 'hand-built from DL/T 645-2007 rules (remote control 1CH, N1 = 1BH close permitted)',
    edition: '2007',
    hex: [
      '68', // start
      '01 00 15 05 23 20', // address 202305150001, low byte first
      '68', // second start
      '1C', // C: master->meter, remote control
      '10', // L = 16
      '35', // PA: password level 02
      '89 67 45', // P0 P1 P2: password 123456, low byte first
      'AB 89 67 45', // C0..C3: operator code 12345678, low byte first
      '4E', // N1 = 1BH: close-permit
      '33', // N2 = 00
      '33 33 45 49 36 57', // N3..N8 valid until ssmmhhDDMMYY: 2024-03-16 12:00:00
      'A6', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150001',
      control: 0x1c,
      direction: 'request',
      abnormal: false,
      followUp: false,
      functionCode: 0x1c,
      data: '02563412785634121B00000012160324',
    },
    message: {
      kind: 'remote-control',
      passwordLevel: 2,
      password: '123456',
      operatorCode: '12345678',
      command: 'close-permit',
      validUntil: { year: 2024, month: 3, day: 16, hour: 12, minute: 0, second: 0 },
    },
  },
  {
    name: 'remote-control-alarm',
    source: 'hand-built from DL/T 645-2007 rules (remote control 1CH, N1 = 2AH alarm)',
    edition: '2007',
    hex: [
      '68', // start
      '01 00 15 05 23 20', // address 202305150001, low byte first
      '68', // second start
      '1C', // C: master->meter, remote control
      '10', // L = 16
      '35', // PA: password level 02
      '89 67 45', // P0 P1 P2: password 123456, low byte first
      'AB 89 67 45', // C0..C3: operator code 12345678, low byte first
      '5D', // N1 = 2AH: alarm
      '33', // N2 = 00
      '33 33 45 49 36 57', // N3..N8 valid until ssmmhhDDMMYY: 2024-03-16 12:00:00
      'B5', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150001',
      control: 0x1c,
      direction: 'request',
      abnormal: false,
      followUp: false,
      functionCode: 0x1c,
      data: '02563412785634122A00000012160324',
    },
    message: {
      kind: 'remote-control',
      passwordLevel: 2,
      password: '123456',
      operatorCode: '12345678',
      command: 'alarm',
      validUntil: { year: 2024, month: 3, day: 16, hour: 12, minute: 0, second: 0 },
    },
  },
  {
    name: 'remote-control-protect-on',
    source: 'hand-built from DL/T 645-2007 rules (remote control 1CH, N1 = 3AH power-protect on)',
    edition: '2007',
    hex: [
      '68', // start
      '01 00 15 05 23 20', // address 202305150001, low byte first
      '68', // second start
      '1C', // C: master->meter, remote control
      '10', // L = 16
      '35', // PA: password level 02
      '89 67 45', // P0 P1 P2: password 123456, low byte first
      'AB 89 67 45', // C0..C3: operator code 12345678, low byte first
      '6D', // N1 = 3AH: protect-on
      '33', // N2 = 00
      '8C 8C 56 64 45 57', // N3..N8 valid until ssmmhhDDMMYY: 2024-12-31 23:59:59
      'B2', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150001',
      control: 0x1c,
      direction: 'request',
      abnormal: false,
      followUp: false,
      functionCode: 0x1c,
      data: '02563412785634123A00595923311224',
    },
    message: {
      kind: 'remote-control',
      passwordLevel: 2,
      password: '123456',
      operatorCode: '12345678',
      command: 'protect-on',
      validUntil: { year: 2024, month: 12, day: 31, hour: 23, minute: 59, second: 59 },
    },
  },
  {
    name: 'remote-control-ack',
    source: 'hand-built from DL/T 645-2007 rules (remote control reply 9CH, L = 0)',
    edition: '2007',
    hex: [
      '68', // start
      '01 00 15 05 23 20', // address 202305150001, low byte first
      '68', // second start
      '9C', // C: meter->master, remote control, normal reply
      '00', // L = 0
      'CA', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150001',
      control: 0x9c,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x1c,
      data: '',
    },
    message: { kind: 'ack' },
  },
  {
    name: 'remote-control-abnormal',
    source: 'hand-built from DL/T 645-2007 rules (abnormal reply DCH, error bit2)',
    edition: '2007',
    hex: [
      '68', // start
      '01 00 15 05 23 20', // address 202305150001, low byte first
      '68', // second start
      'DC', // C: meter->master, remote control, abnormal reply
      '01', // L = 1
      '37', // ERR 04: bit2 password wrong / unauthorised
      '42', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150001',
      control: 0xdc,
      direction: 'response',
      abnormal: true,
      followUp: false,
      functionCode: 0x1c,
      data: '04',
    },
    message: { kind: 'abnormal', errorWord: 4, reasons: ['unauthorized'] },
  },
  {
    name: 'security-identity-auth',
    source: 'hand-built from Q/GDW 1365-2013 安全认证 rules (03H, DI 070000FF: 密文1, 随机数1, 分散因子)',
    edition: '2007',
    hex: [
      '68', // start
      '01 00 15 05 23 20', // address 202305150001
      '68',
      '03', // C: master->meter, security authentication
      '20', // L = 32
      '32 33 33 3A', // DI 070000FF, low byte first
      'AB 89 67 45', // operator code 12345678
      '3B 3A 39 38 37 36 35 34', // ciphertext 1 = 0102030405060708, low byte first
      '4B 4A 49 48 47 46 45 44', // random 1 = 1112131415161718
      '34 33 48 38 56 53 33 33', // diversification factor 0000202305150001
      'F1', // CS
      '16',
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150001',
      control: 0x03,
      direction: 'request',
      abnormal: false,
      followUp: false,
      functionCode: 0x03,
      data: 'FF00000778563412080706050403020118171615141312110100150523200000',
    },
    message: {
      kind: 'security',
      operatorCode: '12345678',
      command: 'identity-auth',
      ciphertext: '0102030405060708',
      random: '1112131415161718',
      diversifier: '0000202305150001',
    },
  },
  {
    name: 'security-recharge',
    source:
      'hand-built from Q/GDW 1365-2013 安全认证 rules (03H, DI 070102FF: 购电金额, 购电次数, MAC1, 客户编号, MAC2)',
    edition: '2007',
    hex: [
      '68',
      '01 00 15 05 23 20', // address 202305150001
      '68',
      '03', // C: security authentication
      '1E', // L = 30
      '32 35 34 3A', // DI 070102FF
      'AB 89 67 45', // operator code 12345678
      '43 5A 33 33', // amount 10000 fen = 00002710H, low byte first
      '35 33 33 33', // purchase count 2
      '07 F6 E5 D4', // MAC1 A1B2C3D4
      '67 45 33 33 33 33', // customer number 000000001234, BCD low byte first
      '40 3F 3E 3D', // MAC2 0A0B0C0D
      'FD', // CS
      '16',
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150001',
      control: 0x03,
      direction: 'request',
      abnormal: false,
      followUp: false,
      functionCode: 0x03,
      data: 'FF020107785634121027000002000000D4C3B2A13412000000000D0C0B0A',
    },
    message: {
      kind: 'security',
      operatorCode: '12345678',
      command: 'recharge',
      amountFen: 10000,
      purchaseCount: 2,
      mac1: 'A1B2C3D4',
      customerNumber: '000000001234',
      mac2: '0A0B0C0D',
    },
  },
  {
    name: 'security-recharge-reply',
    source: 'hand-built from Q/GDW 1365-2013 安全认证 rules (normal reply 83H with the DI)',
    edition: '2007',
    hex: '68 01 00 15 05 23 20 68 83 04 32 35 34 3A 8A 16',
    frame: {
      preamble: 0,
      address: '202305150001',
      control: 0x83,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x03,
      data: 'FF020107',
    },
    message: { kind: 'security', command: 'recharge' },
  },
  {
    name: 'security-identity-auth-reply',
    source: 'hand-built from Q/GDW 1365-2013 安全认证 rules (83H: DI, 随机数2, ESAM序列号)',
    edition: '2007',
    hex: [
      '68',
      '01 00 15 05 23 20',
      '68',
      '83',
      '10', // L = 16
      '32 33 33 3A', // DI 070000FF
      '22 00 DE BC', // random 2 = 89ABCDEF, low byte first
      'AA 99 88 77 66 55 44 33', // ESAM serial 0011223344556677
      'C3',
      '16',
    ].join(' '),
    frame: {
      preamble: 0,
      address: '202305150001',
      control: 0x83,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x03,
      data: 'FF000007EFCDAB897766554433221100',
    },
    message: {
      kind: 'security',
      command: 'identity-auth',
      random: '89ABCDEF',
      esamSerial: '0011223344556677',
    },
  },
  {
    name: 'security-refused-purchase-count',
    source: 'hand-built from Q/GDW 1365-2013 安全认证 rules (C3H, SERR bit5 充值次数错误)',
    edition: '2007',
    hex: '68 01 00 15 05 23 20 68 C3 02 53 33 79 16',
    frame: {
      preamble: 0,
      address: '202305150001',
      control: 0xc3,
      direction: 'response',
      abnormal: true,
      followUp: false,
      functionCode: 0x03,
      data: '2000',
    },
    message: { kind: 'security-refused', errorWord: 0x20, reasons: ['purchase-count'] },
  },
  // 负荷记录 (Table A.7 identifiers; blocks in the standard's load-record format: A0H A0H, byte count, time,
  // six class sections each closed by AAH, block checksum, E5H). Hand-built; the block checksums and frame
  // checksums come from a throwaway script that knows nothing of the OpenAMI encoder. The layout was checked
  // against two meter firmwares and two independent implementations (a Rust meter simulator and a protocol
  // note), which agree on it.
  {
    name: 'load-records-from-time-request',
    source:
      'hand-built from DL/T 645-2007 rules (read data 11H for 06000001 给定时间记录块: DI, NN blocks, mmhhDDMMYY)',
    edition: '2007',
    hex: [
      '68', // start
      '43 10 00 11 34 00', // address 003411001043, low byte first
      '68', // second start
      '11', // C: master->meter, read data
      '0A', // L = 10
      '34 33 33 39', // DI 06000001 (+33H, low byte first)
      '35', // NN = 02 blocks
      '48 43 48 36 57', // given time 2024-03-15 10:15 (mm hh DD MM YY: 15 10 15 03 24)
      'EB', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '003411001043',
      control: 0x11,
      direction: 'request',
      abnormal: false,
      followUp: false,
      functionCode: 0x11,
      data: '01000006021510150324',
    },
    message: {
      kind: 'read-data',
      di: '06000001',
      blockCount: 2,
      from: { year: 2024, month: 3, day: 15, hour: 10, minute: 15 },
    },
  },
  {
    name: 'load-records-class-1-block',
    source:
      'hand-built from DL/T 645-2007 rules (reply 91H to 06010001: one 第1类负荷 block of a single-phase meter, other classes empty)',
    edition: '2007',
    hex: [
      '68', // start
      '43 10 00 11 34 00', // address 003411001043, low byte first
      '68', // second start
      '91', // C: meter->master, read data, normal reply
      '25', // L = 37
      '34 33 34 39', // DI 06010001 (+33H, low byte first)
      'D3 D3', // A0H A0H: 负荷记录起始码
      '4F', // 1CH = 28 bytes: time, sections, separators
      '63 43 48 36 57', // time 2024-03-15 10:30 (30 10 15 03 24)
      '33 56', // Ua 230.0 V (00 23)
      '32 32', // Ub: none (FF FF)
      '32 32', // Uc: none
      '33 63 33', // Ia 3.000 A (00 30 00)
      '32 32 32', // Ib: none
      '32 32 32', // Ic: none
      'CB 7C', // f 49.98 Hz (98 49)
      'DD', // AAH: end of class 1
      'DD DD DD DD DD', // AAH x5: classes 2-6 not in this block
      '31', // block checksum FEH: sum of A0H..last AAH mod 256
      '18', // E5H: 负荷记录结束码
      '66', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '003411001043',
      control: 0x91,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x11,
      data: '01000106A0A01C30101503240023FFFFFFFF003000FFFFFFFFFFFF9849AAAAAAAAAAAAFEE5',
    },
    message: {
      kind: 'read-data',
      di: '06010001',
      value: [
        {
          time: { year: 2024, month: 3, day: 15, hour: 10, minute: 30 },
          voltageCurrent: { voltageV: [230, null, null], currentA: [3, null, null], frequencyHz: 49.98 },
          power: null,
          powerFactor: null,
          energy: null,
          quadrantReactiveKvarh: null,
          demand: null,
        },
      ],
    },
  },
  {
    name: 'load-records-full-block-follow-up',
    source:
      'hand-built from DL/T 645-2007 rules (follow-up reply 92H to 06000000: one block with all six classes, SEQ 1)',
    edition: '2007',
    hex: [
      '68', // start
      '43 10 00 11 34 00', // address 003411001043, low byte first
      '68', // second start
      '92', // C: meter->master, read follow-up data, normal reply, no further frame
      '6C', // L = 108
      '33 33 33 39', // DI 06000000 (+33H, low byte first)
      'D3 D3', // A0H A0H: 负荷记录起始码
      '95', // 62H = 98 bytes: time, sections, separators
      '48 43 48 36 57', // time 2024-03-15 10:15 (15 10 15 03 24)
      '34 55', // Ua 220.1 V (01 22)
      'CB 54', // Ub 219.8 V (98 21)
      '43 55', // Uc 221.0 V (10 22)
      '56 84 33', // Ia 5.123 A (23 51 00)
      '33 78 33', // Ib 4.500 A (00 45 00)
      '67 45 B3', // Ic -1.234 A (34 12 80: sign bit set)
      '34 83', // f 50.01 Hz (01 50)
      'DD', // AAH: end of class 1
      '89 67 35', // P total 2.3456 kW (56 34 02)
      '33 33 34', // Pa 1.0000 kW (00 00 01)
      '33 53 34', // Pb 1.2000 kW (00 20 01)
      '89 47 33', // Pc 0.1456 kW (56 14 00)
      '33 83 33', // Q total 0.5000 kvar (00 50 00)
      '33 53 33', // Qa 0.2000 kvar (00 20 00)
      '33 63 33', // Qb 0.3000 kvar (00 30 00)
      '33 33 33', // Qc 0 kvar
      'DD', // AAH: end of class 2
      'AB 3C', // PF total 0.978 (78 09)
      'B4 3C', // PF a 0.981 (81 09)
      'A3 3C', // PF b 0.970 (70 09)
      '33 B8', // PF c -0.500 (00 85: sign bit set)
      'DD', // AAH: end of class 3
      '9A 78 56 34', // forward active 12345.67 kWh (67 45 23 01)
      '45 33 33 33', // reverse active 0.12 kWh (12 00 00 00)
      '89 67 35 33', // combined reactive 1 234.56 kvarh (56 34 02 00)
      '83 34 33 B3', // combined reactive 2 -1.50 kvarh (50 01 00 80)
      'DD', // AAH: end of class 4
      '33 33 35 33', // quadrant I 200.00 kvarh (00 00 02 00)
      '89 67 33 33', // quadrant II 34.56 kvarh (56 34 00 00)
      '83 33 33 33', // quadrant III 0.50 kvarh (50 00 00 00)
      '33 34 33 33', // quadrant IV 1.00 kvarh (00 01 00 00)
      'DD', // AAH: end of class 5
      '33 43 35', // active demand 2.1000 kW (00 10 02)
      '32 32 32', // reactive demand: none (FF FF FF)
      'DD', // AAH: end of class 6
      'FC', // block checksum C9H: sum of A0H..last AAH mod 256
      '18', // E5H: 负荷记录结束码
      '34', // SEQ = 1
      '68', // CS: sum of 68..last data byte mod 256
      '16', // end
    ].join(' '),
    frame: {
      preamble: 0,
      address: '003411001043',
      control: 0x92,
      direction: 'response',
      abnormal: false,
      followUp: false,
      functionCode: 0x12,
      data: '00000006A0A06215101503240122982110222351000045003412800150AA563402000001002001561400005000002000003000000000AA7809810970090085AA67452301120000005634020050010080AA00000200563400005000000000010000AA001002FFFFFFAAC9E501',
    },
    message: {
      kind: 'read-data',
      di: '06000000',
      seq: 1,
      value: [
        {
          time: { year: 2024, month: 3, day: 15, hour: 10, minute: 15 },
          voltageCurrent: {
            voltageV: [220.1, 219.8, 221],
            currentA: [5.123, 4.5, -1.234],
            frequencyHz: 50.01,
          },
          power: { activeKw: [2.3456, 1, 1.2, 0.1456], reactiveKvar: [0.5, 0.2, 0.3, 0] },
          powerFactor: [0.978, 0.981, 0.97, -0.5],
          energy: {
            forwardActiveKwh: 12345.67,
            reverseActiveKwh: 0.12,
            combinedReactive1Kvarh: 234.56,
            combinedReactive2Kvarh: -1.5,
          },
          quadrantReactiveKvarh: [200, 34.56, 0.5, 1],
          demand: { activeKw: 2.1, reactiveKvar: null },
        },
      ],
    },
  },
];
