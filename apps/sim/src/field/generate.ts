// A field made up from a few numbers and a seed: the same numbers and seed give the same field.
import type { LoadProfileName } from '../meter/load-profile.ts';
import { Random } from '../random.ts';
import { PORTS_OF_MODEL, type TerminalModel } from '../terminal/terminal.ts';
import type {
  FieldDescription,
  MeterDescription,
  PortDescription,
  TerminalDescription,
} from './description.ts';

export interface GeneratorOptions {
  readonly terminals: number;
  readonly ports: number;
  readonly metersPerPort: number;
  readonly seed: number;
  readonly baud?: number;
  readonly timeFactor?: number;
  readonly basePort?: number;
  readonly start?: string;
}

function modelFor(ports: number): TerminalModel {
  const model = (Object.entries(PORTS_OF_MODEL) as [TerminalModel, number][]).find(([, n]) => n >= ports);
  if (model === undefined) throw new Error(`no terminal model has ${ports} ports (at most 8)`);
  return model[0];
}

export function generateField(options: GeneratorOptions): FieldDescription {
  const random = new Random(options.seed);
  const model = modelFor(options.ports);
  const terminals: TerminalDescription[] = [];
  for (let t = 0; t < options.terminals; t++) {
    const ports: PortDescription[] = [];
    for (let p = 0; p < options.ports; p++) {
      const meters: MeterDescription[] = [];
      for (let m = 0; m < options.metersPerPort; m++) meters.push(generateMeter(random, t, p, m));
      ports.push({ baud: options.baud ?? 2400, meters });
    }
    const basePort =
      options.basePort === undefined || options.basePort === 0 ? 0 : options.basePort + t * options.ports;
    terminals.push({ id: `T${String(t + 1).padStart(4, '0')}`, model, mode: 'server', basePort, ports });
  }
  return {
    seed: options.seed,
    timeFactor: options.timeFactor ?? 1,
    ...(options.start === undefined ? {} : { start: options.start }),
    terminals,
  };
}

function generateMeter(random: Random, t: number, p: number, m: number): MeterDescription {
  const address = `${String(t + 1).padStart(4, '0')}${String(p + 1).padStart(2, '0')}${String(m + 1).padStart(6, '0')}`;
  // Mostly homes on single-phase meters; shops and offices on three-phase.
  const roll = random.next();
  const profile: LoadProfileName = roll < 0.8 ? 'household' : roll < 0.92 ? 'shop' : 'office';
  const threePhase = profile !== 'household';
  const prepaid = random.chance(0.7);
  const meter: MeterDescription = {
    address,
    phases: threePhase ? 3 : 1,
    profile,
    peakPowerW: threePhase ? random.int(8_000, 30_000) : random.int(2_000, 6_000),
    seed: random.seed(),
    clockDriftPpm: random.between(-20, 20),
    clockOffsetMs: random.int(-90_000, 90_000),
    initialEnergyWh: random.int(0, 5_000_000),
    ...(prepaid
      ? {
          prepaid: {
            initialRemainingWh: random.int(20_000, 400_000),
            alarmEnergyWh: 10_000,
            creditLimitWh: random.pick([0, 5_000, 10_000]),
            hoardingLimitWh: 999_999_990,
          },
        }
      : {}),
  };
  return meter;
}
