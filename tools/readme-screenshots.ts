/**
 * `npm run docs:screenshots`: the README's pictures of the explorer (docs/explorer-*.jpg), taken
 * in chromium from the built app on the real server over a seeded temp SQLite file. Small JPEGs:
 * they are committed, and retaken when the pages change.
 */
import 'reflect-metadata';
import { readFileSync } from 'fs';
import { join } from 'path';
import { findChromium, HOW_TO_ENABLE } from '../test/browser/support/chromium';
import { startExplorer } from '../test/browser/support/explorer';

const DOCS = join(__dirname, '..', 'docs');
/** SHOTS_PREVIEW=<folder>: PNGs there instead (to look at before committing). */
const PREVIEW = process.env.SHOTS_PREVIEW;

async function main(): Promise<void> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(HOW_TO_ENABLE);
  // The same server and browser as the browser tests: seeded temp SQLite file, built app.
  const x = await startExplorer(executablePath);
  const { base, browser } = x;
  try {
    const page = await browser.newPage({ viewport: { width: 1000, height: 680 } });
    const shot = (name: string) =>
      PREVIEW
        ? page.screenshot({ path: join(PREVIEW, `explorer-${name}.png`) })
        : page.screenshot({ path: join(DOCS, `explorer-${name}.jpg`), type: 'jpeg', quality: 70 });

    await page.goto(`${base}/`);
    await page.getByRole('combobox').fill('fibro');
    await page.getByRole('option').first().waitFor();
    await shot('home');

    await page.goto(`${base}/conditions/fibromyalgia`);
    await page.locator('[data-claim-id="claim-fibromyalgia-relief-up-to-3-months"]').waitFor();
    await page.locator('[data-testid="evidence-map"] svg').waitFor();
    await page
      .locator('[data-claim-id="claim-fibromyalgia-relief-up-to-3-months"]')
      .scrollIntoViewIfNeeded();
    await page.evaluate('window.scrollBy(0, -80)');
    await shot('report');

    await page.goto(
      `${base}/sources/src-fibromyalgia-iv-ketamine#stmt-fibro-relief-up-to-3-months`,
    );
    await page.locator('mark.target').waitFor();
    await page.waitForTimeout(300);
    await shot('source');

    // The editor workspace on the browser tests' invented clinic page, one suggestion accepted.
    const html = readFileSync(
      join(__dirname, '..', 'test', 'fixtures', 'pages', 'workspace-clinic-page.html'),
      'utf8',
    );
    const created = await x.server.gql(
      `mutation($input: CreateSourceInput!) { createSource(input: $input) { id } }`,
      { input: { html, kind: 'CLINIC_MARKETING' } },
    );
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('API token').fill(x.server.tokens.editor);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Signed in as editor').first().waitFor();
    await page.goto(`${base}/editor/sources/${created.data.createSource.id}`);
    const first = page.locator('[data-item="s0"]');
    await first.waitFor();
    await first.getByRole('button', { name: 'Accept' }).click();
    // The side panel scrolls on its own: the accepted card at its top, the text in full.
    await page.evaluate(`(() => {
      const side = document.querySelector('.workspace-side');
      const card = document.querySelector('[data-item="s0"]');
      side.scrollTop += card.getBoundingClientRect().top - side.getBoundingClientRect().top;
    })()`);
    await shot('workspace');
  } finally {
    await x.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
