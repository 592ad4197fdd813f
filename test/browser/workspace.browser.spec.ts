/**
 * The editor workspace end to end: a saved clinic page (a fixture invented for this test) is
 * ingested through the New source form (and another with the ingest command, into the running
 * server's database file), curated in the workspace (suggestions accepted, one
 * passage anchored by mouse, a study linked) and submitted in one request; a second user accepts
 * the whole source; clinicians then see the new claims, each quote at its exact anchor.
 */
import AxeBuilder from '@axe-core/playwright';
import { execFile } from 'child_process';
import { join } from 'path';
import { promisify } from 'util';
import type { Page } from 'playwright-core';
import { TS_NODE_ARGS } from '../support/child-server';
import { anonymous, bearer } from '../support/server';
import { describeWithBrowser } from './support/chromium';
import { Explorer, startExplorer } from './support/explorer';

const ROOT = join(__dirname, '..', '..');
const PAGE = join(__dirname, '..', 'fixtures', 'pages', 'workspace-clinic-page.html');
/** Saved with the same two sentences the refusal test curates; ingested by the command. */
const REFUSAL_PAGE = join(__dirname, '..', 'fixtures', 'pages', 'workspace-refusal-page.html');
const execFileAsync = promisify(execFile);
const WEEKS =
  'Ketamine infusion therapy eases fibromyalgia pain for several weeks after six infusions';
const SLEEP = 'Ketamine infusions restore restful sleep in fibromyalgia';
const SELECTED = 'Most visitors describe the infusion as calm and dreamlike';

