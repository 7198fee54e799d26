// The alarm engine: turns what the head-end sees (each meter's read once its readings are stored, with the
// stored energy reading's validation flags; each run's port success rates, link states, clock checks) into
// alarms with their evidence, following the domain's rules, and tells its listeners at once (the API pushes
// them over server-sent events). One open alarm per kind and object; conditions clear after staying absent
// for the damping time. It follows the field as the head-end's collection observer, whose data it takes in
// the domain's plain types: it knows nothing of the protocol.
import {
  type AlarmKind,
  type AlarmRuleOverride,
  addDaysToDate,
  balanceObservations,
  type CoverStatus,
  clearsOnAcknowledge,
  counterObservations,
  coverObservations,
  DEFAULT_CLEAR_AFTER_MS,
  decide,
  judgeConsumptionSpike,
  judgeNoConsumption,
  type LinkFlap,
  localDate,
  type MeterRead,
  type Observation,
  overloadObservation,
  type PortLink,
  type PortRate,
  type ReadingsLost,
  type StoredEnergy,
  type TerminalPort,
  useObservation,
} from '@openami/domain';
import type { AlarmRow, Repositories } from '@openami/storage';
import { type AlarmObjectType, AlarmRuleBook } from './alarm-engine-rules.ts';

export type AlarmEventKind = 'raised' | 'refreshed' | 'cleared' | 'acknowledged';

export interface AlarmEvent {
  readonly kind: AlarmEventKind;
  readonly alarm: AlarmRow;
}

export interface AlarmEngineOptions {
  readonly now?: () => number;
  /** A condition must stay absent this long before its alarm clears (default ten minutes). */
  readonly clearAfterMs?: number;
  /** The site's time zone, whose days the daily roll-ups are kept in (default Asia/Shanghai). */
  readonly timeZone?: string;
  /** How often the store is asked whether another process changed the rules (default a minute). */
  readonly rulesRefreshMs?: number;
  /** Rule overrides beneath the site's own, in code (tests; a deployment fixing a threshold). */
  readonly baseRules?: readonly AlarmRuleOverride[];
}

type Listener = (event: AlarmEvent) => void;

export class AlarmEngine {
  private readonly store: Repositories;
  private readonly options: AlarmEngineOptions;
  private readonly listeners = new Set<Listener>();
  /** Per meter: its last event counters (the first reading after a start only sets the baseline). */
  private readonly counters = new Map<number, Partial<Record<AlarmKind, number>>>();
  /** Per meter: its covers as status word 7 showed them at the last read of it. */
  private readonly covers = new Map<number, CoverStatus>();
  /** Per meter: the terminal it hangs on, as its last read said (a terminal's alarm covers its meters'). */
  private readonly terminalOf = new Map<number, number>();
  /** Per meter: read runs in a row it was unreachable. */
  private readonly failedRuns = new Map<number, number>();
  /** Per meter: whether its relay was open at the last status word 3 read (unknown before the first). */
  private readonly relayOpen = new Map<number, boolean>();
  /** Per meter: the last closed day judged for abnormal use. */
  private readonly judgedThrough = new Map<number, string>();
  private readonly rules: AlarmRuleBook;

  constructor(store: Repositories, options: AlarmEngineOptions = {}) {
    this.store = store;
    this.options = options;
    this.rules = new AlarmRuleBook(store, {
      ...(options.rulesRefreshMs === undefined ? {} : { refreshMs: options.rulesRefreshMs }),
      ...(options.baseRules === undefined ? {} : { base: options.baseRules }),
    });
  }

  /** The site's alarm rules changed (through this process's API): apply them from the next decision on. */
  rulesChanged(): void {
    this.rules.changed();
  }

  private get timeZone(): string {
    return this.options.timeZone ?? 'Asia/Shanghai';
  }

