import { constraintViolation, databaseUnavailable } from '@openami/storage';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type Details, type ErrorCode, errorTable, localeOf, renderMessage } from '../errors.ts';
import { mebibytes } from './limits.ts';

/** Every error leaves as `{ code, message, details }`, the message in the requester's language. */
export function errorHandler(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const { code, details } = classify(error, request);
  if (code === 'INTERNAL') request.log.error({ err: error }, 'unhandled error');
  if (code === 'DATABASE_UNAVAILABLE') request.log.error({ err: error }, 'database unavailable');
  const locale = localeOf(request.headers['accept-language']);
  return reply
    .status(errorTable[code].status)
    .send({ code, message: renderMessage(code, locale, details), details });
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const locale = localeOf(request.headers['accept-language']);
  return reply
    .status(404)
    .send({ code: 'ROUTE_NOT_FOUND', message: renderMessage('ROUTE_NOT_FOUND', locale, {}), details: {} });
}

function classify(error: FastifyError, request: FastifyRequest): { code: ErrorCode; details: Details } {
  if (error instanceof AppError) return { code: error.code, details: error.details };
  if (error.validation !== undefined) {
    return {
      code: 'VALIDATION_FAILED',
      details: {
        issues: error.validation.map((issue) => ({
          field: `${error.validationContext ?? ''}${issue.instancePath}`,
          problem: issue.message ?? 'invalid',
        })),
      },
    };
  }
  if (error.statusCode === 429) return { code: 'RATE_LIMITED', details: {} };
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    const limit = request.routeOptions.bodyLimit;
    return { code: 'BODY_TOO_LARGE', details: limit === undefined ? {} : { limitMiB: mebibytes(limit) } };
  }
  if (databaseUnavailable(error)) return { code: 'DATABASE_UNAVAILABLE', details: {} };
  const violation = constraintViolation(error);
  if (violation === 'unique') return { code: 'ALREADY_EXISTS', details: { entity: 'record' } };
  if (violation === 'foreign_key') {
    return request.method === 'DELETE'
      ? { code: 'IN_USE', details: { entity: 'record' } }
      : { code: 'BAD_REFERENCE', details: { entity: 'record' } };
  }
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return { code: 'VALIDATION_FAILED', details: { reason: error.message } };
  }
  return { code: 'INTERNAL', details: {} };
}
