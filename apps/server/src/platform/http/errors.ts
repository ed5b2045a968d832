import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

/** An error a client can act on: the HTTP layer turns it into Intercom's error envelope. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly options: { field?: string; headers?: Record<string, string> } = {},
  ) {
    super(message);
  }
}

export const notFound = (thing: string) => new AppError(404, 'not_found', `${thing} not found`);
export const invalid = (message: string, field?: string) => new AppError(400, 'parameter_invalid', message, { field });
export const unauthorized = (message = 'Access Token Invalid') => new AppError(401, 'unauthorized', message);
export const forbidden = (message: string) => new AppError(403, 'forbidden', message);
export const conflict = (message: string, field?: string) => new AppError(409, 'conflict', message, { field });

export interface ErrorEnvelope {
  type: 'error.list';
  request_id: string;
  errors: { code: string; message: string; field?: string }[];
}

export function envelope(requestId: string, errors: ErrorEnvelope['errors']): ErrorEnvelope {
  return { type: 'error.list', request_id: requestId, errors };
}

interface ValidationIssue {
  keyword: string;
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
}

/** Ajv's messages, rewritten to name the field the client got wrong. */
function describeValidation(issues: ValidationIssue[], context: string): ErrorEnvelope['errors'] {
  return issues.slice(0, 5).map((issue) => {
    const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
    if (issue.keyword === 'additionalProperties') {
      const field = [path, issue.params.additionalProperty].filter(Boolean).join('.');
      return { code: 'parameter_invalid', message: `Unknown field "${field}" in ${context}`, field };
    }
    if (issue.keyword === 'required') {
      const field = [path, issue.params.missingProperty].filter(Boolean).join('.');
      return { code: 'parameter_not_found', message: `Missing required field "${field}" in ${context}`, field };
    }
    const field = path || context;
    return { code: 'parameter_invalid', message: `"${field}" ${issue.message ?? 'is invalid'}`, field };
  });
}

const fastifyClientErrors: Record<string, [number, string, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'request_too_large', 'Request body is too large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type', 'Send the request body as application/json'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'bad_request', 'Request body is empty but Content-Type is application/json'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'bad_request', 'Request body is not valid JSON'],
};

export function handleError(error: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    if (error.options.headers) reply.headers(error.options.headers);
    const { field } = error.options;
    return reply.status(error.status).send(envelope(request.id, [{ code: error.code, message: error.message, ...(field ? { field } : {}) }]));
  }
  if (error.validation) {
    return reply.status(400).send(envelope(request.id, describeValidation(error.validation as ValidationIssue[], error.validationContext ?? 'request')));
  }
  const known = error.code ? fastifyClientErrors[error.code] : undefined;
  if (known) return reply.status(known[0]).send(envelope(request.id, [{ code: known[1], message: known[2] }]));
  if (error instanceof SyntaxError || (error.statusCode && error.statusCode < 500)) {
    const status = error.statusCode ?? 400;
    return reply.status(status).send(envelope(request.id, [{ code: 'bad_request', message: error.message }]));
  }
  request.log.error({ err: error }, 'unhandled error');
  return reply
    .status(500)
    .send(envelope(request.id, [{ code: 'server_error', message: `Something went wrong on our side; quote request id ${request.id}` }]));
}