  /** Follows every alarm change; returns the function that stops following. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * One meter of a read run, once its readings are stored: reachability, the stored energy reading's flags,
   * event counters, relay, closed days, balance.
   */
  async meterRead(read: MeterRead): Promise<void> {
    const meterId = read.meterId;
    const objectId = String(meterId);
    const observations: Observation[] = [];
    if (read.port !== undefined) this.terminalOf.set(meterId, read.port.terminalId);
    if (read.energy !== undefined) observations.push(...flagObservations(objectId, read.energy));
    if (!read.answered) {
      const runs = (this.failedRuns.get(meterId) ?? 0) + 1;
      this.failedRuns.set(meterId, runs);
      const rule = await this.rules.rule('meter-unreachable', 'meter', objectId);
      // A meter behind a terminal that is offline is not a fault of its own: the terminal's alarm covers it.
      if (runs >= (rule.params.runs ?? 3) && !(await this.terminalOffline(read.port?.terminalId))) {
        observations.push({
          kind: 'meter-unreachable',
          objectId,
          present: true,
          evidence: {
            runsInARow: runs,
            reasons: read.failureMessages,
            // The same, as a reason code the web words in the reader's language.
            cause: read.failureReason,
          },
        });
      }
    } else {
      this.failedRuns.set(meterId, 0);
      observations.push({ kind: 'meter-unreachable', objectId, present: false, provenAbsent: true });
      const current = read.eventCounts ?? {};
      const counted: Observation[] = [];
      if (Object.keys(current).length > 0) {
        const previous = this.counters.get(meterId);
        if (previous !== undefined) counted.push(...counterObservations(objectId, previous, current));
        this.counters.set(meterId, { ...previous, ...current });
      }
      observations.push(...counted);
      if (read.covers !== undefined) {
        const { covers } = read;
        observations.push(...coverObservations(objectId, this.covers.get(meterId), covers, current, counted));
        this.covers.set(meterId, covers);
      }
      if (read.relay !== undefined) observations.push(await this.relayObservation(meterId, read.relay));
      if (read.energy !== undefined) observations.push(...(await this.dayClosed(meterId, read.collectedAt)));
      if (read.remainingEnergyWh !== undefined) {
        const account = await this.store.accounts.openForMeter(meterId);
        if (account !== undefined && account.prepaidMode !== 'remote') {
          // Whether the meter's relay is open, as its last status word 3 showed: an exhausted balance says the
          // power is off only when it is known to be.
          const relayOpen = this.relayOpen.get(meterId);
          observations.push(
            ...balanceObservations(objectId, {
              remainingWh: read.remainingEnergyWh,
              alarmEnergyWh: account.alarmEnergyWh,
              creditLimitWh: account.creditLimitWh,
            }).map((o) =>
              o.kind === 'balance-exhausted' && relayOpen !== undefined
                ? { ...o, evidence: { ...o.evidence, relayOpen } }
                : o,
            ),
          );
        }
      }
    }
    await this.apply('meter', observations);
    // The meter answered through its terminal: the terminal is not offline (the first good read clears it).
    if (read.answered && read.port !== undefined)
      await this.apply('terminal', [
        {
          kind: 'terminal-offline',
          objectId: String(read.port.terminalId),
          present: false,
          provenAbsent: true,
        },
      ]);
  }

  private async terminalOffline(terminalId: number | undefined): Promise<boolean> {
    if (terminalId === undefined) return false;
    const key = { kind: 'terminal-offline', objectType: 'terminal', objectId: String(terminalId) };
    return (await this.store.alarms.open(key)) !== undefined;
  }

  /**
   * Status word 3's relay bits: remembered for the no-consumption rule, and an overload trip while the
   * meter keeps its relay open by itself.
   */
  private async relayObservation(
    meterId: number,
    status: NonNullable<MeterRead['relay']>,
  ): Promise<Observation> {
    this.relayOpen.set(meterId, status.relayOpen);
    const mayBeOverload = status.relayOpen && !status.relayCommandOpen && !status.preTripAlarm;
    const exhausted =
      mayBeOverload &&
      (await this.store.alarms.open({
        kind: 'balance-exhausted',
        objectType: 'meter',
        objectId: String(meterId),
      })) !== undefined;
    return overloadObservation(String(meterId), status, exhausted);
  }

