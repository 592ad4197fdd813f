/**
 * The explorer as its users meet it: the built app, the real server over HTTP on a seeded temp
 * SQLite file, Debian's chromium. What the pages show is checked against what the API answers.
 */
import AxeBuilder from '@axe-core/playwright';
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { anonymous, bearer, startServer } from '../support/server';
import { describeWithBrowser } from './support/chromium';
import { Explorer, OUTPUT_DIR, startExplorer } from './support/explorer';

const UP_TO_3_MONTHS = 'claim-fibromyalgia-relief-up-to-3-months';
const RETRACTED = 'study-sigtermans-2009';

describeWithBrowser('web explorer', (chromiumPath) => {
  let x: Explorer;

  beforeAll(async () => {
    x = await startExplorer(chromiumPath);
  }, 120_000);

  afterAll(async () => {
    await x?.close();
  });

  afterEach(() => {
    // Uncaught errors, CSP refusals and failed requests show up in the browser's console.
    const seen = x.problems.splice(0);
    expect(seen).toEqual([]);
  });

  const api = async <T = any>(query: string, variables?: Record<string, unknown>) => {
    const res = await x.server.gql<T>(query, variables, anonymous());
    expect(res.errors).toBeUndefined();
    return res.data as T;
  };

  /**
   * Sigtermans 2009 retracted (in this suite's temporary store only), with a study citing it; once
   * for the suite, whichever test needs it first.
   */
  let retraction: Promise<void> | undefined;
  const retractOnce = () =>
    (retraction ??= (async () => {
      const admin = bearer(x.server.tokens.admin);
      const cite = await x.server.gql(
        `mutation { addCitation(input: { citingId: "study-orhurhu-2019", citedId: "${RETRACTED}" }) { id } }`,
        {},
        admin,
      );
      expect(cite.errors).toBeUndefined();
      // An editor marks the retraction on the study's version; it retracts once an admin accepts it.
      const { version } = (await api(`{ study(id: "${RETRACTED}") { version } }`)).study;
      const marked = await x.server.gql(
        `mutation($input: MarkNoticeInput!) { markNotice(input: $input) { notices(includePending: true) { id kind version } } }`,
        {
          input: {
            studyId: RETRACTED,
            kind: 'RETRACTION',
            date: '2026-11-01',
            note: "Retracted in this test's temporary store only",
            expectedVersion: version,
          },
        },
        bearer(x.server.tokens.editor),
      );
      expect(marked.errors).toBeUndefined();
      const notice = marked.data.markNotice.notices.find((n: any) => n.kind === 'RETRACTION');
      const accepted = await x.server.gql(
        `mutation($input: ReviewChangeInput!) { reviewChange(input: $input) { ... on Notice { reviewStatus } } }`,
        { input: { id: notice.id, expectedVersion: notice.version, decision: 'ACCEPT' } },
        admin,
      );
      expect(accepted.errors).toBeUndefined();
    })());

  it("serves the app at / and at deep links, and leaves the API's routes as they were", async () => {
    for (const path of [
      '/',
      '/conditions/fibromyalgia',
      '/graph?node=fibromyalgia',
      '/no/such/page',
    ]) {
      const res = await fetch(`${x.base}${path}`);
      expect({ path, status: res.status, type: res.headers.get('content-type') }).toEqual({
        path,
        status: 200,
        type: expect.stringContaining('text/html'),
      });
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      const html = await res.text();
      expect(html).toContain('<div id="root">');
      // No inline script: every <script> has a src on this server.
      expect(html.match(/<script\b[^>]*>/g)?.every((tag) => /src="\//.test(tag))).toBe(true);
    }
    expect((await fetch(`${x.base}/health`)).headers.get('content-type')).toContain('json');
    expect((await fetch(`${x.base}/ready`)).status).toBe(200);
    expect((await fetch(`${x.base}/graphiql`)).status).toBe(200);
    const csrf = await fetch(`${x.base}/graphql?query=${encodeURIComponent('{ __typename }')}`);
    expect(csrf.status).toBe(400);
    expect(((await csrf.json()) as any).errors[0].message).toMatch(/Cross-Site Request Forgery/);
    expect((await fetch(`${x.base}/export?format=json`)).headers.get('content-type')).toContain(
      'json',
    );
    // A missing script is a 404, not the app's page under a .js name.
    expect((await fetch(`${x.base}/assets/missing.js`)).status).toBe(404);
  });

  it('a clinician types "fibro", picks Fibromyalgia and sees the "up to 3 months" claim contradicted by both systematic reviews, with its gap', async () => {
    const expected = (
      await api(`{ evidenceReport(condition: "fibromyalgia") { claims {
          claim { id text } status grade
          contradicting { study { title design } }
          gaps { description } } } }`)
    ).evidenceReport.claims.find((c: any) => c.claim.id === UP_TO_3_MONTHS);
    expect(expected.status).toBe('CONTRADICTED');
    const reviews = expected.contradicting.filter(
      (l: any) => l.study.design === 'SYSTEMATIC_REVIEW',
    );
    expect(reviews.length).toBeGreaterThanOrEqual(2);
    expect(expected.gaps.length).toBeGreaterThan(0);

    const page = await x.open('/');
    const search = page.getByRole('combobox', { name: /search/i });
    await search.fill('fibro');
    const option = page.getByRole('option', { name: /Fibromyalgia/ }).first();
    await option.waitFor();
    await x.screenshot(page, 'home-autocomplete');
    await option.click();
    await page.waitForURL('**/conditions/fibromyalgia');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(
      'Fibromyalgia',
    );

    const card = page.locator(`[data-claim-id="${UP_TO_3_MONTHS}"]`);
    await card.waitFor();
    await expect(card.getByRole('heading', { level: 3 }).textContent()).resolves.toBe(
      expected.claim.text,
    );
    await expect(card.locator('[data-status]').first().textContent()).resolves.toContain(
      'Contradicted',
    );
    const contradicting = card.locator('table', {
      has: page.locator('caption', { hasText: 'Contradicting studies' }),
    });
    for (const review of reviews) {
      const row = contradicting.locator('tr', { hasText: review.study.title });
      await expect(row.count()).resolves.toBe(1);
      await expect(row.textContent()).resolves.toContain('Systematic review');
    }
    // The evidence map draws one mark per claim, and counts them by status.
    const claims = (
      await api(`{ evidenceReport(condition: "fibromyalgia") { claims { status } } }`)
    ).evidenceReport.claims;
    await page.locator('[data-testid="evidence-map"] svg').waitFor();
    await expect(
      page.locator('[data-testid="evidence-map"] svg g[aria-label="dot"] > *').count(),
    ).resolves.toBe(claims.length);
    const contradictedCount = claims.filter((c: any) => c.status === 'CONTRADICTED').length;
    await expect(
      page
        .getByRole('list', { name: 'Claims by status' })
        .locator('li', { hasText: 'Contradicted' })
        .textContent(),
    ).resolves.toContain(String(contradictedCount));

    const gaps = card.locator('.gaps');
    await expect(gaps.textContent()).resolves.toContain('The study that is missing');
    for (const gap of expected.gaps)
      await expect(gaps.textContent()).resolves.toContain(gap.description);
    await x.screenshot(page, 'report-fibromyalgia');
  });

  it("the report's controls live in its address and show what the API answers for them", async () => {
    const count = async (args: string) =>
      (
        await api(
          `{ evidenceReport(condition: "chronic-pain"${args}) { claims { claim { id } } } }`,
        )
      ).evidenceReport.claims.length;
    const all = await count('');
    const direct = await count(', includeNarrower: false');
    const atLeastLow = await count(', minGrade: LOW');
    expect(direct).toBeLessThan(all);
    expect(atLeastLow).toBeLessThan(all);

    const page = await x.open('/conditions/chronic-pain');
    const cards = page.locator('[data-claim-id]');
    const shows = (n: number) =>
      page.waitForFunction(
        (expected) =>
          (
            globalThis as unknown as {
              document: { querySelectorAll(s: string): { length: number } };
            }
          ).document.querySelectorAll('[data-claim-id]').length === expected,
        n,
      );
    await shows(all);
    await page.getByLabel('Narrower conditions too').uncheck();
    await page.waitForURL('**/conditions/chronic-pain?narrower=no');
    await shows(direct);
    await page.getByLabel('Narrower conditions too').check();
    await page.getByLabel('Minimum grade').selectOption('LOW');
    await page.waitForURL('**/conditions/chronic-pain?minGrade=LOW');
    await shows(atLeastLow);
    // The address alone brings the same view back (a shared link).
    const shared = await x.open('/conditions/chronic-pain?minGrade=LOW');
    await shared.locator('[data-claim-id]').first().waitFor();
    await expect(shared.locator('[data-claim-id]').count()).resolves.toBe(atLeastLow);
    await expect(cards.count()).resolves.toBe(atLeastLow);
  });

  it("a claim page states GRADE's certainty and the five domains as the API assesses them", async () => {
    const id = 'claim-rapid-antidepressant-effect';
    const { assessment } = (
      await api(
        `query($id: ID!) { claim(id: $id) { assessment { certainty domains { domain verdict reason } } } }`,
        { id },
      )
    ).claim;
    const page = await x.open(`/claims/${id}`);
    const table = page.locator('.grade-domains table');
    await table.waitFor();
    await expect(page.locator('.grade-domains .certainty').textContent()).resolves.toBe(
      assessment.certainty,
    );
    const rows = await table.locator('tbody tr').allTextContents();
    expect(rows).toHaveLength(5);
    assessment.domains.forEach((d: { reason: string }, i: number) =>
      expect(rows[i]).toContain(d.reason),
    );
  });

  it('clicking a statement opens the source with exactly the quote highlighted', async () => {
    const claim = (
      await api(`query($id: ID!) { claim(id: $id) { statements { id quote source { id } } } }`, {
        id: UP_TO_3_MONTHS,
      })
    ).claim;
    const first = claim.statements[0];
    const page = await x.open(`/claims/${UP_TO_3_MONTHS}`);
    const link = page.locator('a.statement-link').first();
    await link.click();
    await page.waitForURL(`**/sources/${first.source.id}#${first.id}`);
    const mark = page.locator(`mark[id="${first.id}"]`);
    await mark.waitFor();
    await expect(mark.textContent()).resolves.toBe(first.quote);
    // The spot is the focused element: the reader lands on it.
    await expect(
      page.evaluate('document.activeElement && document.activeElement.id'),
    ).resolves.toBe(first.id);
    // Every statement of the source is highlighted: with exactly its quote, or (one overlapping
    // the statement before it) from where that one ends.
    const source = (
      await api(`query($id: ID!) { source(id: $id) { statements { id quote reviewStatus } } }`, {
        id: first.source.id,
      })
    ).source;
    let whole = 0;
    for (const s of source.statements) {
      // Statements rejected in review are no longer the source's claims: not highlighted.
      if (s.reviewStatus === 'REJECTED') {
        await expect(page.locator(`mark[data-statement="${s.id}"]`).count()).resolves.toBe(0);
        continue;
      }
      const el = page.locator(`mark[id="${s.id}"]`);
      if ((await el.count()) === 1) {
        await expect(el.textContent()).resolves.toBe(s.quote);
        whole++;
      } else {
        await expect(
          page.locator(`mark[data-statement="${s.id}"]`).count(),
        ).resolves.toBeGreaterThan(0);
      }
    }
    expect(whole).toBeGreaterThan(source.statements.length / 2);
    // Focus on a statement shows the claim it makes and its grade, as the API grades it.
    const stated = (
      await api(`query($id: ID!) { claim(id: $id) { text assessment { grade } } }`, {
        id: UP_TO_3_MONTHS,
      })
    ).claim;
    const panel = page.locator('.statement-side .focused');
    await expect(panel.textContent()).resolves.toContain(stated.text);
    await expect(panel.locator('[data-grade]').getAttribute('data-grade')).resolves.toBe(
      stated.assessment.grade,
    );
    await x.screenshot(page, 'source-highlighted');
  });

  it('the graph explorer draws the fibromyalgia neighbourhood with as many nodes as the neighborhood query', async () => {
    const slice = (
      await api(`{ neighborhood(id: "fibromyalgia") { truncated nodes { id } edges { type } } }`)
    ).neighborhood;
    const page = await x.open('/graph?node=fibromyalgia');
    const canvas = page.getByTestId('graph-canvas');
    await page.waitForSelector('[data-testid="graph-canvas"][data-drawn-nodes]');
    await expect(canvas.getAttribute('data-drawn-nodes')).resolves.toBe(String(slice.nodes.length));
    await expect(page.getByTestId('truncated').count()).resolves.toBe(slice.truncated ? 1 : 0);
    await x.screenshot(page, 'graph-fibromyalgia');

    // A view the server cut says so.
    const cut = (
      await api(
        `{ neighborhood(id: "chronic-pain", depth: 2, limit: 8) { truncated nodes { id } } }`,
      )
    ).neighborhood;
    expect(cut.truncated).toBe(true);
    const big = await x.open('/graph?node=chronic-pain&depth=2&limit=8');
    await big.waitForSelector(
      `[data-testid="graph-canvas"][data-drawn-nodes="${cut.nodes.length}"]`,
    );
    await expect(big.getByTestId('truncated').textContent()).resolves.toContain('Truncated');
    await big.close();

    // Filtering node types asks the server again: claims left out, as the API leaves them out.
    const allButClaims = [
      'CONDITION',
      'STUDY',
      'SOURCE',
      'STATEMENT',
      'MECHANISM',
      'INTERVENTION',
      'EVIDENCE_GAP',
    ];
    const filtered = (
      await api(
        `query($types: [NodeType!]) { neighborhood(id: "fibromyalgia", types: $types) { nodes { id } } }`,
        {
          types: allButClaims,
        },
      )
    ).neighborhood;
    expect(filtered.nodes.length).toBeLessThan(slice.nodes.length);
    await page.getByText('Filter node and link types').click();
    await page.getByRole('checkbox', { name: 'Claim', exact: true }).uncheck();
    await page.waitForSelector(
      `[data-testid="graph-canvas"][data-drawn-nodes="${filtered.nodes.length}"]`,
    );
    await page.getByRole('checkbox', { name: 'Claim', exact: true }).check();
    await page.waitForSelector(
      `[data-testid="graph-canvas"][data-drawn-nodes="${slice.nodes.length}"]`,
    );

    // Expanding a node adds its own neighbours: the union of both slices.
    const broader = (await api(`{ neighborhood(id: "chronic-pain") { nodes { id } } }`))
      .neighborhood;
    const union = new Set([...slice.nodes, ...broader.nodes].map((n: any) => n.id));
    await page.getByText(/Nodes in this view/).click();
    await page.getByRole('button', { name: 'Expand Chronic pain', exact: true }).click();
    await page.waitForSelector(`[data-testid="graph-canvas"][data-drawn-nodes="${union.size}"]`);

    // Exports of the current view: GraphML through the server's export, PNG from the canvas.
    const [graphml] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export GraphML' }).click(),
    ]);
    const xml = readFileSync((await graphml.path())!, 'utf8');
    expect(xml).toContain('<graphml');
    expect(xml).toContain('fibromyalgia');
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export PNG' }).click(),
    ]);
    expect(
      readFileSync((await png.path())!)
        .subarray(1, 4)
        .toString('latin1'),
    ).toBe('PNG');

    // The path finder lists the paths the API finds, and draws one.
    const target = (await api(`{ claim(id: "${UP_TO_3_MONTHS}") { evidence { study { id } } } }`))
      .claim.evidence[0].study.id;
    const paths = (
      await api(
        `query($to: ID!) { paths(from: "fibromyalgia", to: $to, maxLength: 5, limit: 5) { length } }`,
        {
          to: target,
        },
      )
    ).paths;
    expect(paths.length).toBeGreaterThan(0);
    await page.getByLabel('To (id)').fill(target);
    await page.getByRole('button', { name: 'Find paths' }).click();
    const drawButtons = page.getByRole('button', { name: 'Draw this path' });
    await drawButtons.first().waitFor();
    await expect(drawButtons.count()).resolves.toBe(paths.length);
    await drawButtons.first().click();
    await page.waitForSelector(
      `[data-testid="graph-canvas"][data-drawn-nodes="${paths[0].length + 1}"]`,
    );
  });

  it('"fibromialgia" shows suggestions, from the search box and from a report address', async () => {
    const page = await x.open('/');
    const search = page.getByRole('combobox', { name: /search/i });
    await search.fill('fibromialgia');
    await search.press('Enter');
    await page.waitForURL('**/search?q=fibromialgia');
    const suggestion = page.getByRole('link', { name: 'Fibromyalgia', exact: true });
    await suggestion.waitFor();
    await suggestion.click();
    await page.waitForURL('**/conditions/Fibromyalgia');
    await page.locator(`[data-claim-id="${UP_TO_3_MONTHS}"]`).waitFor();

    // Synonyms find their condition: "chronic Lyme" is what people call PTLDS.
    const lyme = (
      await api(`{ conditions(search: "chronic Lyme", first: 1) { edges { node { name } } } }`)
    ).conditions.edges[0].node.name;
    await page.goto('/');
    await page.getByRole('combobox', { name: /search/i }).fill('chronic Lyme');
    await expect(page.getByRole('option').first().textContent()).resolves.toContain(lyme);

    const direct = await x.open('/conditions/fibromialgia');
    await direct.getByText('Did you mean').waitFor();
    await expect(
      direct.getByRole('link', { name: 'Fibromyalgia', exact: true }).count(),
    ).resolves.toBe(1);
    const text = (await direct.locator('main').textContent()) ?? '';
    expect(text).not.toMatch(/NOT_FOUND|"errors"|at \w+ \(/);
  });

  it("the keyboard alone reaches a claim's studies", async () => {
    const page = await x.open('/');
    const focusedIs = (test: string) =>
      page.evaluate(`(() => { const a = document.activeElement; return !!a && (${test}); })()`);
    let steps = 0;
    while (!(await focusedIs("a.getAttribute('role') === 'combobox'")) && steps++ < 20)
      await page.keyboard.press('Tab');
    await page.keyboard.type('fibro');
    await page
      .getByRole('option', { name: /Fibromyalgia/ })
      .first()
      .waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/conditions/fibromyalgia');
    await page.locator('[data-claim-id]').first().waitFor();
    steps = 0;
    while (
      !(await focusedIs("a.tagName === 'A' && a.getAttribute('href').startsWith('/studies/')")) &&
      steps++ < 120
    ) {
      await page.keyboard.press('Tab');
    }
    expect(steps).toBeLessThan(120);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/studies/**');
    await page.getByRole('heading', { name: 'Claims it bears on', exact: false }).waitFor();
  });

  it('an editor signs in, sees a pending claim, accepts it as a second user, and clinicians then see it', async () => {
    const text = `Ketamine infusion improves fibromyalgia sleep (browser test ${Date.now()})`;
    const created = await x.server.gql(
      `mutation($input: CreateClaimInput!) { createClaim(input: $input) { id reviewStatus } }`,
      { input: { text, kind: 'EFFICACY', conditionIds: ['fibromyalgia'] } },
      bearer(x.server.tokens.editor),
    );
    expect(created.errors).toBeUndefined();
    expect(created.data.createClaim.reviewStatus).toBe('SUBMITTED');
    const id = created.data.createClaim.id;

    // A reader asking for pending items by address still sees reviewed items only.
    const clinician = await x.open('/conditions/fibromyalgia?pending=yes');
    await clinician.locator('[data-claim-id]').first().waitFor();
    // The home page counts what clinicians see: reviewed claims only.
    const reviewedCount = (
      await api(
        `{ evidenceReport(condition: "fibromyalgia", includeNarrower: false) { claims { claim { id } } } }`,
      )
    ).evidenceReport.claims.length;
    const home = await x.open('/');
    await expect(
      home.locator('[data-condition-id="fibromyalgia"] .claim-count').textContent(),
    ).resolves.toBe(`${reviewedCount} claims`);
    await home.close();
    // Readers have no pending control either.
    await expect(clinician.getByLabel(/Pending items/).count()).resolves.toBe(0);
    await expect(clinician.locator(`[data-claim-id="${id}"]`).count()).resolves.toBe(0);

    const signIn = async (secret: string, name: string) => {
      const page = await x.open('/sign-in');
      await page.getByLabel('API token').fill(secret);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText(`Signed in as ${name}`).first().waitFor();
      // Kept for the tab only: session storage, never local storage.
      await expect(page.evaluate('JSON.stringify(localStorage)')).resolves.toBe('{}');
      return page;
    };

    // The editor who wrote it sees it pending, in the report and in the queue.
    const author = await signIn(x.server.tokens.editor, 'editor');
    await author.goto('/conditions/fibromyalgia?pending=yes');
    const pending = author.locator(`[data-claim-id="${id}"]`);
    await pending.waitFor();
    await expect(pending.textContent()).resolves.toContain('Pending review');
    await author.getByRole('link', { name: 'Review queue', exact: true }).click();
    await author.locator(`[data-review-id="${id}"]`).waitFor();

    // Someone else decides (this server lets admins review: REVIEWER_ROLE's default).
    const reviewer = await signIn(x.server.tokens.admin, 'admin');
    await reviewer.getByRole('link', { name: 'Review queue', exact: true }).click();
    const item = reviewer.locator(`[data-review-id="${id}"]`);
    await item.waitFor();
    await x.screenshot(reviewer, 'review-queue');
    await item.getByRole('button', { name: 'Accept' }).click();
    await item
      .getByText('Accepted.')
      .waitFor()
      .catch(async (e) => {
        throw new Error(`${e}\n${await item.textContent()}`);
      });

    // Rejecting needs a reason, which the author will read.
    const doubtful = await x.server.gql(
      `mutation($input: CreateClaimInput!) { createClaim(input: $input) { id } }`,
      {
        input: {
          text: `Ketamine cures fibromyalgia (browser test ${Date.now()})`,
          kind: 'EFFICACY',
        },
      },
      bearer(x.server.tokens.editor),
    );
    const doubtfulId = doubtful.data.createClaim.id;
    await reviewer.reload();
    const other = reviewer.locator(`[data-review-id="${doubtfulId}"]`);
    await other.getByRole('button', { name: 'Reject' }).click();
    await other.getByText('Give a reason to reject').waitFor();
    await other
      .getByLabel('Reason (required to reject)')
      .fill('No study says so; the source names none.');
    await other.getByRole('button', { name: 'Reject' }).click();
    await other.getByText('Rejected.').waitFor();
    const rejected = (
      await api(
        `query($id: ID!) { claim(id: $id) { reviewStatus history { edges { node { reason } } } } }`,
        {
          id: doubtfulId,
        },
      )
    ).claim;
    expect(rejected.reviewStatus).toBe('REJECTED');
    expect(rejected.history.edges.map((e: any) => e.node.reason)).toContain(
      'No study says so; the source names none.',
    );

    // The claim's change history says who decided, when, what and why.
    await reviewer.goto(`/claims/${doubtfulId}`);
    const history = reviewer.locator('section', {
      has: reviewer.getByRole('heading', { name: /Change history/ }),
    });
    const decision = history.locator('tr', { hasText: 'No study says so; the source names none.' });
    await decision.waitFor();
    await expect(decision.textContent()).resolves.toMatch(/admin.*changed.*reviewStatus/);
    await expect(reviewer.locator('.badges').first().textContent()).resolves.toContain(
      'Rejected in review',
    );

    await clinician.reload();
    await clinician.locator(`[data-claim-id="${id}"]`).waitFor();
    const reviewed = (await api(`query($id: ID!) { claim(id: $id) { reviewStatus } }`, { id }))
      .claim;
    expect(reviewed.reviewStatus).toBe('ACCEPTED');
  });

  it('a 429 and a server that is down read as plain words with a retry, never raw JSON', async () => {
    // A second real server whose limit a person can reach by reloading a few times.
    const strict = await startServer({
      store: 'sqlite',
      seed: false,
      env: { RATE_LIMIT_PER_MINUTE: '3' },
    });
    const base = strict.url.replace(/\/graphql$/, '');
    const context = await x.browser.newContext({ baseURL: base });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      let limited = false;
      for (let i = 0; i < 8 && !limited; i++) {
        await page.goto('/conditions/anything');
        await page.locator('[role="alert"]').first().waitFor();
        limited = ((await page.locator('main').textContent()) ?? '').includes('Too many requests');
      }
      expect(limited).toBe(true);
      await expect(page.getByRole('button', { name: 'Try again' }).count()).resolves.toBe(1);
      await x.screenshot(page, 'error-rate-limited');

      await strict.close();
      await page.getByRole('button', { name: 'Try again' }).click();
      await page.getByText('The server cannot be reached right now').waitFor();
      const text = (await page.locator('main').textContent()) ?? '';
      expect(text).not.toMatch(/[{}]|TOO_MANY|stack|Error:/);
    } finally {
      await context.close();
      await strict.close().catch(() => undefined);
    }
  });

  it('a researcher follows a retracted study: the banner, what it touches, and the report marking it', async () => {
    await retractOnce();
    const impact = (
      await api(`{ retractionImpact(study: "${RETRACTED}") {
        claims { claim { text } } citingStudies { study { title } } } }`)
    ).retractionImpact;
    expect(impact.claims.length).toBeGreaterThan(0);
    expect(impact.citingStudies.length).toBeGreaterThan(0);

    const page = await x.open(`/studies/${RETRACTED}`);
    const banner = page.locator('.retraction-banner[role="alert"]');
    await banner.waitFor();
    await expect(banner.textContent()).resolves.toContain('Retracted on 2026-11-01');
    // Above the fold, where nobody can miss it.
    expect((await banner.boundingBox())!.y).toBeLessThan(300);
    const touched = page.locator('section', {
      has: page.getByRole('heading', { name: 'What the retraction touches' }),
    });
    for (const c of impact.claims)
      await expect(touched.textContent()).resolves.toContain(c.claim.text);
    for (const c of impact.citingStudies)
      await expect(touched.textContent()).resolves.toContain(c.study.title);
    await x.screenshot(page, 'study-retracted');

    const report = await x.open('/conditions/crps');
    const row = report
      .locator('tr.retracted', { has: report.locator(`a[href="/studies/${RETRACTED}"]`) })
      .first();
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('Retracted — not counted');
  });

  it('reads well on a 375 px phone: no page scrolls sideways', async () => {
    const pages: Array<[string, string]> = [
      ['/', '.condition-list'],
      ['/conditions/chronic-pain', '[data-claim-id]'],
      [`/claims/${UP_TO_3_MONTHS}`, '.statement-list'],
      ['/sources/src-fibromyalgia-iv-ketamine', 'mark'],
      ['/studies/study-pastrak-2021', '.record'],
      ['/graph?node=fibromyalgia', '[data-drawn-nodes]'],
    ];
    for (const [path, ready] of pages) {
      const page = await x.open(path, { width: 375, height: 800 });
      await page.locator(ready).first().waitFor();
      const width = await page.evaluate('document.documentElement.scrollWidth');
      expect({ path, width }).toEqual({ path, width: 375 });
      if (path.startsWith('/conditions/')) await x.screenshot(page, 'report-phone');
      await page.close();
    }
  });

  // Every rule still runs on every node; only violations are reported node by node (passes and
  // the rest name one node each), which is most of axe's time on a long page.
  const VIOLATIONS_ONLY = { resultTypes: ['violations'] as ['violations'] };

  it('axe finds no serious or critical violation on any page', async () => {
    const study = (
      await api(
        `{ studies(first: 1, filter: { design: SYSTEMATIC_REVIEW }) { edges { node { id } } } }`,
      )
    ).studies.edges[0].node.id;
    const source = (await api(`{ sources { id } }`)).sources[0].id;
    await retractOnce();
    const pages: Array<[string, string, string]> = [
      ['home', '/', 'main h2'],
      ['search', '/search?q=depression', '.result-list'],
      ['not-found suggestions', '/conditions/fibromialgia', '.suggestions'],
      ['report', '/conditions/fibromyalgia', '[data-claim-id]'],
      ['claim', `/claims/${UP_TO_3_MONTHS}`, '.statement-list'],
      ['source', `/sources/${source}`, 'mark'],
      ['study', `/studies/${study}`, '.record'],
      ['retracted study', `/studies/${RETRACTED}`, '.retraction-banner'],
      ['graph', '/graph?node=fibromyalgia', '[data-drawn-nodes]'],
      ['sign-in', '/sign-in', 'form'],
      ['review (signed out)', '/review', 'main p'],
    ];
    const summary: Record<string, unknown> = {};
    const failures: string[] = [];
    const scan = async ([name, path, ready]: [string, string, string]) => {
      const page = await x.open(path);
      await page.locator(ready).first().waitFor();
      // Open every <details>, so what it hides is scanned too.
      await page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })");
      const result = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
        .options(VIOLATIONS_ONLY)
        .analyze();
      const bad = result.violations.filter(
        (v) => v.impact === 'serious' || v.impact === 'critical',
      );
      summary[name] = {
        path,
        passes: result.passes.length,
        violations: result.violations.map((v) => `${v.impact}: ${v.id} (${v.nodes.length})`),
      };
      failures.push(
        ...bad.map(
          (v) =>
            `${name}: ${v.id} — ${v.help} (${v.nodes
              .map((n) => n.target.join(' '))
              .slice(0, 3)
              .join('; ')})`,
        ),
      );
      await x.screenshot(page, `axe-${name.replace(/\W+/g, '-')}`);
      await page.close();
    };
    // Three tabs at a time: axe's analysis is most of the time, and it waits on the page.
    for (let i = 0; i < pages.length; i += 3) await Promise.all(pages.slice(i, i + 3).map(scan));
    // The editor's pages, signed in (the token lives in the tab, so the same tab goes on), with
    // something waiting for review.
    const waiting = await x.server.gql(
      `mutation($input: CreateClaimInput!) { createClaim(input: $input) { id } }`,
      {
        input: {
          text: `Ketamine eases fibromyalgia fatigue (axe scan ${Date.now()})`,
          kind: 'EFFICACY',
          conditionIds: ['fibromyalgia'],
        },
      },
      bearer(x.server.tokens.editor),
    );
    expect(waiting.errors).toBeUndefined();
    const editorTab = await x.open('/sign-in');
    await editorTab.getByLabel('API token').fill(x.server.tokens.admin);
    await editorTab.getByRole('button', { name: 'Sign in' }).click();
    await editorTab.getByText('Signed in as admin').first().waitFor();
    for (const [name, path, ready] of [
      ['review queue (signed in)', '/review', '[data-review-id]'],
      [
        'report with pending items (signed in)',
        '/conditions/fibromyalgia?pending=yes',
        '[data-claim-id]',
      ],
    ] as const) {
      await editorTab.goto(path);
      await editorTab.locator(ready).first().waitFor();
      await editorTab.waitForLoadState('networkidle');
      const result = await new AxeBuilder({ page: editorTab })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
        .options(VIOLATIONS_ONLY)
        .analyze();
      summary[name] = {
        path,
        passes: result.passes.length,
        violations: result.violations.map((v) => `${v.impact}: ${v.id} (${v.nodes.length})`),
      };
      failures.push(
        ...result.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${name}: ${v.id} — ${v.help}`),
      );
    }

    writeFileSync(join(OUTPUT_DIR, 'axe-summary.json'), JSON.stringify(summary, null, 2));
    expect(failures).toEqual([]);
  });
});
