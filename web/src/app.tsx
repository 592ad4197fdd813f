import { lazy, Suspense } from 'react';
import { Link, NavLink, Route, Routes } from 'react-router-dom';
import { canEdit, useSession } from './api/session';
import { Loading } from './shared/error-view';
import { Page } from './shared/page';
import { HomePage } from './features/home/home-page';
import { SearchPage } from './features/home/search-page';
import { ReportPage } from './features/report/report-page';
import { ClaimPage } from './features/claim/claim-page';
import { SourcePage } from './features/source/source-page';
import { StudyPage } from './features/study/study-page';
import { SignInPage } from './features/editor/sign-in-page';
import { ReviewPage } from './features/editor/review-page';
import { NewSourcePage } from './features/workspace/new-source-page';
import { WorkspacePage } from './features/workspace/workspace-page';

// cytoscape is large and only the explorer needs it: loaded when that page is opened.
const GraphPage = lazy(() => import('./features/graph/graph-page'));

export function App() {
  const session = useSession();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <Link to="/" className="brand">
          Evidence explorer
        </Link>
        <nav aria-label="Main">
          <ul>
            <li>
              <NavLink to="/" end>
                Conditions
              </NavLink>
            </li>
            <li>
              <NavLink to="/graph">Graph explorer</NavLink>
            </li>
            {canEdit(session) && (
              <>
                <li>
                  <NavLink to="/editor/sources/new">New source</NavLink>
                </li>
                <li>
                  <NavLink to="/review">Review queue</NavLink>
                </li>
              </>
            )}
            <li>
              <NavLink to="/sign-in">
                {session ? `Signed in: ${session.name}` : 'Editor sign-in'}
              </NavLink>
            </li>
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading what="the page" />}>
          <Routes>
            <Route path="/" element={<HomePage />} />
            <Route path="/search" element={<SearchPage />} />
            <Route path="/conditions/:name" element={<ReportPage />} />
            <Route path="/claims/:id" element={<ClaimPage />} />
            <Route path="/sources/:id" element={<SourcePage />} />
            <Route path="/studies/:id" element={<StudyPage />} />
            <Route path="/graph" element={<GraphPage />} />
            <Route path="/sign-in" element={<SignInPage />} />
            <Route path="/review" element={<ReviewPage />} />
            <Route path="/editor/sources/new" element={<NewSourcePage />} />
            <Route path="/editor/sources/:id" element={<WorkspacePage />} />
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Suspense>
      </main>
      <footer className="site-footer">
        <p>
          Claims from clinics' own words, graded against the studies. Not medical advice. API at{' '}
          <a href="/graphql">/graphql</a>.
        </p>
      </footer>
    </>
  );
}

function NotFound() {
  return (
    <Page title="Page not found">
      <p>There is no page at this address.</p>
      <p>
        <Link to="/">Go to the list of conditions</Link> or search from there.
      </p>
    </Page>
  );
}
