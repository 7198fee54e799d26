import { Type } from '@sinclair/typebox';
import { serviceContext } from '../context.ts';
import { idParams, literalUnion } from '../http/schemas.ts';
import {
  getNotificationPreference,
  setNotificationPreference,
} from '../services/notification-preferences.ts';
import type { RouteDeps } from './route-deps.ts';

const tags = ['users'];
const preferenceBody = Type.Object({
  email: Type.Union([
    Type.String({ maxLength: 254, pattern: '^[^@\\s<>]+@[^@\\s<>]+\\.[^@\\s<>]+$' }),
    Type.Null(),
  ]),
  delivery: literalUnion(['each', 'digest', 'off'] as const),
});

/**
 * Alarm e-mail preferences: one's own (`/api/users/me/notifications`), or, for those who manage users,
 * another's; every change is audited.
 */
export async function notificationPreferenceRoutes({ app, services }: RouteDeps): Promise<void> {
  app.get(
    '/api/users/me/notifications',
    {
      config: { access: 'alarm.read' },
      schema: { tags, summary: 'Your alarm e-mail: the address, and each alarm, a daily digest, or none' },
    },
    async (request) => {
      const context = serviceContext(request, services);
      return getNotificationPreference(context, context.principal.userId);
    },
  );
  app.put(
    '/api/users/me/notifications',
    {
      config: { access: 'alarm.read' },
      schema: {
        tags,
        summary: 'Choose your alarm e-mail: each alarm in your areas, a daily digest, or none',
        body: preferenceBody,
      },
    },
    async (request) => {
      const context = serviceContext(request, services);
      return setNotificationPreference(context, context.principal.userId, request.body);
    },
  );
  app.get(
    '/api/users/:id/notifications',
    {
      config: { access: 'user.read' },
      schema: { tags, summary: "A user's alarm e-mail preference", params: idParams },
    },
    async (request) => getNotificationPreference(serviceContext(request, services), request.params.id),
  );
  app.put(
    '/api/users/:id/notifications',
    {
      config: { access: 'user.write' },
      schema: {
        tags,
        summary: "Set a user's alarm e-mail preference (audited)",
        params: idParams,
        body: preferenceBody,
      },
    },
    async (request) =>
      setNotificationPreference(serviceContext(request, services), request.params.id, request.body),
  );
}
