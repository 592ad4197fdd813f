import { useCallback, useEffect, useState } from 'react';
import type { TypedDocumentString } from '../gql/graphql';
import { ApiError, request } from './client';
import { useSession } from './session';

export interface QueryState<R> {
  data: R | undefined;
  error: ApiError | undefined;
  loading: boolean;
  retry: () => void;
}

/**
 * Runs a typed query whenever its variables (or the signed-in token) change; an older answer
 * arriving late is dropped. Pages are keyed by their URL, so no client cache is needed.
 */
export function useQuery<R, V>(
  document: TypedDocumentString<R, V>,
  variables: V,
  options: { skip?: boolean } = {},
): QueryState<R> {
  const key = JSON.stringify(variables);
  const token = useSession()?.token;
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<{ data?: R; error?: ApiError; loading: boolean }>({
    loading: !options.skip,
  });
  useEffect(() => {
    if (options.skip) {
      setState({ loading: false });
      return;
    }
    const abort = new AbortController();
    setState((s) => ({ data: s.data, loading: true }));
    request(document, JSON.parse(key) as V, abort.signal).then(
      (data) => setState({ data, loading: false }),
      (error: unknown) => {
        if (abort.signal.aborted) return;
        const e = error instanceof ApiError ? error : new ApiError('server', String(error));
        setState({ error: e, loading: false });
      },
    );
    return () => abort.abort();
  }, [document, key, token, attempt, options.skip]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, retry };
}
