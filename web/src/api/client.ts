import type { TypedDocumentString } from '../gql/graphql';
import { currentToken } from './session';

/** What went wrong, in the categories a page explains to a person (never the raw response). */
export type ApiErrorKind =
  | 'unreachable'
  | 'rate-limited'
  | 'server'
  | 'not-found'
  | 'sign-in'
  | 'forbidden'
  | 'bad-input'
  | 'conflict';

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly details: {
      suggestions?: string[];
      field?: string;
      /** Every refused item of a batch input (importCuration), as the server lists them. */
      problems?: Array<{ item?: string; field?: string; reason?: string }>;
    } = {},
  ) {
    super(message);
  }
}

interface GraphqlError {
  message: string;
  extensions?: {
    code?: string;
    suggestions?: string[];
    field?: string;
    problems?: Array<{ item?: string; field?: string; reason?: string }>;
  };
}

const KIND_BY_CODE: Record<string, ApiErrorKind> = {
  NOT_FOUND: 'not-found',
  UNAUTHENTICATED: 'sign-in',
  FORBIDDEN: 'forbidden',
  BAD_USER_INPUT: 'bad-input',
  GRAPHQL_VALIDATION_FAILED: 'bad-input',
  CONFLICT: 'conflict',
  VERSION_CONFLICT: 'conflict',
  TOO_MANY_REQUESTS: 'rate-limited',
  RATE_LIMITED: 'rate-limited',
  SERVICE_UNAVAILABLE: 'unreachable',
};

/**
 * One POST to /graphql. Content-Type application/json is what Apollo's CSRF prevention asks
 * for; the token (if an editor signed in) goes as a bearer header.
 */
export async function request<R, V>(
  document: TypedDocumentString<R, V>,
  variables: V,
  signal?: AbortSignal,
): Promise<R> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json',
  };
  const token = currentToken();
  if (token) headers.authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: document.toString(), variables }),
      signal,
    });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ApiError('unreachable', 'The server cannot be reached.');
  }
  if (res.status === 429) throw new ApiError('rate-limited', 'Too many requests.');
  let body: { data?: R | null; errors?: GraphqlError[] };
  try {
    body = (await res.json()) as typeof body;
  } catch {
    throw new ApiError(res.status >= 500 ? 'unreachable' : 'server', 'Unreadable answer.');
  }
  const first = body.errors?.[0];
  if (first) {
    const kind =
      KIND_BY_CODE[first.extensions?.code ?? ''] ?? (res.status >= 500 ? 'unreachable' : 'server');
    throw new ApiError(kind, first.message, {
      suggestions: first.extensions?.suggestions,
      field: first.extensions?.field,
      problems: first.extensions?.problems,
    });
  }
  if (!body.data) throw new ApiError('server', 'Empty answer.');
  return body.data;
}
