/**
 * `npm run bench:web` (part of `npm run bench`): how long a person waits for the largest report.
 * The built explorer on the real server (seeded temp SQLite file), opened in Debian's chromium:
 * from navigating to /conditions/chronic-pain until every claim of the report is on the page.
 * Each run in a fresh browser context (no cache: a first visit). Median of the runs, in ms.
 */
import 'reflect-metadata';
import { findChromium, HOW_TO_ENABLE } from '../test/browser/support/chromium';
import { startExplorer } from '../test/browser/support/explorer';

const RUNS = Number(process.env.BENCH_WEB_RUNS ?? 9);
const CONDITION = 'chronic-pain';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

async function main(): Promise<void> {
  const executablePath = findChromium();
  if (!executablePath) {
    console.log(HOW_TO_ENABLE.replace('Browser tests', 'Web benchmark'));
    return;
  }
  // The same server and browser as the browser tests: seeded temp SQLite file, built app.
  const x = await startExplorer(executablePath);
  const { base, browser } = x;
  try {
    // How many claims "usable" means: what the API says the report holds.
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `{ evidenceReport(condition: "${CONDITION}") { claims { claim { id } } } }`,
      }),
    });
    const claims = ((await res.json()) as { data: { evidenceReport: { claims: unknown[] } } }).data
      .evidenceReport.claims.length;
    const times: number[] = [];
    for (let i = 0; i < RUNS + 1; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const t0 = performance.now();
      await page.goto(`${base}/conditions/${CONDITION}`, { waitUntil: 'commit' });
      // Runs in the page (this file is compiled without the DOM's types, hence globalThis).
      await page.waitForFunction(
        (n: number) =>
          (
            globalThis as unknown as {
              document: { querySelectorAll(s: string): { length: number } };
            }
          ).document.querySelectorAll('[data-claim-id]').length === n,
        claims,
        { polling: 'raf', timeout: 15_000 },
      );
      const ms = performance.now() - t0;
      // The first run warms the server and the browser process; it is not counted.
      if (i > 0) times.push(ms);
      await context.close();
    }
    console.log(
      `web: "${CONDITION}" report, navigation until all ${claims} claims are shown (fresh browser context each run, ${RUNS} runs): ` +
        `median ${median(times).toFixed(0)} ms, min ${Math.min(...times).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms`,
    );
  } finally {
    await x.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