  /**
   * Abnormal use, once a day has closed for the meter: a day is closed when a reading of a later day is in
   * its roll-ups (that reading also brought the closed day its share of the interval across midnight). Each
   * closed day is judged once per process.
   */
  private async dayClosed(meterId: number, at: number): Promise<Observation[]> {
    const objectId = String(meterId);
    const yesterday = addDaysToDate(localDate(at, this.timeZone), -1);
    const judged = this.judgedThrough.get(meterId);
    if (judged !== undefined && judged >= yesterday) return [];
    const none = await this.rules.rule('no-consumption', 'meter', objectId);
    const spike = await this.rules.rule('consumption-spike', 'meter', objectId);
    const span = Math.max(none.params.days ?? 3, spike.params.historyDays ?? 30) + 1;
    const daily = await this.store.readings.daily(
      meterId,
      addDaysToDate(yesterday, -span),
      addDaysToDate(yesterday, 2),
    );
    const latest = daily.at(-1);
    if (latest === undefined) return [];
    const closedDay = addDaysToDate(latest.day, -1);
    if (judged !== undefined && closedDay <= judged) return [];
    this.judgedThrough.set(meterId, closedDay);
    const days = daily.filter((d) => d.day <= closedDay);
    return [
      useObservation(
        'no-consumption',
        objectId,
        judgeNoConsumption(days, closedDay, none.params, this.relayOpen.get(meterId)),
      ),
      useObservation('consumption-spike', objectId, judgeConsumptionSpike(days, closedDay, spike.params)),
    ].filter((o) => o !== undefined);
  }

  /**
   * A remote account's balance in money (the station keeps it): low at or below the alarm level, exhausted
   * at zero less the credit.
   */
  remoteBalance(
    meterId: number,
    balance: { balanceFen: number; alarmFen: number; creditFen: number },
  ): Promise<void> {
    const observations = balanceObservations(String(meterId), {
      remainingWh: balance.balanceFen,
      alarmEnergyWh: balance.alarmFen,
      creditLimitWh: balance.creditFen,
    }).map((o) => ({ ...o, evidence: { ...balance } }));
    return this.apply('meter', observations);
  }

  /**
   * A ledger check's result for one account, raised on its meter: `problems` lists where its kept balance
   * differs from its ledger entries (empty: they agree, and an open alarm clears after the damping time, or
   * at once when `rebuilt`: an administrator rebuilt the row from the entries, so the condition has ended).
   */
  async ledgerDrift(
    meterId: number,
    evidence: { accountId: number; problems: readonly string[] },
    rebuilt = false,
  ): Promise<void> {
    if (rebuilt && evidence.problems.length === 0) {
      const open = await this.store.alarms.open({
        kind: 'ledger-drift',
        objectType: 'meter',
        objectId: String(meterId),
      });
      const cleared =
        open === undefined
          ? undefined
          : await this.store.alarms.clear(open.id, 'condition-ended', this.now());
      if (cleared !== undefined) this.emit({ kind: 'cleared', alarm: cleared });
      return;
    }
    return this.apply('meter', [
      {
        kind: 'ledger-drift',
        objectId: String(meterId),
        present: evidence.problems.length > 0,
        evidence: { accountId: evidence.accountId, problems: [...evidence.problems] },
      },
    ]);
  }

  /**
   * The scheduled audit check's finding for the site (`audit-check.ts` of the server): raised while any
   * problem is found, cleared once a check finds none.
   */
  async auditChecked(problems: readonly string[]): Promise<void> {
    return this.apply('site', [
      {
        kind: 'audit-broken',
        objectId: 'audit',
        present: problems.length > 0,
        evidence: { reasons: problems.slice(0, 20) },
      },
    ]);
  }

  /**
   * Readings the collector could not keep while the database was down (or that it refused), told once it
   * answers again: one site alarm, raised anew after it is acknowledged.
   */
  async readingsLost(loss: ReadingsLost): Promise<void> {
    return this.apply('site', [
      {
        kind: 'readings-lost',
        objectId: 'readings',
        present: loss.rows > 0,
        evidence: { rows: loss.rows, since: loss.since, reasons: [...loss.reasons] },
      },
    ]);
  }

  /** A clock check's result for one meter: meter minus station clock, ms. */
  async clockChecked(meterId: number, offsetMs: number): Promise<void> {
    const objectId = String(meterId);
    const rule = await this.rules.rule('clock-deviation', 'meter', objectId);
    const limitMs = (rule.params.seconds ?? 300) * 1000;
    return this.apply('meter', [
      {
        kind: 'clock-deviation',
        objectId,
        present: Math.abs(offsetMs) > limitMs,
        evidence: { offsetMs, limitMs },
      },
    ]);
  }

