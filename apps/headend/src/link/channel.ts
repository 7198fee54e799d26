/**
 * A byte pipe to one RS-485 bus: a TCP connection to a serial-server port, a dial-in terminal's connection,
 * or a local serial port. The bus scheduler talks to this and nothing else.
 */
export interface ByteChannel {
  /** For logs and run reports: `tcp://10.0.0.5:4001`, `serial:/dev/ttyUSB0`. */
  readonly label: string;
  /** Whether bytes can be written now. */
  readonly isOpen: boolean;
  /** Writes bytes; rejects when the link is down. */
  write(bytes: Uint8Array): Promise<void>;
  /** Every chunk received, in order. */
  onData(listener: (chunk: Uint8Array) => void): void;
  /** The link went down; `reason` says why in words. */
  onDown(listener: (reason: string) => void): void;
  /** The link is (again) up. */
  onUp(listener: () => void): void;
  /** Closes for good; no reconnection. */
  close(): Promise<void>;
}
