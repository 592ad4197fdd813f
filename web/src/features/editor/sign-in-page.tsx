import { FormEvent, useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, request } from '../../api/client';
import { setSession, useSession } from '../../api/session';
import { graphql } from '../../gql';
import { Page } from '../../shared/page';

const Me = graphql(`
  query Me {
    me {
      authenticated
      name
      role
    }
  }
`);

/**
 * Editors paste an API token (npm run token issues one). It is checked with the server, then
 * kept for this tab only (session storage), never in local storage.
 */
export function SignInPage() {
  const session = useSession();
  const [token, setToken] = useState('');
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const secret = token.trim();
    if (!secret) return setMessage('Paste your API token first.');
    setBusy(true);
    setMessage('');
    // Asked with this token (set for the request only: a wrong one must not stick).
    const previous = session;
    setSession({ token: secret, name: '', role: 'READER' });
    try {
      const { me } = await request(Me, {});
      if (!me.authenticated || !me.role) throw new ApiError('sign-in', 'not recognised');
      setSession({ token: secret, name: me.name ?? 'editor', role: me.role });
      setToken('');
      setMessage(`Signed in as ${me.name} (${me.role.toLowerCase()}).`);
    } catch (err) {
      setSession(previous);
      const kind = err instanceof ApiError ? err.kind : 'server';
      setMessage(
        kind === 'sign-in' || kind === 'forbidden'
          ? 'This token is not valid (mistyped, or revoked). Ask an administrator for a new one.'
          : kind === 'rate-limited'
            ? 'Too many attempts. Wait a minute, then try again.'
            : 'The server could not check the token right now. Try again in a moment.',
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <Page title="Editor sign-in">
      {session && session.name ? (
        <div className="notice">
          <p>
            Signed in as <strong>{session.name}</strong> ({session.role.toLowerCase()}) in this tab
            only. Closing the tab signs you out.
          </p>
          <p>
            {session.role !== 'READER' && (
              <>
                <Link to="/review">Open the review queue</Link> ·{' '}
              </>
            )}
            <button type="button" onClick={() => setSession(null)}>
              Sign out
            </button>
          </p>
        </div>
      ) : (
        <p>Editors and reviewers sign in with their API token. Readers need no token.</p>
      )}
      <form onSubmit={submit} className="stack">
        <label htmlFor="token">API token</label>
        <input
          id="token"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={token}
          onChange={(e) => setToken(e.target.value)}
          aria-describedby="token-help"
        />
        <p id="token-help" className="hint">
          Kept for this browser tab only and sent only to this server.
        </p>
        <button type="submit" disabled={busy}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
      </form>
      <p role="status" aria-live="polite" className="form-message">
        {message}
      </p>
    </Page>
  );
}
