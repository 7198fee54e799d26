// The head-end's command API: all the server may use of it (`@openami/headend/api`). Reads and runs asked
// for and their answers, commands to meters (persisted by whoever asks, sent by the collector that drives
// the meter), reading plans as the store keeps them, the items and item groups operators name, and the
// reasons a failure is coded with. Building and running a collector is composition: the CLI's.
export type { DataValue } from '@openami/protocol';
export type { ItemFailure, ItemReading, MeterOutcome } from './collect/collect-meter.ts';
export type { Actor } from './collector/actor.ts';
export { CommandRefused, type CommandRequest } from './collector/command-queue.ts';
// The server's configuration holds the collector's options, its security module made from OPENAMI_ESAM_KEY.
export type { CollectorOptions } from './collector/options.ts';
export type { RunProgress, RunRequest, RunResult } from './collector/run-request.ts';
export { type CommandActor, recordCommandRequest } from './commands/command-request.ts';
export type { MeterCommand } from './commands/meter-command.ts';
export { type SecurityModule, SoftSecurityModule } from './commands/security-module.ts';
export type { BusUsage } from './head-end.ts';
export { DEFAULT_PLANS, type PlanKind, type PlanTargets, type ReadingPlan } from './plans/default-plans.ts';
export {
  ITEM_GROUPS,
  type ItemGroup,
  type ItemInfo,
  isItemGroup,
  itemInfo,
  resolveItems,
  writeProblem,
} from './plans/item-groups.ts';
export {
  type PlanProblem,
  planFromRow,
  planProblem,
  planProblemReason,
  planRowProblem,
  planToRow,
  type StoredPlan,
} from './plans/plan-records.ts';
export type { Schedule } from './plans/schedule.ts';
export {
  plainReason,
  REASON_CODES,
  type Reason,
  type ReasonCode,
  RUN_SUMMARY_CODES,
  type RunSummary,
  reasonColumns,
} from './reasons.ts';
