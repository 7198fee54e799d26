// The demo's residential community, made up from a seed: buildings of units and floors, one household
// meter per room on the unit's RS-485 bus behind the building's serial server, residents with names,
// rooms and phone numbers, households of one to five people in the census's mix; six in ten prepaid by IC card (the meter keeps the balance in energy), one in four
// remote (the station keeps it), the rest local fee control (a money-type smart meter keeps it and the station
// writes each sale to it over the wire). Pure: the same size and seed give the same community.
import {
  type FieldDescription,
  householdSizeOf,
  type MeterDescription,
  type TerminalModel,
} from '@openami/sim';

export interface CommunitySize {
  readonly buildings: number;
  readonly unitsPerBuilding: number;
  readonly floors: number;
  readonly roomsPerFloor: number;
}

/** About 360 households: three buildings of two units, six floors, ten rooms a floor. */
export const FULL_COMMUNITY: CommunitySize = {
  buildings: 3,
  unitsPerBuilding: 2,
  floors: 6,
  roomsPerFloor: 10,
};

export interface Household {
  readonly building: number;
  readonly unit: number;
  readonly floor: number;
  readonly room: string;
  readonly address: string;
  readonly name: string;
  readonly phone: string;
  readonly mode: 'card' | 'remote' | 'local';
  /** People living there (5 stands for 5 and more): what the simulated load of the flat follows. */
  readonly occupants: number;
}

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '胡',
  '朱',
  '高',
  '林',
  '何',
  '郭',
  '马',
  '罗',
];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '霞',
  '平',
  '刚',
  '桂英',
  '建华',
  '志强',
];

/** A small deterministic generator (the demo needs variety, not statistics). */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4_294_967_296;
  };
}

export function households(size: CommunitySize, seed = 2026): Household[] {
  const next = random(seed);
  // A generator of its own, so that adding household sizes left every name and number as it was.
  const nextSize = random(seed ^ 0x5a5a5a5a);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const result: Household[] = [];
  for (let b = 1; b <= size.buildings; b++) {
    for (let u = 1; u <= size.unitsPerBuilding; u++) {
      for (let f = 1; f <= size.floors; f++) {
        for (let r = 1; r <= size.roomsPerFloor; r++) {
          // DL/T 645 address: building, unit, floor, room as decimal digits (12 in all).
          const address = `20${String(b).padStart(2, '0')}${String(u).padStart(2, '0')}${String(f).padStart(3, '0')}${String(r).padStart(3, '0')}`;
          result.push({
            building: b,
            unit: u,
            floor: f,
            room: `${f}${String(r).padStart(2, '0')}`,
            address,
            name: pick(SURNAMES) + pick(GIVEN),
            phone: `13${Math.floor(next() * 10)}${String(Math.floor(next() * 100_000_000)).padStart(8, '0')}`,
            mode: modeOf(next()),
            occupants: householdSizeOf(nextSize()),
          });
        }
      }
    }
  }
  return result;
}

function modeOf(draw: number): Household['mode'] {
  if (draw < 0.6) return 'card';
  return draw < 0.85 ? 'remote' : 'local';
}

/**
 * The supply meters above the households (line loss, DOMAIN.md §3): the transformer area's meter in the
 * substation and one meter per building at its incoming supply, three-phase behind current transformers.
 * Each measures what the meters beneath it draw plus a little lost in the cables.
 */
export const TRANSFORMER_METER_ADDRESS = '400000000001';
export const TRANSFORMER_LOSS_PERMILLE = 18;

/** A current transformer, primary:secondary amperes. */
export interface CurrentTransformer {
  readonly ctPrimary: number;
  readonly ctSecondary: number;
}

const ctPrimaries = [50, 75, 100, 150, 200, 300, 400, 600, 800, 1000, 1500, 2000, 3000, 4000];

/**
 * The CT a supply meter of `households` homes gets: the smallest standard x/5 A whose primary covers about
 * 4 A a home (their evening peak), so the meter's 6 A maximum leaves room and its register still moves.
 */
export function currentTransformerFor(households: number): CurrentTransformer {
  const neededA = households * 4;
  const primary = ctPrimaries.find((a) => a >= neededA) ?? (ctPrimaries.at(-1) as number);
  return { ctPrimary: primary, ctSecondary: 5 };
}

/**
 * What a flat's appliances can draw at once: more with more people, always within the household meter's
 * 10(40) A at 220 V (8.8 kW). The load model never goes above it.
 */
