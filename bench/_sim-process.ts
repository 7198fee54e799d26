// A simulated field in a process of its own, so that a benchmark measures the head-end's CPU and not the
// simulator's. Prints one JSON line describing the field, then runs until killed.
import { generateField, startControlServer, startField } from '@openami/sim';

const options = JSON.parse(process.argv[2] ?? '{}') as Parameters<typeof generateField>[0];
const field = await startField(generateField(options));
const meters = field.addresses().map((address) => {
  const { meter, terminal, portIndex } = field.placement(address);
  return {
    address,
    edition: meter.config.edition,
    terminalId: terminal.id,
    portNo: portIndex + 1,
    tcpPort: field.tcpPort(terminal.id, portIndex),
    baud: meter.config.baud,
    delay: meter.config.responseDelayMs,
  };
});
// The control API (scenarios, faults) for benchmarks that drive the field while it is read.
const control = await startControlServer(field);
process.stdout.write(
  `${JSON.stringify({ host: field.host, meters, simNow: field.clock.now(), controlPort: control.port })}\n`,
);
process.on('SIGTERM', () => {
  void field.stop().then(() => process.exit(0));
});
