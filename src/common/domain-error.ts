/**
 * Domain errors carry a code that the GraphQL layer maps 1:1 onto `extensions.code`
 * (see graphql/format-error.ts). Services throw these; nothing else reaches a client.
 */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
  /** A query over the depth, alias, directive, token or cost limit: simplify it or split it. */
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
  /** A response over RESPONSE_MAX_BYTES: ask for fewer fields or smaller pages (HTTP 400). */
  RESPONSE_TOO_LARGE = 'RESPONSE_TOO_LARGE',
  /** A request body over BODY_LIMIT_BYTES (HTTP 413). */
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  /** Over the rate limit (HTTP 429); retry after the Retry-After header's seconds. */
  TOO_MANY_REQUESTS = 'TOO_MANY_REQUESTS',
}

export interface DomainErrorDetails {
  /** Dotted path of the offending input field, e.g. `input.doi`. */
  field?: string;
  /** Why the value was refused, in words. */
  reason?: string;
  /** Near names, for NOT_FOUND on a name lookup. */
  suggestions?: string[];
  /** The id of the record that already holds a unique value (duplicate DOI, ...). */
  existingId?: string;
  /** The item a bulk review refused (`reviewChanges`). */
  itemId?: string;
  /** Current version, for CONFLICT. */
  currentVersion?: number;
  /**
   * Every refusal of a batch input (importCuration; every failing field of a validated input):
   * the item (`statements[3]`, or its key), the field's path and the reason.
   */
  problems?: Problem[];
  /** Nearest passages ("did you mean"), for a quote that is not in its source. */
  candidates?: { start: number; end: number; text: string; similarity: number }[];
}

/** One refused item of a batch. */
export interface Problem {
  item: string;
  field: string;
  reason: string;
  /** The stored record the item collides with, when that is why. */
  existingId?: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: DomainErrorDetails = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static badInput(field: string, reason: string, extra: DomainErrorDetails = {}): DomainError {
    return new DomainError(ErrorCode.BAD_USER_INPUT, `${field}: ${reason}`, {
      field,
      reason,
      ...extra,
    });
  }

  static notFound(what: string, field?: string, extra: DomainErrorDetails = {}): DomainError {
    return new DomainError(ErrorCode.NOT_FOUND, `${what} not found`, { field, ...extra });
  }

  static conflict(message: string, extra: DomainErrorDetails = {}): DomainError {
    return new DomainError(ErrorCode.CONFLICT, message, extra);
  }
}

/** The record an input's id refers to; an unknown id is the caller's mistake, on that field. */
export function referenced<T>(
  record: T | null | undefined,
  field: string,
  kind: string,
  id: string,
): T {
  if (!record) throw DomainError.badInput(field, `no ${kind} has id "${id}"`);
  return record;
}
