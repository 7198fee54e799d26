// The field's control API: HTTP on the loopback interface only, JSON in and out. Tests and operators read a
// meter's true state and inject faults or scenarios while the field runs.
//   GET  /terminals                      terminals and their TCP ports
//   GET  /meters                         every meter address
//   GET  /meters/{address}               the meter's true state
//   POST /meters/{address}/scenario      a Scenario (field/scenario.ts)
//   PUT  /faults                         { target: {terminal, port?} | {meter}, faults: FaultSettings | null }
//   POST /terminals/{id}/drop            the terminal drops its TCP connections
//   GET  /stats                          bus counters per terminal port
//   GET  /concentrators                  each concentrator's state (link, signal dBm, meter table, reads)
//   POST /concentrators/{area-addr}/drop its GPRS link drops (it redials)
//   POST /concentrators/{area-addr}/power { on: boolean }: it loses or regains power (ERC 14)
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type FaultSettings, faultProblems } from '../bus/faults.ts';
import type { FaultTarget, Field } from '../field/field.ts';
import { runScenario, type Scenario } from '../field/scenario.ts';
import { meterState } from './meter-state.ts';

const LOOPBACK = '127.0.0.1';
const MAX_BODY_BYTES = 64 * 1024;

class HttpError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

export interface ControlServer {
  readonly port: number;
  close(): Promise<void>;
}

export async function startControlServer(field: Field, port = 0): Promise<ControlServer> {
  const server: Server = createServer((request, response) => {
    handle(field, request)
      .then((body) => send(response, 200, body))
      .catch((error: unknown) => {
        const status = error instanceof HttpError ? error.status : 400;
        send(response, status, { error: error instanceof Error ? error.message : String(error) });
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LOOPBACK, () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address !== null ? address.port : port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handle(field: Field, request: IncomingMessage): Promise<unknown> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const parts = url.pathname.split('/').filter((part) => part !== '');
  const method = request.method ?? 'GET';
  const [resource, id, action] = parts;
  if (method === 'GET' && resource === 'terminals' && id === undefined) return field.listing();
  if (method === 'GET' && resource === 'meters' && id === undefined) return field.addresses();
  if (method === 'GET' && resource === 'meters' && id !== undefined && action === undefined)
    return meterState(found(() => field.meter(id)));
  if (method === 'POST' && resource === 'meters' && id !== undefined && action === 'scenario') {
    const scenario = (await readJson(request)) as Scenario;
    found(() => field.meter(id));
    return runScenario(field, id, scenario);
  }
  if (method === 'PUT' && resource === 'faults') {
    const body = (await readJson(request)) as { target?: FaultTarget; faults?: FaultSettings | null };
    if (body.target === undefined) throw new HttpError(400, 'target is required');
    const faults = body.faults ?? undefined;
    const problems = faults === undefined ? [] : faultProblems(faults);
    if (problems.length > 0) throw new HttpError(400, problems.join('; '));
    const target = body.target;
    found(() => field.setFaults(target, faults));
    return { done: true };
  }
  if (method === 'POST' && resource === 'terminals' && id !== undefined && action === 'drop') {
    found(() => field.terminal(id)).dropConnections();
    return { done: true };
  }
  if (method === 'GET' && resource === 'concentrators' && id === undefined)
    return field.concentrators.map(({ concentrator, uplink }) => ({
      ...concentrator.state(),
      link: uplink.state,
      lastLoginMs: uplink.lastLoginMs ?? null,
      lastHeartbeatMs: uplink.lastHeartbeatMs ?? null,
      linkStats: uplink.stats,
    }));
  if (method === 'POST' && resource === 'concentrators' && id !== undefined && action === 'drop') {
    found(() => field.concentrator(id)).uplink.drop();
    return { done: true };
  }
  if (method === 'POST' && resource === 'concentrators' && id !== undefined && action === 'power') {
    const body = (await readJson(request)) as { on?: unknown };
    if (typeof body.on !== 'boolean') throw new HttpError(400, 'on must be true or false');
    const on = body.on;
    found(() => field.setConcentratorPower(id, on));
    return { done: true };
  }
  if (method === 'GET' && resource === 'stats') {
    return field.terminals.map((terminal) => ({
      id: terminal.id,
      ports: terminal.ports.map((port) => ({ ...port.bus.stats, connections: port.connectionCount })),
    }));
  }
  throw new HttpError(404, `no route ${method} ${url.pathname}`);
}

function found<T>(lookup: () => T): T {
  try {
    return lookup();
  } catch (error) {
    throw new HttpError(404, error instanceof Error ? error.message : String(error));
  }
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'request body too large');
    chunks.push(buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new HttpError(400, 'request body is not JSON');
  }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}
