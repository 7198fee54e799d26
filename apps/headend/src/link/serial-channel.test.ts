// The serial channel against a real pseudo-terminal pair made by socat: one end is the head-end's port,
// the other a meter answering DL/T 645 frames. Pseudo-terminals ignore baud and parity, so this checks the
// path through `serialport` and the bus, not line timing (the simulator tests that over TCP).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { closeSync, constants, existsSync, mkdtempSync, openSync, readSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Deframer, encodeFrame, encodeItem, responseFrame2007 } from '@openami/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bus } from './bus.ts';
import { MeterClient } from './meter-client.ts';
import { SerialChannel } from './serial-channel.ts';

const haveSocat = (() => {
  try {
    execFileSync('socat', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!haveSocat)
  console.log(
    'serial-channel.test: socat is not installed, the serial-port test is skipped (.ci/run installs it)',
  );

describe.skipIf(!haveSocat)('the serial channel', () => {
  let socat: ChildProcess;
  let headEndPath: string;
  let meterPath: string;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'openami-pty-'));
    headEndPath = join(dir, 'headend');
    meterPath = join(dir, 'meter');
    socat = spawn('socat', [`pty,raw,echo=0,link=${headEndPath}`, `pty,raw,echo=0,link=${meterPath}`], {
      stdio: 'ignore',
    });
    for (let i = 0; i < 100 && !(existsSync(headEndPath) && existsSync(meterPath)); i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });

  afterAll(() => {
    socat.kill();
  });

  it('reads a meter through serialport', async () => {
    // The meter end: answer one read of phase-A voltage.
    // Non-blocking, so that polling an idle pseudo-terminal never stalls the event loop.
    const meter = openSync(meterPath, constants.O_RDWR | constants.O_NONBLOCK | constants.O_NOCTTY);
    const meterDone = new Promise<void>((resolve) => {
      const deframer = new Deframer();
      const buffer = Buffer.alloc(256);
      const poll = setInterval(() => {
        let count = 0;
        try {
          count = readSync(meter, buffer, 0, buffer.length, null);
        } catch {
          return;
        }
        for (const event of deframer.push(buffer.subarray(0, count))) {
          if (event.kind !== 'frame') continue;
          const reply = responseFrame2007({
            kind: 'read-data',
            address: event.frame.address,
            di: 0x02010100,
            data: encodeItem('2007', 0x02010100, 230.1),
            followUp: false,
          });
          writeSync(meter, encodeFrame(reply));
          clearInterval(poll);
          resolve();
        }
      }, 5);
    });
    const channel = new SerialChannel({ path: headEndPath, baud: 2400 });
    await channel.open();
    const bus = new Bus(channel, { baud: 2400 });
    const result = await new MeterClient(bus).read({ address: '003411001043', edition: '2007' }, 0x02010100);
    expect(result.item.value).toBe(230.1);
    await meterDone;
    closeSync(meter);
    await channel.close();
  });

  it('keeps trying to open a port that is not there yet', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'openami-late-'));
    const late = join(dir, 'late');
    const channel = new SerialChannel({ path: late, baud: 2400, backoff: { initialMs: 20, maxMs: 40 } });
    await channel.keepOpen();
    expect(channel.isOpen).toBe(false);
    const pair = spawn(
      'socat',
      [`pty,raw,echo=0,link=${late}`, `pty,raw,echo=0,link=${join(dir, 'other')}`],
      { stdio: 'ignore' },
    );
    try {
      // socat and the next retry both take a moment, seconds on a loaded machine.
      for (let i = 0; i < 1000 && !channel.isOpen; i++)
        await new Promise((resolve) => setTimeout(resolve, 10));
      expect(channel.isOpen).toBe(true);
    } finally {
      await channel.close();
      pair.kill();
    }
  });

  it('says why a port cannot be opened', async () => {
    const channel = new SerialChannel({ path: '/dev/openami-no-such-port', baud: 2400 });
    await expect(channel.open()).rejects.toThrow(/openami-no-such-port/);
  });
});
