// The concentrator's local channel to its meters (carrier or RS-485): slower than the uplink and lossy. No
// sockets: a read either comes back or is lost, and each read costs channel time, which bounds how many
// meters one reading round can reach.
import { Random } from '../random.ts';

export interface LocalChannelOptions {
  /** Chance that one exchange with a meter is lost (0–1). */
  readonly lossRate?: number;
  /** Simulated milliseconds one exchange with a meter takes (carrier: about a second). */
  readonly exchangeMs?: number;
  readonly seed?: number;
}

export const DEFAULT_EXCHANGE_MS = 1_000;

export class LocalChannel {
  readonly lossRate: number;
  readonly exchangeMs: number;
  private readonly random: Random;
  exchanges = 0;
  lost = 0;

  constructor(options: LocalChannelOptions = {}) {
    const lossRate = options.lossRate ?? 0;
    if (!(lossRate >= 0 && lossRate <= 1)) throw new Error(`a loss rate is 0–1, not ${lossRate}`);
    this.lossRate = lossRate;
    this.exchangeMs = options.exchangeMs ?? DEFAULT_EXCHANGE_MS;
    this.random = new Random(options.seed ?? 1376);
  }

  /** One exchange: true when it came through. */
  exchange(): boolean {
    this.exchanges++;
    if (this.random.chance(this.lossRate)) {
      this.lost++;
      return false;
    }
    return true;
  }
}