  /**
   * A clock check's reading of one meter's date and time: `problem` says (in English, for logs) what no
   * calendar has in what the meter sent (month 13, hour 25), refused by the codec: its clock is broken, not
   * merely off; `null` when the meter's date and time were read and are real ones.
   */
  async clockRead(meterId: number, problem: string | null): Promise<void> {
    return this.apply('meter', [
      {
        kind: 'clock-invalid',
        objectId: String(meterId),
        present: problem !== null,
        // Real date and time read prove the clock sound again: the alarm clears at once.
        ...(problem === null ? { provenAbsent: true } : { evidence: { clockProblem: problem } }),
      },
    ]);
  }

  /**
   * A read run's success rate per terminal port. A terminal none of whose meters answered on any port is
   * offline: one alarm for the terminal instead of one per port and per meter. A port read well enough clears
   * its alarm at once, and a terminal with any meter read is online.
   */
  async portRates(runId: number, rates: readonly PortRate[]): Promise<void> {
    const byTerminal = new Map<number, PortRate[]>();
    for (const r of rates) {
      if (r.meters === 0) continue;
      byTerminal.set(r.terminalId, [...(byTerminal.get(r.terminalId) ?? []), r]);
    }
    for (const [terminalId, ports] of byTerminal) {
      const meters = ports.reduce((sum, r) => sum + r.meters, 0);
      const read = ports.reduce((sum, r) => sum + r.read, 0);
      const dark = read === 0;
      await this.apply('terminal', [
        {
          kind: 'terminal-offline',
          objectId: String(terminalId),
          present: dark,
          ...(dark ? { evidence: { runId, ports: ports.length, meters, read } } : { provenAbsent: true }),
        },
      ]);
      if (dark) continue;
      const observations: Observation[] = [];
      for (const r of ports) {
        const port = portObjectId(r);
        const rule = await this.rules.rule('port-success-low', 'port', port);
        const limit = rule.params.percent ?? 80;
        const percent = (100 * r.read) / r.meters;
        const present = percent < limit;
        observations.push({
          kind: 'port-success-low',
          objectId: port,
          present,
          ...(present ? {} : { provenAbsent: true }),
          evidence: { runId, meters: r.meters, read: r.read, percent: Math.round(percent * 10) / 10, limit },
        });
      }
      await this.apply('port', observations);
    }
  }

  /**
   * Every terminal port's link: a terminal whose every port is down is offline. Links up again clear only an
   * alarm the links raised, after the damping time; one a read run raised waits for a good read.
   */
  async linkStates(links: readonly PortLink[]): Promise<void> {
    const byTerminal = new Map<number, PortLink[]>();
    for (const link of links)
      byTerminal.set(link.terminalId, [...(byTerminal.get(link.terminalId) ?? []), link]);
    const observations: Observation[] = [];
    for (const [terminalId, ports] of byTerminal) {
      const down = ports.filter((p) => !p.up).length;
      const objectId = String(terminalId);
      if (down === ports.length) {
        observations.push({
          kind: 'terminal-offline',
          objectId,
          present: true,
          evidence: { ports: ports.length, linksDown: down },
        });
        continue;
      }
      const open = await this.store.alarms.open({
        kind: 'terminal-offline',
        objectType: 'terminal',
        objectId,
      });
      if (open !== undefined && raisedByLinks(open))
        observations.push({ kind: 'terminal-offline', objectId, present: false });
    }
    return this.apply('terminal', observations);
  }

  /**
   * Dial-in terminals whose link dropped and came back, or was contested by refused newcomers, more often than
   * the site allows in the flap window: one `link-flapping` alarm each, which clears once the terminal has
   * stayed stable for the damping time.
   */
  async linkFlaps(flaps: readonly LinkFlap[]): Promise<void> {
    return this.apply(
      'terminal',
      flaps.map((flap) => ({
        kind: 'link-flapping',
        objectId: String(flap.terminalId),
        present: flap.flapping,
        evidence: {
          reconnects: flap.reconnects,
          refusedTakeovers: flap.refusedTakeovers,
          windowMs: flap.windowMs,
        },
      })),
    );
  }

