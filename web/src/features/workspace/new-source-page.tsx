import { FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError, request } from '../../api/client';
import { canEdit, useSession } from '../../api/session';
import { graphql } from '../../gql';
import type { SourceKind } from '../../gql/graphql';
import { Page } from '../../shared/page';

const CreateSource = graphql(`
  mutation CreateSource($input: CreateSourceInput!) {
    createSource(input: $input) {
      id
      title
    }
  }
`);

const KIND_LABEL: Record<SourceKind, string> = {
  CLINIC_MARKETING: 'Clinic marketing page',
  NEWS: 'News',
  GUIDELINE: 'Guideline',
  JOURNAL_ARTICLE: 'Journal article',
  PATIENT_INFORMATION: 'Patient information',
  OTHER: 'Other',
};

/**
 * A new source from pasted text or a saved web page (the server extracts its main text), then
 * straight to its workspace.
 */
export function NewSourcePage() {
  const session = useSession();
  const navigate = useNavigate();
  const [mode, setMode] = useState<'html' | 'text'>('html');
  const [title, setTitle] = useState('');
  const [url, setUrl] = useState('');
  const [kind, setKind] = useState<SourceKind>('CLINIC_MARKETING');
  const [text, setText] = useState('');
  const [html, setHtml] = useState('');
  const [fileName, setFileName] = useState('');
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);

  if (!canEdit(session)) {
    return (
      <Page title="New source">
        <p>
          Adding sources is for editors.{' '}
          <Link to="/sign-in">Sign in with an editor's API token</Link>.
        </p>
      </Page>
    );
  }

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    setFileName(file.name);
    setHtml(await file.text());
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setMessage('');
    const body = mode === 'html' ? html : text;
    if (!body.trim()) {
      setMessage(
        mode === 'html' ? 'Choose a saved page or paste its HTML first.' : 'Paste the text first.',
      );
      return;
    }
    if (mode === 'text' && !title.trim()) {
      setMessage('Give the source a title (a pasted text has none of its own).');
      return;
    }
    setBusy(true);
    try {
      const { createSource } = await request(CreateSource, {
        input: {
          kind,
          ...(mode === 'html' ? { html: body } : { text: body }),
          ...(title.trim() ? { title: title.trim() } : {}),
          ...(url.trim() ? { url: url.trim() } : {}),
        },
      });
      navigate(`/editor/sources/${encodeURIComponent(createSource.id)}`);
    } catch (err) {
      setMessage(
        err instanceof ApiError && (err.kind === 'bad-input' || err.kind === 'forbidden')
          ? err.message
          : 'The source could not be saved right now. Try again.',
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title="New source">
      <p>
        A clinic page saved from the browser (its main text is kept: menus, banners and scripts are
        dropped), or pasted text. The workspace opens next, with the assistant's suggestions.
      </p>
      <form onSubmit={submit} className="stack wide">
        <fieldset>
          <legend>What you have</legend>
          <label className="inline">
            <input
              type="radio"
              name="mode"
              checked={mode === 'html'}
              onChange={() => setMode('html')}
            />{' '}
            A saved web page (HTML)
          </label>
          <label className="inline">
            <input
              type="radio"
              name="mode"
              checked={mode === 'text'}
              onChange={() => setMode('text')}
            />{' '}
            Pasted text
          </label>
        </fieldset>
        {mode === 'html' ? (
          <>
            <label htmlFor="page-file">Saved page file</label>
            <input
              id="page-file"
              type="file"
              accept=".html,.htm,text/html"
              onChange={(e) => readFile(e.target.files?.[0])}
            />
            {fileName && <p className="hint">Read {fileName}.</p>}
            <label htmlFor="page-html">or paste the page's HTML</label>
            <textarea
              id="page-html"
              rows={6}
              value={html}
              onChange={(e) => setHtml(e.target.value)}
            />
          </>
        ) : (
          <>
            <label htmlFor="source-text">Text</label>
            <textarea
              id="source-text"
              rows={10}
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
          </>
        )}
        <label htmlFor="source-title">
          Title{mode === 'html' ? ' (the page’s own title when left empty)' : ''}
        </label>
        <input
          id="source-title"
          type="text"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
        />
        <label htmlFor="source-url">Address of the original (optional)</label>
        <input id="source-url" type="url" value={url} onChange={(e) => setUrl(e.target.value)} />
        <label htmlFor="source-kind">Kind</label>
        <select
          id="source-kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as SourceKind)}
        >
          {Object.entries(KIND_LABEL).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <button type="submit" disabled={busy}>
          {busy ? 'Saving…' : 'Save and open the workspace'}
        </button>
      </form>
      <p role="status" aria-live="polite" className="form-message">
        {message}
      </p>
    </Page>
  );
}
