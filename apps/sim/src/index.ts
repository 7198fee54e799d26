// @openami/sim: a field of simulated DL/T 645 meters on RS-485 buses behind serial-to-Ethernet terminals,
// reached over real TCP, with fault injection and a control API. Models meters from the standard.
export { combineFaults, type EffectiveFaults, type FaultSettings } from './bus/faults.ts';
export { BROADCAST_BUSY_MAX_MS, type BusStats, MAX_METERS_PER_BUS, Rs485Bus } from './bus/rs485-bus.ts';
export {
  type Answer,
  CARRIER_PORT,
  Concentrator,
  type ConcentratorOptions,
  type ConcentratorState,
  DAILY_FREEZES_KEPT,
  MAX_POINTS,
  MONTHLY_FREEZES_KEPT,
  type WiredMeter,
} from './concentrator/concentrator.ts';
export { LocalChannel, type LocalChannelOptions } from './concentrator/local-channel.ts';
export { type LinkState, type LinkStats, Uplink, type UplinkOptions } from './concentrator/uplink.ts';
export { type ControlServer, startControlServer } from './control/control-server.ts';
export { meterState } from './control/meter-state.ts';
export {
  type ConcentratorDescription,
  checkFieldDescription,
  type FieldDescription,
  type MeterDescription,
  type PortDescription,
  parseFieldDescription,
  type TerminalDescription,
} from './field/description.ts';
export {
  type ConcentratorRun,
  type FaultTarget,
  Field,
  type FieldOptions,
  type MeterPlacement,
  startField,
  type TerminalListing,
} from './field/field.ts';
export { type GeneratorOptions, generateField } from './field/generate.ts';
export {
  runScenario,
  SCENARIO_KINDS,
  type Scenario,
  type ScenarioField,
  type ScenarioOutcome,
} from './field/scenario.ts';
export type { ScheduledScenario } from './field/schedule.ts';
export type { MoneyPrepaidConfig, MoneyTopUp, MoneyTopUpOutcome } from './meter/fee-control.ts';
export { Household } from './meter/household.ts';
export type { LoadProfileName } from './meter/load-profile.ts';
export { SimMeter } from './meter/meter.ts';
export {
  CARD_METER_CAPACITY_LIMIT,
  type CapacityLimitConfig,
  type MeterConfig,
  type MeterConfigInput,
  meterConfig,
  NETWORKED_CAPACITY_LIMIT,
  type PrepaidConfig,
  SIM_TEST_ESAM_KEY,
} from './meter/meter-config.ts';
export type { PurchaseOutcome, PurchaseRefusal, PurchaseRequest } from './meter/prepaid.ts';
export {
  DAILY_WH_BY_SIZE,
  HOUSEHOLD_SIZE_SHARES,
  householdSizeOf,
  type ResidentialTraits,
} from './meter/residential-load.ts';
export * as scenarios from './meter/scenarios.ts';
export { meterAnswer } from './meter/serial-interface.ts';
export { Random } from './random.ts';
export { freeBasePort } from './terminal/free-ports.ts';
export { PORTS_OF_MODEL, Terminal, type TerminalModel } from './terminal/terminal.ts';
export { JumpClock, ManualClock, realTimeClock, type SimClock } from './time/sim-clock.ts';
