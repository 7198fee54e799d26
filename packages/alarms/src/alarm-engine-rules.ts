// The alarm rules as the engine applies them: the site's overrides loaded from the store, each object's area
// and meter type, and the effective rule of a kind for an object (domain `alarm-rules.ts` decides the
// precedence). A change made through this process's API is picked up at once (`changed`); one made by
// another process within a minute, when the store's version of the rules moves.
import { performance } from 'node:perf_hooks';
import {
  type AlarmKind,
  type AlarmRuleOverride,
  type EffectiveAlarmRule,
  overrideFromStored,
  type RuleTarget,
  resolveAlarmRule,
} from '@openami/domain';
import type { Repositories } from '@openami/storage';

export type AlarmObjectType = 'meter' | 'port' | 'terminal' | 'site';

export interface AlarmRuleBookOptions {
  /** How often the store is asked whether the rules changed (default a minute). */
  readonly refreshMs?: number;
  /** Overrides beneath the site's own (tests, deployments that fix a threshold in code). */
  readonly base?: readonly AlarmRuleOverride[];
}

interface Target extends RuleTarget {
  readonly areaId: number | null;
}

export class AlarmRuleBook {
  private readonly store: Repositories;
  private readonly options: AlarmRuleBookOptions;
  private overrides: readonly AlarmRuleOverride[] = [];
  private version: string | undefined;
  private checkedAt = Number.NEGATIVE_INFINITY;
  private loading: Promise<void> | undefined;
  private readonly targets = new Map<string, Target>();

  constructor(store: Repositories, options: AlarmRuleBookOptions = {}) {
    this.store = store;
    this.options = options;
  }

  /** The rules changed in this process: reload them (and the objects' areas) before the next decision. */
  changed(): void {
    this.checkedAt = Number.NEGATIVE_INFINITY;
    this.version = undefined;
    this.targets.clear();
  }

  async rule(kind: AlarmKind, objectType: AlarmObjectType, objectId: string): Promise<EffectiveAlarmRule> {
    await this.fresh();
    return resolveAlarmRule(kind, this.overrides, await this.target(objectType, objectId));
  }

  /** The area an alarm on the object belongs to: a meter's, or a terminal's (a port's terminal's). */
  async areaOf(objectType: AlarmObjectType, objectId: string): Promise<number | null> {
    await this.fresh();
    return (await this.target(objectType, objectId)).areaId;
  }

  private async fresh(): Promise<void> {
    const refreshMs = this.options.refreshMs ?? 60_000;
    if (performance.now() - this.checkedAt < refreshMs) return;
    this.loading ??= this.reload().finally(() => {
      this.loading = undefined;
    });
    await this.loading;
  }

  private async reload(): Promise<void> {
    const version = await this.store.alarmRules.version();
    this.checkedAt = performance.now();
    if (version === this.version) return;
    const rows = await this.store.alarmRules.list();
    const stored = rows.map(overrideFromStored).filter((o) => o !== undefined);
    this.overrides = [...(this.options.base ?? []), ...stored];
    this.version = version;
    // Meters move between areas rarely; their places are looked up again with the rules.
    this.targets.clear();
  }

  private async target(objectType: AlarmObjectType, objectId: string): Promise<Target> {
    const key = `${objectType}:${objectId}`;
    const known = this.targets.get(key);
    if (known !== undefined) return known;
    let areaId: number | null = null;
    let meterTypeId: number | null = null;
    if (objectType === 'meter') {
      const meter = await this.store.meters.get(Number(objectId));
      areaId = meter?.areaId ?? null;
      meterTypeId = meter?.meterTypeId ?? null;
    } else if (objectType !== 'site') {
      const terminalId = Number(objectId.split(':')[0]);
      areaId = (await this.store.terminals.get(terminalId))?.areaId ?? null;
    }
    const areaPath = areaId === null ? null : ((await this.store.areas.get(areaId))?.path ?? null);
    const target = { areaId, areaPath, meterTypeId };
    this.targets.set(key, target);
    return target;
  }
}
