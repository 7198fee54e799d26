import type { Actor } from '@openami/headend/api';
import type { ServiceContext } from '../context.ts';

/**
 * The caller as the head-end records who asked for a read or a command. A principal with no user row (id 0:
 * the station acting on its own) is named but not linked.
 */
export function actorOf(context: ServiceContext): Actor {
  return {
    userId: context.principal.userId > 0 ? context.principal.userId : null,
    name: context.principal.username,
    sourceIp: context.sourceIp,
  };
}
