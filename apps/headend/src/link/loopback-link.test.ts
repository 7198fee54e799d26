import {
  decodeFrame,
  encodeFrame,
  parseRequest2007,
  requestFrame2007,
  responseFrame2007,
} from '@openami/protocol';
import { describe, expect, it } from 'vitest';
import { ExchangeError } from './exchange-error.ts';
import { LoopbackLink } from './loopback-link.ts';
import { MeterClient } from './meter-client.ts';

const ADDRESS = '000000000123';
const target = { address: ADDRESS, edition: '2007' as const };

/** A meter of one item: forward active energy 1234.56 kWh. */
function meterOfOneItem(request: Uint8Array): Uint8Array | undefined {
  const parsed = parseRequest2007(decodeFrame(request));
  if (parsed.kind !== 'read-data' || parsed.di !== 0x00010000) return undefined;
  return encodeFrame(
    responseFrame2007({
      kind: 'read-data',
      address: ADDRESS,
      di: 0x00010000,
      data: Uint8Array.of(0x56, 0x34, 0x12, 0x00),
      followUp: false,
    }),
    { wakeUp: 0 },
  );
}

describe('LoopbackLink', () => {
  it('carries a read to a meter in this process and its reply back, decoded as off the bus', async () => {
    const client = new MeterClient(new LoopbackLink('test', meterOfOneItem), { attempts: 1 });
    const read = await client.read(target, 0x00010000);
    expect(read.item.value).toBe(1234.56);
  });

  it('fails with timeout when nobody answers, and bad-frame on damaged bytes', async () => {
    const silent = new MeterClient(new LoopbackLink('test', () => undefined), { attempts: 1 });
    await expect(silent.read(target, 0x00010000)).rejects.toMatchObject({ reason: 'timeout' });
    const noisy = new LoopbackLink('test', () => Uint8Array.of(0x68, 0x01, 0x02));
    const error = await noisy
      .exchange({
        frame: requestFrame2007({ kind: 'read-data', address: ADDRESS, di: 0x00010000 }),
        edition: '2007',
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExchangeError);
    expect((error as ExchangeError).reason).toBe('bad-frame');
  });
});
