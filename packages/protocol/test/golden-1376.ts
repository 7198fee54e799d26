/**
 * Golden Q/GDW 1376.1 frames, as data.
 *
 * None of these bytes comes from the OpenAMI encoder. The login is a published capture (cited in `source`); the
 * others are written out field by field from the rules of Q/GDW 1376.1-2013 (the clause is in `source`), with L
 * and CS computed by a separate throwaway script. The two DL/T 645 frames carried by AFN 10 are the real frames of
 * golden-2007.ts.
 *
 * In `hex` each line is one field as it travels on the wire, low byte first. `message` is the meaning: the frame's
 * fields and its data units as typed values (energies in 0.1 Wh, powers in 0.1 W, voltages in 0.1 V, currents in
 * mA, power factors in ‰; null where the terminal sent EEH).
 *
 * Use each vector three ways: decode(bytes) = message, encode(message) = bytes, decode(encode(message)) = message.
 */
import { fromHex } from '../src/hex.ts';
import type { Message } from '../src/q1376/message.ts';

export interface GoldenVector1376 {
  /** Short and unique. */
  readonly name: string;
  /** 'hand-built from Q/GDW 1376.1-2013 <clause>' or the citation of a published frame. */
  readonly source: string;
  /** The whole frame, hex bytes separated by single spaces. */
  readonly hex: string;
  readonly message: Message;
}

