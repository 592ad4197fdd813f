import { Link } from 'react-router-dom';
import type { ApiError } from '../api/client';

/**
 * What went wrong in plain words, with the way forward: a retry, a sign-in, or the names the
 * server suggests. Never a stack or the raw answer.
 */
export function ErrorView({
  error,
  retry,
  what = 'this page',
  suggestionPath,
}: {
  error: ApiError;
  retry?: () => void;
  what?: string;
  suggestionPath?: (name: string) => string;
}) {
  const retryButton = retry ? (
    <button type="button" onClick={retry}>
      Try again
    </button>
  ) : null;
  switch (error.kind) {
    case 'unreachable':
      return (
        <div className="notice error" role="alert">
          <p>
            The server cannot be reached right now, so {what} could not be loaded. It may be
            restarting; try again in a moment.
          </p>
          {retryButton}
        </div>
      );
    case 'rate-limited':
      return (
        <div className="notice error" role="alert">
          <p>
            Too many requests came from here in a short time. Wait a few seconds, then try again.
          </p>
          {retryButton}
        </div>
      );
    case 'not-found': {
      const suggestions = error.details.suggestions ?? [];
      return (
        <div className="notice" role="alert">
          <p>{error.message.split(' Did you mean')[0]}</p>
          {suggestions.length > 0 && suggestionPath && (
            <>
              <p>Did you mean:</p>
              <ul className="suggestions">
                {suggestions.map((s) => (
                  <li key={s}>
                    <Link to={suggestionPath(s)}>{s}</Link>
                  </li>
                ))}
              </ul>
            </>
          )}
          <p>
            <Link to="/">Search the knowledge base</Link>
          </p>
        </div>
      );
    }
    case 'sign-in':
    case 'forbidden':
      return (
        <div className="notice" role="alert">
          <p>
            {error.kind === 'sign-in'
              ? `This server asks visitors to sign in before showing ${what}.`
              : `Your token does not allow this. An editor's token is needed.`}
          </p>
          <p>
            <Link to="/sign-in">Sign in with an API token</Link>
          </p>
        </div>
      );
    case 'bad-input':
    case 'conflict':
      return (
        <div className="notice error" role="alert">
          <p>{error.message}</p>
          {retryButton}
        </div>
      );
    default:
      return (
        <div className="notice error" role="alert">
          <p>
            Something went wrong on the server while loading {what}. Try again; if it keeps
            happening, tell the people who run this server.
          </p>
          {retryButton}
        </div>
      );
  }
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status">
      Loading {what}…
    </p>
  );
}
