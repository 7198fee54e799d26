// The archive's closed lists: areas, meters, meter types, terminals and their serial ports, accounts.
export {
  type AreaKind,
  areaKinds,
  type CardStandard,
  cardStandards,
  type MeterState,
  meterStates,
} from '@openami/domain';

/** The protocol a meter type (and a terminal port) speaks. */
export const meterProtocols = ['dlt645_2007', 'dlt645_1997', 'modbus_rtu'] as const;
export type MeterProtocol = (typeof meterProtocols)[number];

/** Single- or three-phase meters. */
export const meterPhases = [1, 3] as const;

/**
 * A terminal's own working mode, as its manual names it. tcp_server: it listens and the head-end dials it;
 * tcp_client: it dials the master station and introduces itself with a registration packet.
 */
export const terminalModes = ['tcp_server', 'tcp_client'] as const;
export type TerminalMode = (typeof terminalModes)[number];

/** Serial line settings an RS-485 port of a serial server or concentrator may be given. */
export const bauds = [600, 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200] as const;
export const parities = ['N', 'E', 'O'] as const;
export type Parity = (typeof parities)[number];

/** How an account pays: a card carried to the meter, charged by the master station, or topped up over the wire. */
export const prepaidModes = ['card', 'remote', 'local'] as const;
export type PrepaidMode = (typeof prepaidModes)[number];
export const accountStates = ['open', 'closed'] as const;
export type AccountState = (typeof accountStates)[number];

/** 0: no capacity limit; 1 and 2: the meter's capacity-limit modes (001 §3.2.2). */
export const capacityLimitModes = [0, 1, 2] as const;

/** The spreadsheet formats of archive import and export. */
export const tableFormats = ['xlsx', 'csv'] as const;
export type TableFormat = (typeof tableFormats)[number];
/** What imports and exports hold: the meter archive or the customers. */
export const archiveKinds = ['meters', 'customers'] as const;

/** The Q/GDW 1376.1 edition a concentrator speaks: the 2013 standard or its 2009 predecessor (376.1). */
export const concentratorVariants = ['gdw1376_1_2013', 'gdw376_1_2009'] as const;
export type ConcentratorVariant = (typeof concentratorVariants)[number];
