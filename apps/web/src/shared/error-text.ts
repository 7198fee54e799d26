import type { TFunction } from 'i18next';
import { ApiError, NetworkError } from '../api/client.ts';

/**
 * An error in the user's language: the server words its own errors in the language the client asked for
 * (the client sends it with every request), so only failures that never reached it are worded here.
 */
export function errorText(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) return error.message;
  // Something answered, but not the server (a proxy or gateway in between): say so, with its status.
  if (error instanceof NetworkError && error.status !== undefined) {
    return t('states.serverTrouble', { status: error.status });
  }
  return t('errors.network');
}

/** The server's words for why each field was refused, keyed by the form field's name. */
export function fieldProblems(error: unknown): ReadonlyMap<string, string> {
  const problems = new Map<string, string>();
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED') return problems;
  const { issues, field } = error.details;
  if (typeof field === 'string') problems.set(field, String(error.details.problem ?? ''));
  if (Array.isArray(issues)) {
    for (const issue of issues as readonly { field?: unknown; problem?: unknown }[]) {
      // Fastify names body fields as `body/ports/0/baud`; the form names the first segment after `body`.
      const path = typeof issue.field === 'string' ? issue.field.replace(/^body\/?/, '') : '';
      const name = path.split('/')[0] ?? '';
      if (name !== '' && !problems.has(name)) problems.set(name, String(issue.problem ?? ''));
    }
  }
  return problems;
}