  /**
   * A terminal found offline: its meters' unreachable and its ports' weak-port alarms say the same thing
   * again, and clear as covered by it.
   */
  private async coverTerminal(terminalId: number): Promise<void> {
    const now = this.now();
    for (const alarm of await this.store.alarms.openAlarms()) {
      const covered =
        (alarm.kind === 'meter-unreachable' &&
          alarm.objectType === 'meter' &&
          this.terminalOf.get(Number(alarm.objectId)) === terminalId) ||
        (alarm.kind === 'port-success-low' &&
          alarm.objectType === 'port' &&
          alarm.objectId.startsWith(`${terminalId}:`));
      if (!covered) continue;
      const cleared = await this.store.alarms.clear(alarm.id, 'covered-by-terminal', now);
      if (cleared !== undefined) this.emit({ kind: 'cleared', alarm: cleared });
    }
  }

  /** Somebody looked at an alarm; event alarms clear with it. */
  async acknowledge(
    id: number,
    by: { userId: number | null; name: string },
    comment: string,
  ): Promise<AlarmRow | undefined> {
    const alarm = await this.store.alarms.get(id);
    if (alarm === undefined) return undefined;
    const done = await this.store.alarms.acknowledge(
      id,
      by,
      comment,
      this.now(),
      clearsOnAcknowledge(alarm.kind as AlarmKind),
    );
    if (done !== undefined) this.emit({ kind: 'acknowledged', alarm: done });
    return done;
  }

  private async apply(objectType: AlarmObjectType, observations: readonly Observation[]): Promise<void> {
    for (const observation of observations) {
      const key = { kind: observation.kind, objectType, objectId: observation.objectId };
      const rule = await this.rules.rule(observation.kind, objectType, observation.objectId);
      const open = await this.store.alarms.open(key);
      const now = this.now();
      if (!rule.enabled) {
        // Switched off for this object: nothing new is raised, and what is open ends with the rule.
        const cleared =
          open === undefined ? undefined : await this.store.alarms.clear(open.id, 'rule-disabled', now);
        if (cleared !== undefined) this.emit({ kind: 'cleared', alarm: cleared });
        continue;
      }
      const decision = decide(
        observation,
        open === undefined ? undefined : { lastSeenAt: open.lastSeenAt, state: open.state as 'raised' },
        now,
        this.options.clearAfterMs ?? DEFAULT_CLEAR_AFTER_MS,
      );
      switch (decision.action) {
        case 'raise': {
          const raised = await this.store.alarms.raise(
            {
              ...key,
              severity: rule.severity,
              areaId: await this.rules.areaOf(objectType, observation.objectId),
              evidence: observation.evidence ?? {},
            },
            now,
          );
          this.emit({ kind: raised.created ? 'raised' : 'refreshed', alarm: raised.alarm });
          if (raised.created && observation.kind === 'terminal-offline')
            await this.coverTerminal(Number(observation.objectId));
          break;
        }
        case 'refresh':
          if (open !== undefined)
            this.emit({ kind: 'refreshed', alarm: await this.store.alarms.refresh(open.id, now) });
          break;
        case 'clear': {
          const cleared =
            open === undefined ? undefined : await this.store.alarms.clear(open.id, 'condition-ended', now);
          if (cleared !== undefined) this.emit({ kind: 'cleared', alarm: cleared });
          break;
        }
        case 'none':
          break;
      }
    }
  }

  private emit(event: AlarmEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}

/** A port's alarms are kept under `terminal:port`, the terminal's store id and the port's number. */
function portObjectId(port: TerminalPort): string {
  return `${port.terminalId}:${port.portNo}`;
}

/** An energy reading stored with validation flags is kept; somebody should look at it. */
function flagObservations(objectId: string, energy: StoredEnergy): Observation[] {
  const observations: Observation[] = [];
  const evidence = { readAt: energy.readAt, activeImportWh: energy.activeImportWh, flags: energy.flags };
  if (energy.flags.includes('register-backwards'))
    observations.push({ kind: 'register-backwards', objectId, present: true, evidence });
  if (energy.flags.includes('exceeds-capacity'))
    observations.push({ kind: 'energy-implausible', objectId, present: true, evidence });
  return observations;
}

/** Whether a terminal's offline alarm was raised by its links (rather than by a read run that read nothing). */
function raisedByLinks(alarm: AlarmRow): boolean {
  try {
    const evidence = JSON.parse(alarm.evidence) as unknown;
    return typeof evidence === 'object' && evidence !== null && 'linksDown' in evidence;
  } catch {
    return false;
  }
}
