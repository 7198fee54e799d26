import { Type } from '@sinclair/typebox';
import { serviceContext } from '../context.ts';
import { code, idParams, literalUnion, pageQuery, requiredText } from '../http/schemas.ts';
import { createMeterType, getMeterType, listMeterTypes, updateMeterType } from '../services/set-up.ts';
import type { RouteDeps } from './route-deps.ts';

/** Nameplate data, e.g. `220V 10(40)A 50Hz 1600imp/kWh` (DOMAIN.md §2): currents in mA, constant in imp/kWh. */
const meterTypeBody = Type.Object({
  code,
  name: requiredText(),
  model: requiredText(64),
  constantImpPerKwh: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
  ratedCurrentMa: Type.Integer({ minimum: 1 }),
  maxCurrentMa: Type.Integer({ minimum: 1 }),
  phases: Type.Unsafe<number>({ type: 'integer', enum: [1, 3] }),
  protocol: literalUnion(['dlt645_2007', 'dlt645_1997', 'modbus_rtu'] as const),
  cardStandard: literalUnion(['gb_t_18460', 'jb_t_8382', 'none'] as const),
});
const tags = ['meter types'];

export async function meterTypeRoutes({ app, services }: RouteDeps): Promise<void> {
  app.get(
    '/api/meter-types',
    {
      config: { access: 'meterType.read' },
      schema: {
        tags,
        summary: 'List meter types',
        querystring: pageQuery(['id', 'code', 'name'] as const, {}),
      },
    },
    async (request) => listMeterTypes(serviceContext(request, services), request.query),
  );
  app.get(
    '/api/meter-types/:id',
    {
      config: { access: 'meterType.read' },
      schema: { tags, summary: 'A meter type and all its versions', params: idParams },
    },
    async (request) => getMeterType(serviceContext(request, services), request.params.id),
  );
  app.post(
    '/api/meter-types',
    {
      config: { access: 'meterType.write' },
      schema: { tags, summary: 'Create a meter type', body: meterTypeBody },
    },
    async (request, reply) =>
      reply.status(201).send(await createMeterType(serviceContext(request, services), request.body)),
  );
  app.patch(
    '/api/meter-types/:id',
    {
      config: { access: 'meterType.write' },
      schema: {
        tags,
        summary:
          'Change a meter type: makes a new version; meters keep the version they were stocked in with',
        params: idParams,
        body: Type.Partial(Type.Omit(meterTypeBody, ['code'])),
      },
    },
    async (request) => updateMeterType(serviceContext(request, services), request.params.id, request.body),
  );
}