describeWithBrowser('editor workspace', (chromiumPath) => {
  let x: Explorer;

  beforeAll(async () => {
    x = await startExplorer(chromiumPath);
  }, 120_000);

  afterAll(async () => {
    await x?.close();
  });

  afterEach(() => {
    const seen = x.problems.splice(0);
    expect(seen).toEqual([]);
  });

  const api = async <T = any>(
    query: string,
    variables?: Record<string, unknown>,
    headers: Record<string, string> = anonymous(),
  ) => {
    const res = await x.server.gql<T>(query, variables, headers);
    expect(res.errors).toBeUndefined();
    return res.data as T;
  };

  const signIn = async (secret: string, name: string, page?: Page) => {
    const tab = page ?? (await x.open('/sign-in'));
    if (page) await tab.goto('/sign-in');
    await tab.getByLabel('API token').fill(secret);
    await tab.getByRole('button', { name: 'Sign in' }).click();
    await tab.getByText(`Signed in as ${name}`).first().waitFor();
    return tab;
  };

  /** axe's serious and critical findings on a page as it stands. */
  const seriousViolations = async (page: Page) =>
    (
      await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
        .analyze()
    ).violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${v.id} — ${v.help} (${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 3)
            .join('; ')})`,
      );

  /** Drags the mouse over a phrase of the workspace's text, as a person selects it. */
  const selectByMouse = async (page: Page, phrase: string) => {
    const box = (await page.evaluate(`(() => {
      const phrase = ${JSON.stringify(phrase)};
      for (const el of document.querySelectorAll('.workspace-text [data-at]')) {
        const t = el.firstChild;
        const i = t ? t.data.indexOf(phrase) : -1;
        if (i < 0) continue;
        const r = document.createRange();
        r.setStart(t, i); r.setEnd(t, i + 1);
        const a = r.getBoundingClientRect();
        r.setStart(t, i + phrase.length - 1); r.setEnd(t, i + phrase.length);
        const b = r.getBoundingClientRect();
        return { x1: a.left + 1, y1: a.top + a.height / 2, x2: b.right - 1, y2: b.top + b.height / 2 };
      }
      return null;
    })()`)) as { x1: number; y1: number; x2: number; y2: number } | null;
    expect(box).not.toBeNull();
    await page.mouse.move(box!.x1, box!.y1);
    await page.mouse.down();
    await page.mouse.move(box!.x2, box!.y2, { steps: 8 });
    await page.mouse.up();
  };

  it('an editor ingests a saved page and curates it; a second user accepts it all; clinicians see the claims at their exact anchors', async () => {
    const study = (
      await api(
        `{ studies(first: 1, filter: { title: "fibromyalgia" }) { edges { node { id title doi } } } }`,
      )
    ).studies.edges[0].node;
    expect(study.doi).toBeTruthy();

    // Ingest through the New source form (the file a person saved from the browser).
    const page = await signIn(x.server.tokens.editor, 'editor');
    await page.getByRole('link', { name: 'New source' }).click();
    await page.getByLabel('Saved page file').setInputFiles(PAGE);
    await page.getByText('Read workspace-clinic-page.html').waitFor();
    await page.getByRole('button', { name: 'Save and open the workspace' }).click();
    // The form's own address matches /editor/sources/* too: wait for the new source's.
    await page.waitForURL((url) => /^\/editor\/sources\/(?!new$)[^/]+$/.test(url.pathname));
    const sourceId = decodeURIComponent(page.url().split('/editor/sources/')[1]!);
    const editor = bearer(x.server.tokens.editor);
    const { source, suggestStatements: suggestions } = await api(
      `query($id: ID!) { source(id: $id) { title text } suggestStatements(sourceId: $id) { text proposedGap { cue } } }`,
      { id: sourceId },
      editor,
    );
    expect(source.title).toContain('Harbourlight');
    expect(source.text).not.toContain('trackingQueue');

    // Every suggestion is highlighted with exactly its words.
    await page.locator('[data-item="s0"]').waitFor();
    expect(suggestions.length).toBe(3);
    for (const [i, s] of suggestions.entries())
      await expect(page.locator(`mark[data-mark="s${i}"]`).textContent()).resolves.toBe(s.text);
    await x.screenshot(page, 'workspace-suggestions');

    // The first: a new claim of its own, worded by the editor.
    const first = page.locator('[data-item="s0"]');
    await first.getByLabel('A new claim').check();
    await first.getByLabel('New claim text').fill(WEEKS);
    await first.getByLabel('Kind').selectOption('DURATION');
    await first.getByLabel('Record an evidence gap').check();
    await first.getByLabel('Gap', { exact: true }).selectOption('NO_STUDY');
    await first
      .getByLabel('What is missing')
      .fill('No trial has followed fibromyalgia pain for weeks after a course of six infusions.');
    await first.getByRole('button', { name: 'Accept' }).click();
    await first.getByText('Accepted').waitFor();
    // The second: a new claim, with the uncited "studies have shown" recorded as a gap.
    const second = page.locator('[data-item="s1"]');
    expect(suggestions[1].proposedGap.cue).toBe('Studies have shown');
    await second.getByLabel('A new claim').check();
    await second.getByLabel('New claim text').fill(SLEEP);
    await expect(second.getByLabel(/Record an evidence gap/).isChecked()).resolves.toBe(true);
    await second.getByRole('button', { name: 'Accept' }).click();
    // The third is not for this page's curation.
    await page.locator('[data-item="s2"]').getByRole('button', { name: 'Reject' }).click();
    await page.locator('[data-item="s2"]').getByText('Rejected').waitFor();

    // A passage the assistant did not offer, selected with the mouse and anchored to a claim.
    await selectByMouse(page, SELECTED);
    const box = page.locator('.anchor-box');
    await expect(box.locator('q').textContent()).resolves.toBe(SELECTED);
    await box.getByRole('button', { name: 'Anchor selection' }).click();
    await box.getByLabel('Hedging').selectOption('ATTRIBUTED');
    await box.getByLabel(/Find a claim/).fill('relaxing');
    const relaxation = box.getByLabel(/Ketamine infusion is relaxing/);
    await relaxation.waitFor();
    await relaxation.check();
    await box.getByRole('button', { name: 'Add to the batch' }).click();
    await page.locator('[data-item="a0"]').getByText('Accepted').waitFor();

    // A study linked to the first new claim, found by its DOI.
    await page.getByLabel('Claim', { exact: true }).selectOption({ label: WEEKS });
    await page.getByLabel(/Study: DOI, PMID/).fill(study.doi);
    await page.getByRole('button', { name: 'Find study' }).click();
    await page.getByRole('radio', { name: study.title }).waitFor();
    await page.getByLabel('The study').selectOption('MENTIONS');
    await page.getByRole('button', { name: 'Add the link' }).click();
    await x.screenshot(page, 'workspace-accepted');

    // One request for all of it.
    const importCalls: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/graphql') && (r.postData() ?? '').includes('importCuration'))
        importCalls.push(r.postData()!);
    });
    await page.getByRole('button', { name: 'Submit 4 items' }).click();
    await page.getByText(/^Submitted: \d+ new records,/).waitFor();
    expect(importCalls).toHaveLength(1);
    await page.getByText('Stored, waiting for review.').first().waitFor();

    // The author cannot accept their own work: the server's words, plainly.
    await page.getByRole('button', { name: 'Accept all of this source' }).click();
    const refusal = page.locator('.review-message');
    await refusal.getByText(/^Nothing was accepted: /).waitFor();
    expect(await refusal.textContent()).not.toMatch(/[{}]|FORBIDDEN|BAD_USER_INPUT/);

    // A second user accepts everything of the source at once.
    const reviewer = await signIn(x.server.tokens.admin, 'admin');
    await reviewer.goto(`/editor/sources/${encodeURIComponent(sourceId)}`);
    await reviewer.locator('.waiting-list li').first().waitFor();
    // Three statements, the two new claims, the link and the two gaps.
    await expect(reviewer.locator('.waiting-list li').count()).resolves.toBe(8);
    await x.screenshot(reviewer, 'workspace-review');
    expect(await seriousViolations(reviewer)).toEqual([]);
    await reviewer.getByRole('button', { name: 'Accept all of this source' }).click();
    await reviewer.getByText('Accepted 8 items of this source.').waitFor();
    await reviewer.getByText('Nothing of this source is waiting for review.').waitFor();

    // What was stored, read back: statements at their exact anchors.
    const stored = (
      await api(
        `query($id: ID!) { source(id: $id) { text statements { id quote start end hedging reviewStatus
            claim { id text reviewStatus conditions { id } gaps { kind } evidence { relation study { id } } } } } }`,
        { id: sourceId },
      )
    ).source;
    const chars = Array.from(stored.text as string);
    expect(stored.statements).toHaveLength(3);
    for (const s of stored.statements) {
      expect(s.reviewStatus).toBe('ACCEPTED');
      expect(chars.slice(s.start, s.end).join('')).toBe(s.quote);
    }
    const byClaim = (text: string) => stored.statements.find((s: any) => s.claim.text === text);
    const weeks = byClaim(WEEKS);
    const sleep = byClaim(SLEEP);
    const relaxed = stored.statements.find((s: any) => s.claim.id === 'claim-relaxation');
    expect(weeks.quote).toBe(suggestions[0].text);
    expect(weeks.hedging).toBe('HEDGED');
    expect(weeks.claim.conditions.map((c: any) => c.id)).toEqual(['fibromyalgia']);
    expect(weeks.claim.evidence).toEqual([{ relation: 'MENTIONS', study: { id: study.id } }]);
    expect(weeks.claim.gaps.map((g: any) => g.kind)).toEqual(['NO_STUDY']);
    expect(sleep.claim.gaps.map((g: any) => g.kind)).toEqual(['UNCITED_ASSERTION']);
    expect(relaxed.quote).toBe(SELECTED);
    expect(relaxed.hedging).toBe('ATTRIBUTED');

    // The clinician's report for fibromyalgia shows both new claims.
    const report = await x.open('/conditions/fibromyalgia');
    for (const s of [weeks, sleep]) {
      const card = report.locator(`[data-claim-id="${s.claim.id}"]`);
      await card.waitFor();
      await expect(card.getByRole('heading', { level: 3 }).textContent()).resolves.toBe(
        s.claim.text,
      );
    }
    // The claim page quotes the source, and its link lands on exactly the quote.
    const claimPage = await x.open(`/claims/${encodeURIComponent(weeks.claim.id)}`);
    const link = claimPage.locator('a.statement-link').first();
    await link.click();
    await claimPage.waitForURL(`**/sources/${encodeURIComponent(sourceId)}#${weeks.id}`);
    await expect(claimPage.locator(`mark[id="${weeks.id}"]`).textContent()).resolves.toBe(
      weeks.quote,
    );
    const relaxedPage = await x.open(`/sources/${encodeURIComponent(sourceId)}#${relaxed.id}`);
    await expect(relaxedPage.locator(`mark[id="${relaxed.id}"]`).textContent()).resolves.toBe(
      SELECTED,
    );
  });

  it('a refused item is named next to it and nothing is stored; axe finds no serious or critical violation', async () => {
    // Ingested from the shell, as an editor with a saved page would: the ingest command (npm run
    // ingest's entry point) writes into the server's database file while the server runs.
    const ingest = await execFileAsync(
      process.execPath,
      [
        ...TS_NODE_ARGS,
        join(ROOT, 'src', 'sources', 'ingest.cli.ts'),
        REFUSAL_PAGE,
        '--url',
        'https://lakeside.example/fibromyalgia',
        '--id',
        'src-workspace-refusal',
      ],
      { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'silent' } },
    );
    expect(ingest.stdout).toMatch(
      /^Ingested .*workspace-refusal-page\.html as source src-workspace-refusal /,
    );
    const createSource = { id: 'src-workspace-refusal' };
    const page = await signIn(x.server.tokens.editor, 'editor');
    // From the source page, as an editor finds it.
    await page.goto(`/sources/${encodeURIComponent(createSource.id)}`);
    await page.getByRole('link', { name: 'Curate it in the editor workspace' }).click();
    const first = page.locator('[data-item="s0"]');
    await first.waitFor();
    // A "new" claim worded exactly as an existing one is refused, naming it.
    const existing = 'IV ketamine infusion relieves the pain and other symptoms of fibromyalgia';
    await first.getByLabel('A new claim').check();
    await first.getByLabel('New claim text').fill(existing);
    await first.getByRole('button', { name: 'Accept' }).click();
    await page.getByRole('button', { name: /^Submit 1 item$/ }).click();
    await page
      .getByText(/^Nothing was stored: 1 item\(s\) refused/)
      .waitFor()
      .catch(async (e) => {
        throw new Error(`${e}\n${await page.locator('.workspace-side').textContent()}`);
      });
    await expect(first.locator('.problems').textContent()).resolves.toContain('claim-');
    const after = (
      await api(`query($id: ID!) { source(id: $id) { statements { id } } }`, {
        id: createSource.id,
      })
    ).source;
    expect(after.statements).toEqual([]);
    // The refused item is open again: reusing the claim it names fixes it.
    await first.getByRole('radio', { name: new RegExp(`^${existing}`) }).check();
    await first.getByRole('button', { name: 'Accept' }).click();
    await page.getByRole('button', { name: /^Submit 1 item$/ }).click();
    await page.getByText(/^Submitted: 1 new record,/).waitFor();
    const fixed = (
      await api(`query($id: ID!) { source(id: $id) { statements { claim { text } } } }`, {
        id: createSource.id,
      })
    ).source;
    expect(fixed.statements).toEqual([{ claim: { text: existing } }]);

    // Review closes the loop for the ingested page: a second user accepts it from the workspace.
    const reviewer = await signIn(x.server.tokens.admin, 'admin');
    await reviewer.goto(`/editor/sources/${encodeURIComponent(createSource.id)}`);
    await reviewer.getByRole('button', { name: 'Accept all of this source' }).click();
    await reviewer.getByText('Accepted 1 item of this source.').waitFor();
    const reviewed = (
      await api(
        `query($id: ID!) { source(id: $id) { text statements { quote start end reviewStatus } } }`,
        { id: createSource.id },
      )
    ).source;
    expect(reviewed.statements).toHaveLength(1);
    const [only] = reviewed.statements;
    expect(only.reviewStatus).toBe('ACCEPTED');
    expect(
      Array.from(reviewed.text as string)
        .slice(only.start, only.end)
        .join(''),
    ).toBe(only.quote);
    await reviewer.close();

    // The workspace with a selection being anchored, scanned as it is.
    // Without a mouse: the words typed are found in the text.
    await page.getByLabel('Anchor a passage by its words').fill('RESTFUL sleep');
    await page.keyboard.press('Enter');
    await page.locator('.anchor-box form').waitFor();
    await expect(page.locator('.anchor-box q').textContent()).resolves.toBe('restful sleep');
    await x.screenshot(page, 'workspace-anchor');
    expect(await seriousViolations(page)).toEqual([]);

    // On a phone the text and the side panel stack; nothing scrolls sideways.
    await page.setViewportSize({ width: 375, height: 800 });
    await expect(page.evaluate('document.documentElement.scrollWidth')).resolves.toBe(375);

    const form = await x.open('/sign-in');
    await signIn(x.server.tokens.editor, 'editor', form);
    await form.goto('/editor/sources/new');
    await form.locator('form').waitFor();
    expect(await seriousViolations(form)).toEqual([]);
  });
});
