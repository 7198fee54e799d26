import { Type } from '@sinclair/typebox';
import { serviceContext } from '../context.ts';
import { monitorMeters } from '../services/monitoring.ts';
import type { RouteDeps } from './route-deps.ts';

export async function monitoringRoutes({ app, services }: RouteDeps): Promise<void> {
  app.get(
    '/api/monitoring/meters',
    {
      config: { access: 'alarm.read' },
      schema: {
        tags: ['alarms'],
        summary:
          'Every installed meter of an area and beneath it (all your areas when left out), with its areas, its colour (green normal, yellow alarm, red fault, grey never read), the open alarms behind it, its account holder (room) and its role in the supply tree',
        querystring: Type.Object({
          areaId: Type.Optional(
            Type.Integer({ minimum: 1, description: 'an area and everything beneath it' }),
          ),
        }),
      },
    },
    async (request) => monitorMeters(serviceContext(request, services), request.query.areaId),
  );
}