export const golden1376: readonly GoldenVector1376[] = [
  {
    name: 'login',
    source:
      'published capture: 集中器登录, https://iteye.com/blog/yangactive-2288789 (Q/GDW 376.1—2009 报文解析示例)',
    hex: [
      '68', // start
      '32 00', // L: 12 bytes of user data << 2 | protocol 2
      '32 00', // L again
      '68', // second start
      'C9', // C: up, PRM 1, function 9 (link test)
      '03 44 04 00 00', // A: area 4403, terminal 4, A3 00 (master 0, single)
      '02', // AFN 02 link check
      '71', // SEQ: FIR FIN CON, PSEQ 1
      '00 00 01 00', // DA p0, DT F1 login
      '88', // CS: sum of C … last byte mod 256
      '16', // end
    ].join(' '),
    message: {
      control: {
        direction: 'up',
        primary: true,
        frameCountBit: false,
        frameCountValid: false,
        functionCode: 9,
      },
      address: { area: '4403', terminal: 4, master: 0, group: false },
      afn: 0x02,
      sequence: { first: true, final: true, confirm: true, number: 1 },
      units: [{ kind: 'login', point: 0, fn: 1 }],
    },
  },
  {
    name: 'login-confirm',
    source: 'hand-built from Q/GDW 1376.1-2013 §5.1.3.1 (00 F1 answering the login above, §5.3)',
    hex: [
      '68', // start
      '32 00', // L: 12 bytes of user data << 2 | protocol 2
      '32 00', // L again
      '68', // second start
      '0B', // C: down, PRM 0, function 11 (link status)
      '03 44 04 00 00', // A: area 4403, terminal 4, A3 00 (master 0, single)
      '00', // AFN 00 confirm/deny
      '61', // SEQ: FIR FIN, RSEQ 1
      '00 00 01 00', // DA p0, DT F1 confirm all
      'B8', // CS: sum of C … last byte mod 256
      '16', // end
    ].join(' '),
    message: {
      control: {
        direction: 'down',
        primary: false,
        frameCountBit: false,
        frameCountValid: false,
        functionCode: 11,
      },
      address: { area: '4403', terminal: 4, master: 0, group: false },
      afn: 0x00,
      sequence: { first: true, final: true, confirm: false, number: 1 },
      units: [{ kind: 'confirm-all', point: 0, fn: 1 }],
    },
  },
  {
    name: 'heartbeat',
    source: 'hand-built from Q/GDW 1376.1-2013 §5.3 (02 F3 心跳)',
    hex: [
      '68', // start
      '32 00', // L: 12 bytes of user data << 2 | protocol 2
      '32 00', // L again
      '68', // second start
      'C9', // C: up, PRM 1, function 9
      '03 44 04 00 00', // A: area 4403, terminal 4, A3 00 (master 0, single)
      '02', // AFN 02
      '72', // SEQ: FIR FIN CON, PSEQ 2
      '00 00 04 00', // DA p0, DT F3 heartbeat
      '8C', // CS: sum of C … last byte mod 256
      '16', // end
    ].join(' '),
    message: {
      control: {
        direction: 'up',
        primary: true,
        frameCountBit: false,
        frameCountValid: false,
        functionCode: 9,
      },
      address: { area: '4403', terminal: 4, master: 0, group: false },
      afn: 0x02,
      sequence: { first: true, final: true, confirm: true, number: 2 },
      units: [{ kind: 'heartbeat', point: 0, fn: 3 }],
    },
  },
  {
    name: 'heartbeat-item-confirm',
    source:
      'hand-built from Q/GDW 1376.1-2013 §5.1.3.1 (00 F3 per item, as field master stations answer a heartbeat)',
    hex: [
      '68', // start
      '4A 00', // L: 18 bytes of user data << 2 | protocol 2
      '4A 00', // L again
      '68', // second start
      '0B', // C: down, PRM 0, function 11
      '03 44 04 00 00', // A: area 4403, terminal 4, A3 00 (master 0, single)
      '00', // AFN 00
      '62', // SEQ: FIR FIN, RSEQ 2
      '00 00 04 00', // DA p0, DT F3 per-item
      '02', // the AFN answered: 02
      '00 00 04 00', // DA p0, DT F3 heartbeat
      '00', // ERR 0: confirmed
      'C2', // CS: sum of C … last byte mod 256
      '16', // end
    ].join(' '),
    message: {
      control: {
        direction: 'down',
        primary: false,
        frameCountBit: false,
        frameCountValid: false,
        functionCode: 11,
      },
      address: { area: '4403', terminal: 4, master: 0, group: false },
      afn: 0x00,
      sequence: { first: true, final: true, confirm: false, number: 2 },
      units: [
        { kind: 'item-results', point: 0, fn: 3, afn: 0x02, items: [{ point: 0, fn: 3, errorCode: 0 }] },
      ],
    },
  },
  {
    name: 'logout',
    source: 'hand-built from Q/GDW 1376.1-2013 §5.3 (02 F2 退出登录)',
    hex: [
      '68', // start
      '32 00', // L: 12 bytes of user data << 2 | protocol 2
      '32 00', // L again
      '68', // second start
      'C9', // C: up, PRM 1, function 9
      '03 44 04 00 00', // A: area 4403, terminal 4, A3 00 (master 0, single)
      '02', // AFN 02
      '73', // SEQ: FIR FIN CON, PSEQ 3
      '00 00 02 00', // DA p0, DT F2 logout
      '8B', // CS: sum of C … last byte mod 256
      '16', // end
    ].join(' '),
    message: {
      control: {
        direction: 'up',
        primary: true,
        frameCountBit: false,
        frameCountValid: false,
        functionCode: 9,
      },
      address: { area: '4403', terminal: 4, master: 0, group: false },
      afn: 0x02,
      sequence: { first: true, final: true, confirm: true, number: 3 },
      units: [{ kind: 'logout', point: 0, fn: 2 }],
    },
  },
  {
    name: 'deny-all',
    source: 'hand-built from Q/GDW 1376.1-2013 §5.1.3.1 (00 F2 全部否认: no such data)',
    hex: [
      '68', // start
      '32 00', // L: 12 bytes of user data << 2 | protocol 2
      '32 00', // L again
      '68', // second start
      '89', // C: up, PRM 0, function 9 (deny: no data)
      '01 32 01 00 02', // A: area 3201, terminal 1, A3 02 (master 1, single)
      '00', // AFN 00
      '63', // SEQ: FIR FIN, RSEQ 3
      '00 00 02 00', // DA p0, DT F2 deny all
      '24', // CS: sum of C … last byte mod 256
      '16', // end
    ].join(' '),
    message: {
      control: {
        direction: 'up',
        primary: false,
        frameCountBit: false,
        frameCountValid: false,
        functionCode: 9,
      },
      address: { area: '3201', terminal: 1, master: 1, group: false },
      afn: 0x00,
      sequence: { first: true, final: true, confirm: false, number: 3 },
      units: [{ kind: 'deny-all', point: 0, fn: 2 }],
    },
  },
  {
    name: 'read-f129-request',
    source: 'hand-built from Q/GDW 1376.1-2013 §5.12 (0C F129 当前正向有功电能示值, p1)',
    hex: [
      '68', // start
      '32 00', // L: 12 bytes of user data << 2 | protocol 2
      '32 00', // L again
      '68', // second start
      '4B', // C: down, PRM 1, function 11 (request class 2)
      '01 32 01 00 02', // A: area 3201, terminal 1, A3 02 (master 1, single)
      '0C', // AFN 0C class 1 data
      '64', // SEQ: FIR FIN, PSEQ 4
      '01 01 01 10', // DA p1, DT F129
      '04', // CS: sum of C … last byte mod 256
      '16', // end
    ].join(' '),
    message: {
      control: {
        direction: 'down',
        primary: true,
        frameCountBit: false,
        frameCountValid: false,
        functionCode: 11,
      },
      address: { area: '3201', terminal: 1, master: 1, group: false },
      afn: 0x0c,
      sequence: { first: true, final: true, confirm: false, number: 4 },
      units: [{ kind: 'query', point: 1, fn: 129 }],
    },
  },
  {
    name: 'read-f129-answer',
    source: 'hand-built from Q/GDW 1376.1-2013 §5.12 (0C F129 answer, format 14 with one EE tariff)',
    hex: [
      '68', // start
      'AE 00', // L: 43 bytes of user data << 2 | protocol 2
      'AE 00', // L again
      '68', // second start
      '88', // C: up, PRM 0, function 8 (user data)
      '01 32 01 00 02', // A: area 3201, terminal 1, A3 02 (master 1, single)
      '0C', // AFN 0C
      '64', // SEQ: FIR FIN, RSEQ 4
      '01 01 01 10', // DA p1, DT F129
      '30 01 08 12 26', // read at 2026-12-08 01:30 (format 15: mm hh DD MM YY)
      '04', // M = 4 tariffs
      '78 56 34 12 00', // total 001234.5678 kWh (format 14)
      '00 00 00 03 00', // tariff 1: 000300.0000 kWh
      '00 00 00 04 00', // tariff 2: 000400.0000 kWh
      '78 56 34 05 00', // tariff 3: 000534.5678 kWh
      'EE EE EE EE EE', // tariff 4: no data (EE)
      '7E', // CS: sum of C … last byte mod 256
      '16', // end
    ].join(' '),
    message: {
      control: {
        direction: 'up',
        primary: false,
        frameCountBit: false,
        frameCountValid: false,
        functionCode: 8,
      },
      address: { area: '3201', terminal: 1, master: 1, group: false },
      afn: 0x0c,
      sequence: { first: true, final: true, confirm: false, number: 4 },
      units: [
        {
          kind: 'current-forward-active',
          point: 1,
          fn: 129,
          readAt: { year: 2026, month: 12, day: 8, hour: 1, minute: 30 },
          forwardActiveDeciWh: { total: 12345678, tariffs: [3000000, 4000000, 5345678, null] },
        },
      ],
    },
  },
  {
    name: 'read-f129-answer-with-events',
    source: 'hand-built from Q/GDW 1376.1-2013 §4.3.4.6.2 (ACD = 1: EC after the data units)',
    hex: [
      '68', // start
      'B6 00', // L: 45 bytes of user data << 2 | protocol 2
      'B6 00', // L again
      '68', // second start
      'A8', // C: up, PRM 0, ACD 1, function 8
      '01 32 01 00 02', // A: area 3201, terminal 1, A3 02 (master 1, single)
      '0C', // AFN 0C
      '64', // SEQ: FIR FIN, RSEQ 4
      '01 01 01 10', // DA p1, DT F129
      '30 01 08 12 26', // read at 2026-12-08 01:30 (format 15: mm hh DD MM YY)
      '04', // M = 4 tariffs
      '78 56 34 12 00', // total 001234.5678 kWh (format 14)
      '00 00 00 03 00', // tariff 1: 000300.0000 kWh
      '00 00 00 04 00', // tariff 2: 000400.0000 kWh
      '78 56 34 05 00', // tariff 3: 000534.5678 kWh
      'EE EE EE EE EE', // tariff 4: no data (EE)
      '05 11', // EC: EC1 5 important, EC2 17 normal events
      'B4', // CS: sum of C … last byte mod 256
      '16', // end
    ].join(' '),
    message: {
      control: {
        direction: 'up',
        primary: false,
        frameCountBit: false,
        frameCountValid: false,
        functionCode: 8,
      },
      address: { area: '3201', terminal: 1, master: 1, group: false },
      afn: 0x0c,
      sequence: { first: true, final: true, confirm: false, number: 4 },
      units: [
        {
          kind: 'current-forward-active',
          point: 1,
          fn: 129,
          readAt: { year: 2026, month: 12, day: 8, hour: 1, minute: 30 },
          forwardActiveDeciWh: { total: 12345678, tariffs: [3000000, 4000000, 5345678, null] },
        },
      ],
      eventCounters: { important: 5, normal: 17 },
    },
  },
  {
    name: 'read-f129-answer-16h-checksum',
    source: 'hand-built from Q/GDW 1376.1-2013 §4.3.2 (a frame framed by L: 16H in the data and as CS)',
    hex: [
      '68', // start
      '5E 00', // L: 23 bytes of user data << 2 | protocol 2
      '5E 00', // L again
      '68', // second start
      '88', // C: up, PRM 0, function 8
      '01 32 01 00 02', // A: area 3201, terminal 1, A3 02 (master 1, single)
      '0C', // AFN 0C
      '65', // SEQ: FIR FIN, RSEQ 5
      '02 01 01 10', // DA p2, DT F129
      '16 16 08 12 26', // read at 2026-12-08 16:16 (16H twice)
      '00', // M = 0: the total only
      '25 16 16 16 00', // total 001616.1625 kWh: 16H bytes inside
      '16', // CS: sum of C … last byte mod 256
      '16', // end
    ].join(' '),
    message: {
      control: {
        direction: 'up',
        primary: false,
        frameCountBit: false,
        frameCountValid: false,
        functionCode: 8,
      },
      address: { area: '3201', terminal: 1, master: 1, group: false },
      afn: 0x0c,
      sequence: { first: true, final: true, confirm: false, number: 5 },
      units: [
        {
          kind: 'current-forward-active',
          point: 2,
          fn: 129,
          readAt: { year: 2026, month: 12, day: 8, hour: 16, minute: 16 },
          forwardActiveDeciWh: { total: 16161625, tariffs: [] },
        },
      ],
    },
  },
  {
    name: 'read-clock-answer',
    source: 'hand-built from Q/GDW 1376.1-2013 §5.12 (0C F2 终端日历时钟, format 01)',
    hex: [
      '68', // start
      '4A 00', // L: 18 bytes of user data << 2 | protocol 2
      '4A 00', // L again
      '68', // second start
      '88', // C: up, PRM 0, function 8
      '01 32 01 00 02', // A: area 3201, terminal 1, A3 02 (master 1, single)
      '0C', // AFN 0C
      '66', // SEQ: FIR FIN, RSEQ 6
      '00 00 02 00', // DA p0, DT F2
      '05 04 03 08 52 26', // ss 05 mm 04 hh 03 DD 08, week 2 (Tuesday) << 5 | month 12, YY 26
      'BE', // CS: sum of C … last byte mod 256
      '16', // end
    ].join(' '),
    message: {
      control: {
        direction: 'up',
        primary: false,
        frameCountBit: false,
        frameCountValid: false,
        functionCode: 8,
      },
      address: { area: '3201', terminal: 1, master: 1, group: false },
      afn: 0x0c,
      sequence: { first: true, final: true, confirm: false, number: 6 },
      units: [
        {
          kind: 'terminal-clock',
          point: 0,
          fn: 2,
          time: { year: 2026, month: 12, day: 8, hour: 3, minute: 4, second: 5, weekday: 2 },
        },
      ],
    },
  },
  {
    name: 'read-instant-values-answer',
    source: 'hand-built from Q/GDW 1376.1-2013 §5.12 (0C F25, formats 05 07 09 25)',
    hex: [
      '68', // start
      '3E 01', // L: 79 bytes of user data << 2 | protocol 2
      '3E 01', // L again
      '68', // second start
      '88', // C: up, PRM 0, function 8
      '01 32 01 00 02', // A: area 3201, terminal 1, A3 02 (master 1, single)
      '0C', // AFN 0C
      '67', // SEQ: FIR FIN, RSEQ 7
      '01 01 01 03', // DA p1, DT F25
      '15 10 08 12 26', // read at 2026-12-08 10:15
      '45 23 01', // P total 01.2345 kW (format 09)
      '00 40 00', // Pa 00.4000 kW
      '00 41 00', // Pb 00.4100 kW
      '45 42 00', // Pc 00.4245 kW
      '00 15 80', // Q total -00.1500 kvar (sign bit)
      '00 05 80', // Qa -00.0500
      '00 05 80', // Qb -00.0500
      '00 05 80', // Qc -00.0500
      '85 09', // PF total 098.5 % (format 05)
      '90 09', // PFa 099.0
      '80 09', // PFb 098.0
      'EE EE', // PFc: no data
      '01 22', // Ua 220.1 V (format 07)
      '15 22', // Ub 221.5 V
      '98 21', // Uc 219.8 V
      '20 18 00', // Ia 001.820 A (format 25)
      '65 18 00', // Ib 001.865 A
      '30 19 80', // Ic -001.930 A
      '45 00 00', // I0 000.045 A
      '00 25 01', // S total 01.2500 kVA
      '00 41 00', // Sa
      '50 41 00', // Sb
      '50 42 00', // Sc
      '1D', // CS: sum of C … last byte mod 256
      '16', // end
    ].join(' '),
    message: {
      control: {
        direction: 'up',
        primary: false,
        frameCountBit: false,
        frameCountValid: false,
        functionCode: 8,
      },
      address: { area: '3201', terminal: 1, master: 1, group: false },
      afn: 0x0c,
      sequence: { first: true, final: true, confirm: false, number: 7 },
      units: [
        {
          kind: 'instant-values',
          point: 1,
          fn: 25,
          readAt: { year: 2026, month: 12, day: 8, hour: 10, minute: 15 },
          activePowerDeciW: { total: 12345, a: 4000, b: 4100, c: 4245 },
          reactivePowerDeciVar: { total: -1500, a: -500, b: -500, c: -500 },
          powerFactorPermille: { total: 985, a: 990, b: 980, c: null },
          voltageDeciV: { a: 2201, b: 2215, c: 2198 },
          currentMilliA: { a: 1820, b: 1865, c: -1930 },
          neutralCurrentMilliA: 45,
          apparentPowerDeciVa: { total: 12500, a: 4100, b: 4150, c: 4250 },
        },
      ],
    },
  },
  {
    name: 'read-f33-answer',
    source: 'hand-built from Q/GDW 1376.1-2013 §5.12 (0C F33, formats 14 and 11)',
    hex: [
      '68', // start
      'D2 00', // L: 52 bytes of user data << 2 | protocol 2
      'D2 00', // L again
      '68', // second start
      '88', // C: up, PRM 0, function 8
      '01 32 01 00 02', // A: area 3201, terminal 1, A3 02 (master 1, single)
      '0C', // AFN 0C
      '68', // SEQ: FIR FIN, RSEQ 8
      '01 01 01 04', // DA p1, DT F33
      '00 00 08 12 26', // read at 2026-12-08 00:00
      '01', // M = 1
      '32 54 76 98 00', // forward active total 9876.5432 kWh (format 14)
      '32 54 76 98 00', // forward active tariff 1 9876.5432 kWh (format 14)
      '45 23 01 00', // forward reactive total 123.45 kvarh (format 11)
      '45 23 01 00', // forward reactive tariff 1 123.45 kvarh (format 11)
      '00 00 01 00', // quadrant I total (format 11)
      '00 00 01 00', // quadrant I tariff 1 (format 11)
      '45 23 00 00', // quadrant IV total (format 11)
      '45 23 00 00', // quadrant IV tariff 1 (format 11)
      '46', // CS: sum of C … last byte mod 256
      '16', // end
    ].join(' '),
    message: {
      control: {
        direction: 'up',
        primary: false,
        frameCountBit: false,
        frameCountValid: false,
        functionCode: 8,
      },
      address: { area: '3201', terminal: 1, master: 1, group: false },
      afn: 0x0c,
      sequence: { first: true, final: true, confirm: false, number: 8 },
      units: [
        {
          kind: 'current-forward-registers',
          point: 1,
          fn: 33,
          readAt: { year: 2026, month: 12, day: 8, hour: 0, minute: 0 },
          forwardActiveDeciWh: { total: 98765432, tariffs: [98765432] },
          forwardReactiveDeciVarh: { total: 1234500, tariffs: [1234500] },
          quadrant1ReactiveDeciVarh: { total: 1000000, tariffs: [1000000] },
          quadrant4ReactiveDeciVarh: { total: 234500, tariffs: [234500] },
        },
      ],
    },
  },
  {
    name: 'daily-f161-request-p1',
    source: 'hand-built from Q/GDW 1376.1-2013 §5.13 (0D F161 with Td_d, format 20)',
    hex: [
      '68', // start
      '3E 00', // L: 15 bytes of user data << 2 | protocol 2
      '3E 00', // L again
      '68', // second start
      '4B', // C: down, PRM 1, function 11
      '01 32 01 00 02', // A: area 3201, terminal 1, A3 02 (master 1, single)
      '0D', // AFN 0D class 2 data
      '69', // SEQ: FIR FIN, PSEQ 9
      '01 01 01 14', // DA p1, DT F161
      '07 12 26', // Td_d: 2026-12-07 (DD MM YY)
      '4D', // CS: sum of C … last byte mod 256
      '16', // end
    ].join(' '),
    message: {
      control: {
        direction: 'down',
        primary: true,
        frameCountBit: false,
        frameCountValid: false,
        functionCode: 11,
      },
      address: { area: '3201', terminal: 1, master: 1, group: false },
      afn: 0x0d,
      sequence: { first: true, final: true, confirm: false, number: 9 },
      units: [{ kind: 'daily-query', point: 1, fn: 161, day: { year: 2026, month: 12, day: 7 } }],
    },
  },
  {
    name: 'daily-f161-answer-two-meters',
    source:
      'hand-built from Q/GDW 1376.1-2013 §5.13 (0D F161: several data units in one answer, each with its Td_d)',
    hex: [
      '68', // start
      '02 01', // L: 64 bytes of user data << 2 | protocol 2
      '02 01', // L again
      '68', // second start
      '88', // C: up, PRM 0, function 8
      '01 32 01 00 02', // A: area 3201, terminal 1, A3 02 (master 1, single)
      '0D', // AFN 0D
      '69', // SEQ: FIR FIN, RSEQ 9
      '01 01 01 14', // DA p1, DT F161
      '07 12 26', // Td_d: 2026-12-07
      '05 00 08 12 26', // read at 2026-12-08 00:05
      '02', // M = 2
      '00 00 00 15 00', // total 1500.0000 kWh
      '00 00 00 09 00', // tariff 1
      '00 00 00 06 00', // tariff 2
      '02 01 01 14', // DA p2, DT F161
      '07 12 26', // Td_d: 2026-12-07
      '05 00 08 12 26', // read at 2026-12-08 00:05
      '02', // M = 2
      '00 00 50 22 00', // total 2250.0000 kWh
      '00 00 50 12 00', // tariff 1
      '00 00 00 10 00', // tariff 2
      '77', // CS: sum of C … last byte mod 256
      '16', // end
    ].join(' '),
    message: {
      control: {
        direction: 'up',
        primary: false,
        frameCountBit: false,
        frameCountValid: false,
        functionCode: 8,
      },
      address: { area: '3201', terminal: 1, master: 1, group: false },
      afn: 0x0d,
      sequence: { first: true, final: true, confirm: false, number: 9 },
      units: [
        {
          kind: 'daily-forward-active',
          point: 1,
          fn: 161,
          day: { year: 2026, month: 12, day: 7 },
          readAt: { year: 2026, month: 12, day: 8, hour: 0, minute: 5 },
          forwardActiveDeciWh: { total: 15000000, tariffs: [9000000, 6000000] },
        },
        {
          kind: 'daily-forward-active',
          point: 2,
          fn: 161,
          day: { year: 2026, month: 12, day: 7 },
          readAt: { year: 2026, month: 12, day: 8, hour: 0, minute: 5 },
          forwardActiveDeciWh: { total: 22500000, tariffs: [12500000, 10000000] },
        },
      ],
    },
  },
  {
    name: 'monthly-f177-request',
    source: 'hand-built from Q/GDW 1376.1-2013 §5.13 (0D F177 with Td_m, format 21)',
    hex: [
      '68', // start
      '3A 00', // L: 14 bytes of user data << 2 | protocol 2
      '3A 00', // L again
      '68', // second start
      '4B', // C: down, PRM 1, function 11
      '01 32 01 00 02', // A: area 3201, terminal 1, A3 02 (master 1, single)
      '0D', // AFN 0D
      '6A', // SEQ: FIR FIN, PSEQ 10
      '01 01 01 16', // DA p1, DT F177
      '11 26', // Td_m: 2026-11 (MM YY)
      '48', // CS: sum of C … last byte mod 256
      '16', // end
    ].join(' '),
    message: {
      control: {
        direction: 'down',
        primary: true,
        frameCountBit: false,
        frameCountValid: false,
        functionCode: 11,
      },
      address: { area: '3201', terminal: 1, master: 1, group: false },
      afn: 0x0d,
      sequence: { first: true, final: true, confirm: false, number: 10 },
      units: [{ kind: 'monthly-query', point: 1, fn: 177, month: { year: 2026, month: 11 } }],
    },
  },
  {
    name: 'monthly-f177-answer',
    source: 'hand-built from Q/GDW 1376.1-2013 §5.13 (0D F177 answer)',
    hex: [
      '68', // start
      '66 00', // L: 25 bytes of user data << 2 | protocol 2
      '66 00', // L again
      '68', // second start
      '88', // C: up, PRM 0, function 8
      '01 32 01 00 02', // A: area 3201, terminal 1, A3 02 (master 1, single)
      '0D', // AFN 0D
      '6A', // SEQ: FIR FIN, RSEQ 10
      '01 01 01 16', // DA p1, DT F177
      '11 26', // Td_m: 2026-11
      '10 00 01 12 26', // read at 2026-12-01 00:10
      '00', // M = 0
      '00 00 00 14 00', // total 001400.0000 kWh
      'E2', // CS: sum of C … last byte mod 256
      '16', // end
    ].join(' '),
    message: {
      control: {
        direction: 'up',
        primary: false,
        frameCountBit: false,
        frameCountValid: false,
        functionCode: 8,
      },
      address: { area: '3201', terminal: 1, master: 1, group: false },
      afn: 0x0d,
      sequence: { first: true, final: true, confirm: false, number: 10 },
      units: [
        {
          kind: 'monthly-forward-active',
          point: 1,
          fn: 177,
          month: { year: 2026, month: 11 },
          readAt: { year: 2026, month: 12, day: 1, hour: 0, minute: 10 },
          forwardActiveDeciWh: { total: 14000000, tariffs: [] },
        },
      ],
    },
  },
  {
    name: 'daily-f5-answer',
    source: 'hand-built from Q/GDW 1376.1-2013 §5.13 (0D F5 日冻结正向有功电能量, format 13)',
    hex: [
      '68', // start
      '62 00', // L: 24 bytes of user data << 2 | protocol 2
      '62 00', // L again
      '68', // second start
      '88', // C: up, PRM 0, function 8
      '01 32 01 00 02', // A: area 3201, terminal 1, A3 02 (master 1, single)
      '0D', // AFN 0D
      '6B', // SEQ: FIR FIN, RSEQ 11
      '01 01 10 00', // DA p1, DT F5
      '07 12 26', // Td_d: 2026-12-07
      '01', // M = 1
      '56 34 12 00', // total 0012.3456 kWh (format 13)
      'EE EE EE EE', // tariff 1: no data
      'DC', // CS: sum of C … last byte mod 256
      '16', // end
    ].join(' '),
    message: {
      control: {
        direction: 'up',
        primary: false,
        frameCountBit: false,
        frameCountValid: false,
        functionCode: 8,
      },
      address: { area: '3201', terminal: 1, master: 1, group: false },
      afn: 0x0d,
      sequence: { first: true, final: true, confirm: false, number: 11 },
      units: [
        {
          kind: 'daily-forward-active-consumption',
          point: 1,
          fn: 5,
          day: { year: 2026, month: 12, day: 7 },
          forwardActiveDeciWh: { total: 123456, tariffs: [null] },
        },
      ],
    },
  },
  {
    name: 'monthly-f21-answer',
    source: 'hand-built from Q/GDW 1376.1-2013 §5.13 (0D F21 月冻结正向有功电能量)',
    hex: [
      '68', // start
      '4E 00', // L: 19 bytes of user data << 2 | protocol 2
      '4E 00', // L again
      '68', // second start
      '88', // C: up, PRM 0, function 8
      '01 32 01 00 02', // A: area 3201, terminal 1, A3 02 (master 1, single)
      '0D', // AFN 0D
      '6C', // SEQ: FIR FIN, RSEQ 12
      '01 01 10 02', // DA p1, DT F21
      '11 26', // Td_m: 2026-11
      '00', // M = 0
      '89 67 45 03', // total 0345.6789 kWh
      'BA', // CS: sum of C … last byte mod 256
      '16', // end
    ].join(' '),
    message: {
      control: {
        direction: 'up',
        primary: false,
        frameCountBit: false,
        frameCountValid: false,
        functionCode: 8,
      },
      address: { area: '3201', terminal: 1, master: 1, group: false },
      afn: 0x0d,
      sequence: { first: true, final: true, confirm: false, number: 12 },
      units: [
        {
          kind: 'monthly-forward-active-consumption',
          point: 1,
          fn: 21,
          month: { year: 2026, month: 11 },
          forwardActiveDeciWh: { total: 3456789, tariffs: [] },
        },
      ],
    },
  },
  {
    name: 'daily-f1-answer',
    source: 'hand-built from Q/GDW 1376.1-2013 §5.13 (0D F1: F33 registers with Td_d)',
    hex: [
      '68', // start
      '9A 00', // L: 38 bytes of user data << 2 | protocol 2
      '9A 00', // L again
      '68', // second start
      '88', // C: up, PRM 0, function 8
      '01 32 01 00 02', // A: area 3201, terminal 1, A3 02 (master 1, single)
      '0D', // AFN 0D
      '6D', // SEQ: FIR FIN, RSEQ 13
      '01 01 01 00', // DA p1, DT F1
      '07 12 26', // Td_d: 2026-12-07
      '01 00 08 12 26', // read at 2026-12-08 00:01
      '00', // M = 0
      '32 54 76 98 00', // forward active total 9876.5432 kWh (format 14)
      '45 23 01 00', // forward reactive total 123.45 kvarh (format 11)
      '00 00 01 00', // quadrant I total (format 11)
      '45 23 00 00', // quadrant IV total (format 11)
      '21', // CS: sum of C … last byte mod 256
      '16', // end
    ].join(' '),
    message: {
      control: {
        direction: 'up',
        primary: false,
        frameCountBit: false,
        frameCountValid: false,
        functionCode: 8,
      },
      address: { area: '3201', terminal: 1, master: 1, group: false },
      afn: 0x0d,
      sequence: { first: true, final: true, confirm: false, number: 13 },
      units: [
        {
          kind: 'daily-forward-registers',
          point: 1,
          fn: 1,
          day: { year: 2026, month: 12, day: 7 },
          readAt: { year: 2026, month: 12, day: 8, hour: 0, minute: 1 },
          forwardActiveDeciWh: { total: 98765432, tariffs: [] },
          forwardReactiveDeciVarh: { total: 1234500, tariffs: [] },
          quadrant1ReactiveDeciVarh: { total: 1000000, tariffs: [] },
          quadrant4ReactiveDeciVarh: { total: 234500, tariffs: [] },
        },
      ],
    },
  },
  {
    name: 'set-meter-table',
    source: 'hand-built from Q/GDW 1376.1-2013 §5.5 (04 F10, one 27-byte row, with PW)',
    hex: [
      '68', // start
      'E6 00', // L: 57 bytes of user data << 2 | protocol 2
      'E6 00', // L again
      '68', // second start
      '4A', // C: down, PRM 1, function 10 (request class 1)
      '01 32 01 00 02', // A: area 3201, terminal 1, A3 02 (master 1, single)
      '04', // AFN 04 set parameters
      '7E', // SEQ: FIR FIN CON, PSEQ 14
      '00 00 02 01', // DA p0, DT F10
      '01 00', // n = 1 row
      '01 00', // index 1
      '01 00', // measuring point 1
      '62', // rate 3 (2400 bit/s) << 5 | port 2
      '1E', // protocol 30: DL/T 645-2007
      '43 10 00 11 34 00', // address 003411001043 (format 12, low byte first)
      '00 00 00 00 00 00', // password 0
      '04', // 4 tariffs
      '05', // digits: 01 (5 integer) << 2 | 01 (2 decimals)
      '00 00 00 00 00 00', // no collector
      '51', // user class 5, subclass 1
      '00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00', // PW: 16 bytes
      '7A', // CS: sum of C … last byte mod 256
      '16', // end
    ].join(' '),
    message: {
      control: {
        direction: 'down',
        primary: true,
        frameCountBit: false,
        frameCountValid: false,
        functionCode: 10,
      },
      address: { area: '3201', terminal: 1, master: 1, group: false },
      afn: 0x04,
      sequence: { first: true, final: true, confirm: true, number: 14 },
      units: [
        {
          kind: 'meter-table',
          point: 0,
          fn: 10,
          meters: [
            {
              index: 1,
              point: 1,
              port: 2,
              baud: 2400,
              protocol: 30,
              address: '003411001043',
              password: 0,
              tariffCount: 4,
              integerDigits: 5,
              decimalDigits: 2,
              collectorAddress: '000000000000',
              userClass: 5,
              userSubclass: 1,
            },
          ],
        },
      ],
      password: new Uint8Array(16),
    },
  },
  {
    name: 'query-meter-table',
    source: 'hand-built from Q/GDW 1376.1-2013 §5.10 (0A F10 by index)',
    hex: [
      '68', // start
      '4A 00', // L: 18 bytes of user data << 2 | protocol 2
      '4A 00', // L again
      '68', // second start
      '4B', // C: down, PRM 1, function 11
      '01 32 01 00 02', // A: area 3201, terminal 1, A3 02 (master 1, single)
      '0A', // AFN 0A query parameters
      '6F', // SEQ: FIR FIN, PSEQ 15
      '00 00 02 01', // DA p0, DT F10
      '02 00', // n = 2
      '01 00', // index 1
      '02 00', // index 2
      '02', // CS: sum of C … last byte mod 256
      '16', // end
    ].join(' '),
    message: {
      control: {
        direction: 'down',
        primary: true,
        frameCountBit: false,
        frameCountValid: false,
        functionCode: 11,
      },
      address: { area: '3201', terminal: 1, master: 1, group: false },
      afn: 0x0a,
      sequence: { first: true, final: true, confirm: false, number: 15 },
      units: [{ kind: 'meter-table-query', point: 0, fn: 10, indexes: [1, 2] }],
    },
  },
  {
    name: 'query-meter-table-answer',
    source: 'hand-built from Q/GDW 1376.1-2013 §5.10 (0A F10 answer)',
    hex: [
      '68', // start
      'A6 00', // L: 41 bytes of user data << 2 | protocol 2
      'A6 00', // L again
      '68', // second start
      '88', // C: up, PRM 0, function 8
      '01 32 01 00 02', // A: area 3201, terminal 1, A3 02 (master 1, single)
      '0A', // AFN 0A
      '6F', // SEQ: FIR FIN, RSEQ 15
      '00 00 02 01', // DA p0, DT F10
      '01 00', // n = 1
      '01 00', // index 1
      '01 00', // measuring point 1
      '62', // rate 3 (2400 bit/s) << 5 | port 2
      '1E', // protocol 30: DL/T 645-2007
      '43 10 00 11 34 00', // address 003411001043 (format 12, low byte first)
      '00 00 00 00 00 00', // password 0
      '04', // 4 tariffs
      '05', // digits: 01 (5 integer) << 2 | 01 (2 decimals)
      '00 00 00 00 00 00', // no collector
      '51', // user class 5, subclass 1
      'AF', // CS: sum of C … last byte mod 256
      '16', // end
    ].join(' '),
    message: {
      control: {
        direction: 'up',
        primary: false,
        frameCountBit: false,
        frameCountValid: false,
        functionCode: 8,
      },
      address: { area: '3201', terminal: 1, master: 1, group: false },
      afn: 0x0a,
      sequence: { first: true, final: true, confirm: false, number: 15 },
      units: [
        {
          kind: 'meter-table',
          point: 0,
          fn: 10,
          meters: [
            {
              index: 1,
              point: 1,
              port: 2,
              baud: 2400,
              protocol: 30,
              address: '003411001043',
              password: 0,
              tariffCount: 4,
              integerDigits: 5,
              decimalDigits: 2,
              collectorAddress: '000000000000',
              userClass: 5,
              userSubclass: 1,
            },
          ],
        },
      ],
    },
  },
  {
    name: 'set-uplink-parameters',
    source: 'hand-built from Q/GDW 1376.1-2013 §5.5 (04 F1)',
    hex: [
      '68', // start
      '8A 00', // L: 34 bytes of user data << 2 | protocol 2
      '8A 00', // L again
      '68', // second start
      '4A', // C: down, PRM 1, function 10
      '01 32 01 00 02', // A: area 3201, terminal 1, A3 02 (master 1, single)
      '04', // AFN 04
      '70', // SEQ: FIR FIN CON, PSEQ 0
      '00 00 01 00', // DA p0, DT F1
      '0A', // RTS 10 × 20 ms
      '05', // initiator delay 5 min
      '1E 30', // timeout 30 s, 3 retries (D13–D12)
      '01', // confirm class 1 reports
      '0F', // heartbeat 15 min
      '00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00', // PW
      '62', // CS: sum of C … last byte mod 256
      '16', // end
    ].join(' '),
    message: {
      control: {
        direction: 'down',
        primary: true,
        frameCountBit: false,
        frameCountValid: false,
        functionCode: 10,
      },
      address: { area: '3201', terminal: 1, master: 1, group: false },
      afn: 0x04,
      sequence: { first: true, final: true, confirm: true, number: 0 },
      units: [
        {
          kind: 'uplink-parameters',
          point: 0,
          fn: 1,
          rtsDelay20Ms: 10,
          initiatorDelayMinutes: 5,
          responseTimeoutS: 30,
          retries: 3,
          confirmClass1: true,
          confirmClass2: false,
          confirmClass3: false,
          heartbeatMinutes: 15,
        },
      ],
      password: new Uint8Array(16),
    },
  },
  {
    name: 'query-master-address-answer',
    source: 'hand-built from Q/GDW 1376.1-2013 §5.10 (0A F3 主站 IP 地址和端口)',
    hex: [
      '68', // start
      'A2 00', // L: 40 bytes of user data << 2 | protocol 2
      'A2 00', // L again
      '68', // second start
      '88', // C: up, PRM 0, function 8
      '01 32 01 00 02', // A: area 3201, terminal 1, A3 02 (master 1, single)
      '0A', // AFN 0A
      '61', // SEQ: FIR FIN, RSEQ 1
      '00 00 04 00', // DA p0, DT F3
      '0A 00 00 01', // primary 10.0.0.1
      'B8 22', // port 8888
      '0A 00 00 02', // backup 10.0.0.2
      'B9 22', // port 8889
      '43 4D 4E 45 54 00 00 00 00 00 00 00 00 00 00 00', // APN "CMNET", zero-padded to 16
      '70', // CS: sum of C … last byte mod 256
      '16', // end
    ].join(' '),
    message: {
      control: {
        direction: 'up',
        primary: false,
        frameCountBit: false,
        frameCountValid: false,
        functionCode: 8,
      },
      address: { area: '3201', terminal: 1, master: 1, group: false },
      afn: 0x0a,
      sequence: { first: true, final: true, confirm: false, number: 1 },
      units: [
        {
          kind: 'master-address',
          point: 0,
          fn: 3,
          primary: { ip: '10.0.0.1', port: 8888 },
          backup: { ip: '10.0.0.2', port: 8889 },
          apn: 'CMNET',
        },
      ],
    },
  },
  {
    name: 'trip',
    source: 'hand-built from Q/GDW 1376.1-2013 §5.6 (05 F1 遥控跳闸 on round 1)',
    hex: [
      '68', // start
      '76 00', // L: 29 bytes of user data << 2 | protocol 2
      '76 00', // L again
      '68', // second start
      '4A', // C: down, PRM 1, function 10
      '01 32 01 00 02', // A: area 3201, terminal 1, A3 02 (master 1, single)
      '05', // AFN 05 control
      '71', // SEQ: FIR FIN CON, PSEQ 1
      '01 01 01 00', // DA p1 (round 1), DT F1
      '02', // limit 0 half hours, alarm delay 2 min
      '00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00', // PW
      'FB', // CS: sum of C … last byte mod 256
      '16', // end
    ].join(' '),
    message: {
      control: {
        direction: 'down',
        primary: true,
        frameCountBit: false,
        frameCountValid: false,
        functionCode: 10,
      },
      address: { area: '3201', terminal: 1, master: 1, group: false },
      afn: 0x05,
      sequence: { first: true, final: true, confirm: true, number: 1 },
      units: [{ kind: 'trip', point: 1, fn: 1, limitHalfHours: 0, alarmDelayMinutes: 2 }],
      password: new Uint8Array(16),
    },
  },
  {
    name: 'allow-close',
    source: 'hand-built from Q/GDW 1376.1-2013 §5.6 (05 F2 允许合闸)',
    hex: [
      '68', // start
      '72 00', // L: 28 bytes of user data << 2 | protocol 2
      '72 00', // L again
      '68', // second start
      '4A', // C: down, PRM 1, function 10
      '01 32 01 00 02', // A: area 3201, terminal 1, A3 02 (master 1, single)
      '05', // AFN 05 control
      '72', // SEQ: FIR FIN CON, PSEQ 2
      '01 01 02 00', // DA p1, DT F2
      '00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00', // PW
      'FB', // CS: sum of C … last byte mod 256
      '16', // end
    ].join(' '),
    message: {
      control: {
        direction: 'down',
        primary: true,
        frameCountBit: false,
        frameCountValid: false,
        functionCode: 10,
      },
      address: { area: '3201', terminal: 1, master: 1, group: false },
      afn: 0x05,
      sequence: { first: true, final: true, confirm: true, number: 2 },
      units: [{ kind: 'allow-close', point: 1, fn: 2 }],
      password: new Uint8Array(16),
    },
  },
  {
    name: 'allow-active-report',
    source: 'hand-built from Q/GDW 1376.1-2013 §5.6 (05 F29)',
    hex: [
      '68', // start
      '72 00', // L: 28 bytes of user data << 2 | protocol 2
      '72 00', // L again
      '68', // second start
      '4A', // C: down, PRM 1, function 10
      '01 32 01 00 02', // A: area 3201, terminal 1, A3 02 (master 1, single)
      '05', // AFN 05 control
      '73', // SEQ: FIR FIN CON, PSEQ 3
      '00 00 10 03', // DA p0, DT F29
      '00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00', // PW
      '0B', // CS: sum of C … last byte mod 256
      '16', // end
    ].join(' '),
    message: {
      control: {
        direction: 'down',
        primary: true,
        frameCountBit: false,
        frameCountValid: false,
        functionCode: 10,
      },
      address: { area: '3201', terminal: 1, master: 1, group: false },
      afn: 0x05,
      sequence: { first: true, final: true, confirm: true, number: 3 },
      units: [{ kind: 'allow-active-report', point: 0, fn: 29 }],
      password: new Uint8Array(16),
    },
  },
  {
    name: 'time-sync',
    source: 'hand-built from Q/GDW 1376.1-2013 §5.6 (05 F31 对时, format 01)',
    hex: [
      '68', // start
      '8A 00', // L: 34 bytes of user data << 2 | protocol 2
      '8A 00', // L again
      '68', // second start
      '4A', // C: down, PRM 1, function 10
      '01 32 01 00 02', // A: area 3201, terminal 1, A3 02 (master 1, single)
      '05', // AFN 05 control
      '74', // SEQ: FIR FIN CON, PSEQ 4
      '00 00 40 03', // DA p0, DT F31
      '00 30 09 08 52 26', // 2026-12-08 09:30:00, Tuesday (week 2 << 5 | month 12)
      '00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00', // PW
      'F5', // CS: sum of C … last byte mod 256
      '16', // end
    ].join(' '),
    message: {
      control: {
        direction: 'down',
        primary: true,
        frameCountBit: false,
        frameCountValid: false,
        functionCode: 10,
      },
      address: { area: '3201', terminal: 1, master: 1, group: false },
      afn: 0x05,
      sequence: { first: true, final: true, confirm: true, number: 4 },
      units: [
        {
          kind: 'time-sync',
          point: 0,
          fn: 31,
          time: { year: 2026, month: 12, day: 8, hour: 9, minute: 30, second: 0, weekday: 2 },
        },
      ],
      password: new Uint8Array(16),
    },
  },
  {
    name: 'pause-reading',
    source: 'hand-built from Q/GDW 1376.1-2013 §5.6 (05 F49 on port 2)',
    hex: [
      '68', // start
      '76 00', // L: 29 bytes of user data << 2 | protocol 2
      '76 00', // L again
      '68', // second start
      '4A', // C: down, PRM 1, function 10
      '01 32 01 00 02', // A: area 3201, terminal 1, A3 02 (master 1, single)
      '05', // AFN 05 control
      '75', // SEQ: FIR FIN CON, PSEQ 5
      '00 00 01 06', // DA p0, DT F49
      '02', // port 2
      '00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00', // PW
      '03', // CS: sum of C … last byte mod 256
      '16', // end
    ].join(' '),
    message: {
      control: {
        direction: 'down',
        primary: true,
        frameCountBit: false,
        frameCountValid: false,
        functionCode: 10,
      },
      address: { area: '3201', terminal: 1, master: 1, group: false },
      afn: 0x05,
      sequence: { first: true, final: true, confirm: true, number: 5 },
      units: [{ kind: 'pause-reading', point: 0, fn: 49, port: 2 }],
      password: new Uint8Array(16),
    },
  },
  {
    name: 'events-request',
    source: 'hand-built from Q/GDW 1376.1-2013 §5.14 (0E F1 records 0 to 3)',
    hex: [
      '68', // start
      '3A 00', // L: 14 bytes of user data << 2 | protocol 2
      '3A 00', // L again
      '68', // second start
      '4B', // C: down, PRM 1, function 11
      '01 32 01 00 02', // A: area 3201, terminal 1, A3 02 (master 1, single)
      '0E', // AFN 0E class 3 data
      '66', // SEQ: FIR FIN, PSEQ 6
      '00 00 01 00', // DA p0, DT F1
      '00', // Pm 0
      '03', // Pn 3
      'F9', // CS: sum of C … last byte mod 256
      '16', // end
    ].join(' '),
    message: {
      control: {
        direction: 'down',
        primary: true,
        frameCountBit: false,
        frameCountValid: false,
        functionCode: 11,
      },
      address: { area: '3201', terminal: 1, master: 1, group: false },
      afn: 0x0e,
      sequence: { first: true, final: true, confirm: false, number: 6 },
      units: [{ kind: 'events-query', point: 0, fn: 1, from: 0, to: 3 }],
    },
  },
  {
    name: 'important-events-answer',
    source: 'hand-built from Q/GDW 1376.1-2013 §5.14 (0E F1: ERC 14, ERC 35, an unknown ERC 60)',
    hex: [
      '68', // start
      'C2 00', // L: 48 bytes of user data << 2 | protocol 2
      'C2 00', // L again
      '68', // second start
      '88', // C: up, PRM 0, function 8
      '01 32 01 00 02', // A: area 3201, terminal 1, A3 02 (master 1, single)
      '0E', // AFN 0E
      '66', // SEQ: FIR FIN, RSEQ 6
      '00 00 01 00', // DA p0, DT F1
      '03', // EC1 3
      '00', // Pm 0
      '03', // Pn 3
      '0E 0A', // ERC 14 power off/on, Le 10
      '12 02 08 12 26', // off 2026-12-08 02:12
      '40 02 08 12 26', // on 2026-12-08 02:40
      '23 0F', // ERC 35 unknown meters, Le 15
      '00 03 08 12 26', // at 2026-12-08 03:00
      '1F', // port 31 (carrier)
      '01', // 1 meter
      '99 99 00 00 00 00', // address 000000009999
      'A1', // signal quality 10 << 4 | phase A
      '1E', // protocol 30
      '3C 02', // ERC 60, Le 2: not one we read
      'AB CD', // its bytes
      '63', // CS: sum of C … last byte mod 256
      '16', // end
    ].join(' '),
    message: {
      control: {
        direction: 'up',
        primary: false,
        frameCountBit: false,
        frameCountValid: false,
        functionCode: 8,
      },
      address: { area: '3201', terminal: 1, master: 1, group: false },
      afn: 0x0e,
      sequence: { first: true, final: true, confirm: false, number: 6 },
      units: [
        {
          kind: 'events',
          point: 0,
          fn: 1,
          counter: 3,
          from: 0,
          to: 3,
          records: [
            {
              kind: 'power-off-on',
              erc: 14,
              offAt: { year: 2026, month: 12, day: 8, hour: 2, minute: 12 },
              onAt: { year: 2026, month: 12, day: 8, hour: 2, minute: 40 },
            },
            {
              kind: 'unknown-meters',
              erc: 35,
              at: { year: 2026, month: 12, day: 8, hour: 3, minute: 0 },
              port: 31,
              meters: [{ address: '000000009999', phases: 1, signalQuality: 10, protocol: 30 }],
            },
            { kind: 'raw-event', erc: 60, raw: fromHex('AB CD') },
          ],
        },
      ],
    },
  },
  {
    name: 'normal-events-answer',
    source: 'hand-built from Q/GDW 1376.1-2013 §5.14 (0E F2: ERC 1, 3, 10, 12, 13)',
    hex: [
      '68', // start
      '72 01', // L: 92 bytes of user data << 2 | protocol 2
      '72 01', // L again
      '68', // second start
      '88', // C: up, PRM 0, function 8
      '01 32 01 00 02', // A: area 3201, terminal 1, A3 02 (master 1, single)
      '0E', // AFN 0E
      '67', // SEQ: FIR FIN, RSEQ 7
      '00 00 02 00', // DA p0, DT F2
      '09', // EC2 9
      '04', // Pm 4
      '09', // Pn 9
      '01 0E', // ERC 1, Le 14
      '00 01 08 12 26', // at 2026-12-08 01:00
      '02', // version changed
      '56 31 2E 30', // "V1.0"
      '56 31 2E 31', // "V1.1"
      '03 0A', // ERC 3, Le 10
      '05 01 08 12 26', // at 2026-12-08 01:05
      '02', // master 2
      '00 00 02 01', // p0 F10
      '0A 1C', // ERC 10, Le 28
      '10 01 08 12 26', // at 2026-12-08 01:10
      '01 80', // began, point 1
      '41', // type 1 << 6 | phase A
      '00 00', // Ua 000.0 V
      '01 22', // Ub 220.1 V
      '03 22', // Uc 220.3 V
      '00 00 00', // Ia 0
      '00 15 00', // Ib 1.500 A
      '00 16 00', // Ic 1.600 A
      '78 56 34 12 00', // forward active 1234.5678 kWh
      '0C 07', // ERC 12, Le 7
      '15 01 08 12 26', // at 2026-12-08 01:15
      '02 80', // began, point 2
      '0D 08', // ERC 13, Le 8
      '20 01 08 12 26', // at 2026-12-08 01:20
      '02 00', // ended, point 2
      '10', // D4: battery low
      'F3', // CS: sum of C … last byte mod 256
      '16', // end
    ].join(' '),
    message: {
      control: {
        direction: 'up',
        primary: false,
        frameCountBit: false,
        frameCountValid: false,
        functionCode: 8,
      },
      address: { area: '3201', terminal: 1, master: 1, group: false },
      afn: 0x0e,
      sequence: { first: true, final: true, confirm: false, number: 7 },
      units: [
        {
          kind: 'events',
          point: 0,
          fn: 2,
          counter: 9,
          from: 4,
          to: 9,
          records: [
            {
              kind: 'initialisation',
              erc: 1,
              at: { year: 2026, month: 12, day: 8, hour: 1, minute: 0 },
              dataInitialised: false,
              versionChanged: true,
              versionBefore: 'V1.0',
              versionAfter: 'V1.1',
            },
            {
              kind: 'parameter-change',
              erc: 3,
              at: { year: 2026, month: 12, day: 8, hour: 1, minute: 5 },
              master: 2,
              changed: [{ point: 0, fn: 10 }],
            },
            {
              kind: 'circuit-fault',
              erc: 10,
              at: { year: 2026, month: 12, day: 8, hour: 1, minute: 10 },
              began: true,
              point: 1,
              faultType: 1,
              phaseA: true,
              phaseB: false,
              phaseC: false,
              voltageDeciV: { a: 0, b: 2201, c: 2203 },
              currentMilliA: { a: 0, b: 1500, c: 1600 },
              forwardActiveDeciWh: 12345678,
            },
            {
              kind: 'meter-clock-drift',
              erc: 12,
              at: { year: 2026, month: 12, day: 8, hour: 1, minute: 15 },
              began: true,
              point: 2,
            },
            {
              kind: 'meter-fault',
              erc: 13,
              at: { year: 2026, month: 12, day: 8, hour: 1, minute: 20 },
              began: false,
              point: 2,
              flags: 0x10,
            },
          ],
        },
      ],
    },
  },
  {
    name: 'forward-request',
    source:
      'hand-built from Q/GDW 1376.1-2013 §5.16 (10 F1 carrying the real DL/T 645 read of johngai19/dlt645Driver test/dltparser_test.js; with Tp)',
    hex: [
      '68', // start
      'F2 00', // L: 60 bytes of user data << 2 | protocol 2
      'F2 00', // L again
      '68', // second start
      '4A', // C: down, PRM 1, function 10
      '01 32 01 00 02', // A: area 3201, terminal 1, A3 02 (master 1, single)
      '10', // AFN 10 forward
      'E1', // SEQ: TpV FIR FIN, PSEQ 1
      '00 00 01 00', // DA p0, DT F1
      '02', // port 2
      '6B', // control: 2400 bit/s (3 << 5), 1 stop bit, parity on, even, 8 data bits
      '82', // frame timeout: seconds (D7), 2
      '0A', // byte timeout 10 × 10 ms
      '14 00', // k = 20 bytes
      'FE FE FE FE 68 43 10 00 11 34 00 68 11 04 33 34 34 35 4D 16', // the DL/T 645 frame
      '00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00', // PW
      '03 00 30 09 08 05', // Tp: PFC 3, sent 08th 09:30:00, allowed delay 5 min
      '70', // CS: sum of C … last byte mod 256
      '16', // end
    ].join(' '),
    message: {
      control: {
        direction: 'down',
        primary: true,
        frameCountBit: false,
        frameCountValid: false,
        functionCode: 10,
      },
      address: { area: '3201', terminal: 1, master: 1, group: false },
      afn: 0x10,
      sequence: { first: true, final: true, confirm: false, number: 1 },
      units: [
        {
          kind: 'forward-request',
          point: 0,
          fn: 1,
          port: 2,
          serial: { baud: 2400, stopBits: 1, parity: 'even', dataBits: 8 },
          frameTimeout: { count: 2, unit: 's' },
          byteTimeout10Ms: 10,
          content: fromHex('FE FE FE FE 68 43 10 00 11 34 00 68 11 04 33 34 34 35 4D 16'),
        },
      ],
      password: new Uint8Array(16),
      timeTag: {
        frameCounter: 3,
        sentAt: { day: 8, hour: 9, minute: 30, second: 0 },
        allowedDelayMinutes: 5,
      },
    },
  },
  {
    name: 'forward-reply',
    source:
      'hand-built from Q/GDW 1376.1-2013 §5.16 (10 F1 answer carrying the real DL/T 645 voltage reply of johngai19/dlt645Driver)',
    hex: [
      '68', // start
      'AE 00', // L: 43 bytes of user data << 2 | protocol 2
      'AE 00', // L again
      '68', // second start
      '88', // C: up, PRM 0, function 8
      '01 32 01 00 02', // A: area 3201, terminal 1, A3 02 (master 1, single)
      '10', // AFN 10
      'E1', // SEQ: TpV FIR FIN, RSEQ 1
      '00 00 01 00', // DA p0, DT F1
      '02', // port 2
      '16 00', // k = 22 bytes
      'FE FE FE FE 68 43 10 00 11 34 00 68 91 06 33 34 34 35 CA 55 EE 16', // the meter's answer
      '03 00 30 09 08 05', // Tp echoed
      'FB', // CS: sum of C … last byte mod 256
      '16', // end
    ].join(' '),
    message: {
      control: {
        direction: 'up',
        primary: false,
        frameCountBit: false,
        frameCountValid: false,
        functionCode: 8,
      },
      address: { area: '3201', terminal: 1, master: 1, group: false },
      afn: 0x10,
      sequence: { first: true, final: true, confirm: false, number: 1 },
      units: [
        {
          kind: 'forward-reply',
          point: 0,
          fn: 1,
          port: 2,
          content: fromHex('FE FE FE FE 68 43 10 00 11 34 00 68 91 06 33 34 34 35 CA 55 EE 16'),
        },
      ],
      timeTag: {
        frameCounter: 3,
        sentAt: { day: 8, hour: 9, minute: 30, second: 0 },
        allowedDelayMinutes: 5,
      },
    },
  },
];
