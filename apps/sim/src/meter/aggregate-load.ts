// The load behind a supply meter (a transformer area's or a building's): what its child meters' premises
// draw, plus the line loss between them. Summed from the children's premises minute by minute, so the
// parent measures what the children measure (whenever each is read) plus the loss; a child whose relay is
// open or whose supply is down draws nothing through the parent either.
import { Household } from './household.ts';
import type { SimMeter } from './meter.ts';

export interface AggregateSpec {
  readonly id: string;
  /** The meters this one supplies. */
  readonly children: readonly SimMeter[];
  /** Loss in the lines between this meter and its children, parts per thousand of what they draw. */
  readonly lossPermille: number;
  readonly utcOffsetMinutes: number;
}

export class AggregateLoad extends Household {
  readonly children: readonly SimMeter[];
  readonly lossPermille: number;

  constructor(spec: AggregateSpec) {
    super({
      id: spec.id,
      profile: 'household',
      peakPowerW: 0,
      seed: 0,
      utcOffsetMinutes: spec.utcOffsetMinutes,
    });
    this.children = spec.children;
    this.lossPermille = spec.lossPermille;
  }

  override powerW(epochMs: number): number {
    if (this.overrideW !== undefined) return this.overrideW + this.extraW;
    let drawnW = 0;
    for (const child of this.children) {
      if (child.relayOpen || child.poweredDown) continue;
      drawnW += child.household.powerW(epochMs);
    }
    return (drawnW * (1000 + this.lossPermille)) / 1000 + this.extraW;
  }

  override powerFactor(): number {
    return 0.95;
  }
}