export function peakPowerWOf(occupants: number, draw: number): number {
  return 2_500 + 800 * Math.min(occupants, 5) + Math.floor(draw * 1_500);
}

export function buildingMeterAddress(building: number): string {
  return `3000000000${String(building).padStart(2, '0')}`;
}

/** A building's cable loss: 1.5 % to 2.7 %, differing by building so the report has something to show. */
export function buildingLossPermille(building: number): number {
  return 15 + ((building * 7) % 13);
}

/**
 * The simulated field for the community: a DH60x serial server per building (one port per unit), every
 * household's meter on its unit's bus at 9600 baud, the building's supply meter on its first unit's bus, and
 * the transformer area's meter on a serial server of its own in the substation. Card meters keep their own
 * balance (local fee control).
 */
export function fieldOf(
  size: CommunitySize,
  homes: readonly Household[],
  options: { basePort: number; timeFactor: number; seed?: number },
): FieldDescription {
  const next = random(options.seed ?? 7);
  const model: TerminalModel =
    size.unitsPerBuilding <= 1
      ? 'DH601'
      : size.unitsPerBuilding <= 2
        ? 'DH602'
        : size.unitsPerBuilding <= 4
          ? 'DH604'
          : 'DH608';
  const threePhase = (
    address: string,
    ctPrimary: number,
    ctSecondary: number,
    aggregate: MeterDescription['aggregate'],
  ): MeterDescription => ({
    address,
    phases: 3,
    nominalVoltageV: 220,
    ratedCurrentA: 1.5,
    maxCurrentA: 6,
    constantImpPerKwh: 6400,
    ctRatio: ctPrimary / ctSecondary,
    ...(aggregate === undefined ? {} : { aggregate }),
  });
  const perBuilding = currentTransformerFor(size.unitsPerBuilding * size.floors * size.roomsPerFloor);
  const whole = currentTransformerFor(homes.length);
  const buildingMeter = (b: number) =>
    threePhase(buildingMeterAddress(b), perBuilding.ctPrimary, perBuilding.ctSecondary, {
      children: homes.filter((h) => h.building === b).map((h) => h.address),
      lossPermille: buildingLossPermille(b),
    });
  const substation = {
    id: 'TA',
    model: 'DH601' as const,
    mode: 'server' as const,
    basePort: options.basePort + size.buildings * size.unitsPerBuilding,
    ports: [
      {
        baud: 9600,
        meters: [
          threePhase(TRANSFORMER_METER_ADDRESS, whole.ctPrimary, whole.ctSecondary, {
            children: Array.from({ length: size.buildings }, (_, b) => buildingMeterAddress(b + 1)),
            lossPermille: TRANSFORMER_LOSS_PERMILLE,
          }),
        ],
      },
    ],
  };
  return {
    seed: options.seed ?? 7,
    timeFactor: options.timeFactor,
    terminals: [
      ...Array.from({ length: size.buildings }, (_, b) => ({
        id: `B${b + 1}`,
        model,
        mode: 'server' as const,
        basePort: options.basePort + b * size.unitsPerBuilding,
        ports: Array.from({ length: size.unitsPerBuilding }, (_, u) => ({
          baud: 9600,
          meters: [
            // The building's own meter sits on its first unit's bus.
            ...(u === 0 ? [buildingMeter(b + 1)] : []),
            ...homes
              .filter((h) => h.building === b + 1 && h.unit === u + 1)
              .map(
                (h): MeterDescription => ({
                  address: h.address,
                  profile: 'household',
                  occupants: h.occupants,
                  peakPowerW: peakPowerWOf(h.occupants, next()),
                  initialEnergyWh: Math.floor(next() * 3_000_000),
                  ...(h.mode === 'card'
                    ? {
                        prepaid: {
                          initialRemainingWh: 30_000 + Math.floor(next() * 300_000),
                          alarmEnergyWh: 10_000,
                          creditLimitWh: 0,
                          hoardingLimitWh: 999_999_990,
                        },
                      }
                    : h.mode === 'local'
                      ? // Not opened yet: the opening sale's 开户 binds it to its account.
                        {
                          moneyPrepaid: {
                            initialRemainingFen: 0,
                            alarm1Fen: 1_000,
                            hoardingLimitFen: 500_000,
                          },
                        }
                      : {}),
                }),
              ),
          ],
        })),
      })),
      substation,
    ],
  };
}
