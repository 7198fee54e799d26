// Collection terminals (serial servers, concentrators) and their RS-485 ports.
import { Type } from '@sinclair/typebox';
import { bauds, meterProtocols, parities, terminalModes } from '../lists/archive.ts';
import {
  created,
  epochMs,
  id,
  idParams,
  integerUnion,
  literalUnion,
  noContent,
  ok,
  page,
  pageQuery,
  patchBody,
  requiredText,
} from './common.ts';

export const terminalPort = Type.Object({
  id,
  terminalId: id,
  portNo: Type.Integer(),
  baud: integerUnion(bauds),
  parity: literalUnion(parities),
  dataBits: Type.Integer(),
  stopBits: Type.Integer(),
  protocol: literalUnion(meterProtocols),
});

export const terminal = Type.Object({
  id,
  areaId: id,
  name: Type.String(),
  model: Type.String(),
  mode: literalUnion(terminalModes),
  address: Type.String(),
  createdAt: epochMs(),
  updatedAt: epochMs(),
});

export const terminalWithPorts = Type.Object({ ...terminal.properties, ports: Type.Array(terminalPort) });

/** Serial line settings of one RS-485 port of a serial server or concentrator (DOMAIN.md §2). */
export const portSettings = Type.Object({
  portNo: Type.Integer({ minimum: 1, maximum: 64 }),
  baud: integerUnion(bauds),
  parity: literalUnion(parities, { default: 'E' }),
  dataBits: Type.Integer({ minimum: 7, maximum: 8, default: 8 }),
  stopBits: Type.Integer({ minimum: 1, maximum: 2, default: 1 }),
  protocol: literalUnion(meterProtocols),
});
const terminalBody = Type.Object({
  areaId: Type.Integer({ minimum: 1 }),
  name: requiredText(),
  model: requiredText(64),
  mode: literalUnion(terminalModes, {
    description:
      "The terminal's own mode, as its manual names it. tcp_server: it listens and the head-end dials address " +
      'host:basePort (port N at basePort + N - 1). tcp_client: it dials the master station; address is its ' +
      'registration packet (ASCII, or hex:...).',
  }),
  address: requiredText(200),
  ports: Type.Array(portSettings, { maxItems: 64 }),
});

export const terminalsApi = {
  list: {
    querystring: pageQuery(['id', 'name', 'model', 'address'] as const, {
      name: Type.Optional(Type.String({ maxLength: 200 })),
    }),
    response: ok(page(terminal)),
  },
  get: { params: idParams, response: ok(terminalWithPorts) },
  create: { body: terminalBody, response: created(terminalWithPorts) },
  update: { params: idParams, body: patchBody(terminalBody), response: ok(terminalWithPorts) },
  remove: { params: idParams, response: noContent },
};
