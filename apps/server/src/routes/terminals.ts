import { Type } from '@sinclair/typebox';
import { serviceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { idParams, literalUnion, pageQuery, requiredText } from '../http/schemas.ts';
import { terminalInScope } from '../policies/scope.ts';
import { createTerminal, deleteTerminal, listTerminals, updateTerminal } from '../services/terminals.ts';
import type { RouteDeps } from './route-deps.ts';

/** Serial line settings of one RS-485 port of a serial server or concentrator (DOMAIN.md §2). */
const portBody = Type.Object({
  portNo: Type.Integer({ minimum: 1, maximum: 64 }),
  baud: Type.Unsafe<number>({
    type: 'integer',
    enum: [600, 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200],
  }),
  parity: literalUnion(['N', 'E', 'O'] as const, { default: 'E' }),
  dataBits: Type.Integer({ minimum: 7, maximum: 8, default: 8 }),
  stopBits: Type.Integer({ minimum: 1, maximum: 2, default: 1 }),
  protocol: literalUnion(['dlt645_2007', 'dlt645_1997', 'modbus_rtu'] as const),
});
const terminalBody = Type.Object({
  areaId: Type.Integer({ minimum: 1 }),
  name: requiredText(),
  model: requiredText(64),
  mode: literalUnion(['tcp_server', 'tcp_client'] as const, {
    description:
      "The terminal's own mode, as its manual names it. tcp_server: it listens and the head-end dials address " +
      'host:basePort (port N at basePort + N - 1). tcp_client: it dials the master station; address is its ' +
      'registration packet (ASCII, or hex:...).',
  }),
  address: requiredText(200),
  ports: Type.Array(portBody, { maxItems: 64 }),
});
const tags = ['terminals'];

export async function terminalRoutes({ app, services }: RouteDeps): Promise<void> {
  app.get(
    '/api/terminals',
    {
      config: { access: 'terminal.read' },
      schema: {
        tags,
        summary: 'List collection terminals in your areas',
        querystring: pageQuery(['id', 'name', 'model', 'address'] as const, {
          name: Type.Optional(Type.String({ maxLength: 200 })),
        }),
      },
    },
    async (request) => {
      const { offset, limit, sort, direction, ...filter } = request.query;
      return listTerminals(serviceContext(request, services), filter, { offset, limit, sort, direction });
    },
  );

  app.get(
    '/api/terminals/:id',
    {
      config: { access: 'terminal.read' },
      schema: { tags, summary: 'One terminal with its ports', params: idParams },
    },
    async (request) => terminalInScope(serviceContext(request, services), request.params.id),
  );

  app.post(
    '/api/terminals',
    {
      config: { access: 'terminal.write' },
      schema: { tags, summary: 'Register a terminal', body: terminalBody },
    },
    async (request, reply) => {
      const created = await createTerminal(serviceContext(request, services), request.body);
      return reply.status(201).send(created);
    },
  );

  app.patch(
    '/api/terminals/:id',
    {
      config: { access: 'terminal.write' },
      schema: {
        tags,
        summary: 'Change a terminal; `ports` replaces the port list',
        params: idParams,
        body: Type.Partial(terminalBody),
      },
    },
    async (request) => {
      const updated = await updateTerminal(
        serviceContext(request, services),
        request.params.id,
        request.body,
      );
      if (updated === undefined) throw new AppError('NOT_FOUND', { entity: 'terminal' });
      return updated;
    },
  );

  app.delete(
    '/api/terminals/:id',
    {
      config: { access: 'terminal.write' },
      schema: { tags, summary: 'Delete a terminal', params: idParams },
    },
    async (request, reply) => {
      await deleteTerminal(serviceContext(request, services), request.params.id);
      return reply.status(204).send();
    },
  );
}
