// A small Q/GDW 1376.1 master station for tests, written with the codec: it accepts a concentrator's dial-in,
// confirms its login and heartbeats, sends requests and collects every frame of their answers.
import { createServer, type Server, type Socket } from 'node:net';
import { q1376 } from '@openami/protocol';

/** A master station for one concentrator: confirms logins and heartbeats, and asks. */
export class TestStation {
  readonly server: Server;
  socket: Socket | undefined;
  readonly logins: q1376.DecodedMessage[] = [];
  readonly heartbeats: q1376.DecodedMessage[] = [];
  readonly answers: q1376.DecodedMessage[] = [];
  private deframer = new q1376.Deframer();
  private waiters: (() => void)[] = [];
  private pseq = 0;
  connections = 0;
  confirmLogins = true;
  readonly area: string;
  readonly terminal: number;

  constructor(area: string, terminal: number) {
    this.area = area;
    this.terminal = terminal;
    this.server = createServer((socket) => {
      this.connections++;
      this.socket = socket;
      this.deframer = new q1376.Deframer();
      socket.on('data', (chunk: Buffer) => this.receive(socket, new Uint8Array(chunk)));
      socket.on('error', () => {});
    });
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    const address = this.server.address();
    return typeof address === 'object' && address !== null ? address.port : 0;
  }

  close(): Promise<void> {
    this.socket?.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private receive(socket: Socket, chunk: Uint8Array): void {
    for (const event of this.deframer.push(chunk)) {
      if (event.kind !== 'frame') continue;
      const message = q1376.interpretFrame(event.frame);
      const unit = message.units[0];
      if (message.frame.afn === q1376.AFN.linkCheck && message.frame.control.primary) {
        (unit?.kind === 'login' ? this.logins : this.heartbeats).push(message);
        if (unit?.kind === 'login' && !this.confirmLogins) continue;
        socket.write(
          q1376.encodeMessage({
            control: {
              direction: 'down',
              primary: false,
              frameCountBit: false,
              frameCountValid: false,
              functionCode: 11,
            },
            address: message.frame.address,
            afn: q1376.AFN.confirm,
            sequence: { first: true, final: true, confirm: false, number: message.frame.sequence.number },
            units: [{ kind: 'confirm-all', point: 0, fn: 1 }],
          }),
        );
      } else this.answers.push(message);
      for (const waiter of this.waiters.splice(0)) waiter();
    }
  }

  async until(check: () => boolean, what: string, timeoutMs = 3_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 20);
      });
    }
  }

  /** Sends a request and returns the frames of its answer (all of them, FIR through FIN). */
  async ask(
    afn: number,
    units: readonly q1376.DataUnit[],
    functionCode = 11,
    extra: { readonly confirm?: boolean; readonly timeTag?: q1376.TimeTag; readonly timeoutMs?: number } = {},
  ): Promise<q1376.DecodedMessage[]> {
    const number = this.pseq;
    this.pseq = (this.pseq + 1) % 16;
    const from = this.answers.length;
    this.socket?.write(
      q1376.encodeMessage({
        control: {
          direction: 'down',
          primary: true,
          frameCountBit: false,
          frameCountValid: false,
          functionCode,
        },
        address: { area: this.area, terminal: this.terminal, master: 2, group: false },
        afn,
        sequence: { first: true, final: true, confirm: extra.confirm ?? false, number },
        units,
        ...(extra.timeTag === undefined ? {} : { timeTag: extra.timeTag }),
      }),
    );
    await this.until(
      () => this.answers.slice(from).some((m) => m.frame.sequence.final),
      `AFN ${afn} answer`,
      extra.timeoutMs,
    );
    const frames = this.answers.slice(from);
    if (frames[0]?.frame.sequence.first !== true || frames[0]?.frame.sequence.number !== number)
      throw new Error(`the answer to PSEQ ${number} did not start with FIR and RSEQ ${number}`);
    return frames;
  }
}
