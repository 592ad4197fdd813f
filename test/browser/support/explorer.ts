import { existsSync, mkdirSync } from 'fs';
import { join } from 'path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { startServer, TestServer } from '../../support/server';
import { explorerBuilt, WEB_ROOT } from '../../../src/web-explorer/web-explorer.module';

/** Screenshots of each run land here (gitignored). */
export const OUTPUT_DIR = join(__dirname, '..', '..', '..', 'test-results', 'browser');

export interface Explorer {
  server: TestServer;
  /** http://127.0.0.1:<port> */
  base: string;
  browser: Browser;
  /** A fresh tab in a fresh context (no token, no storage), failing the test on page errors. */
  open(path: string, opts?: { width?: number; height?: number }): Promise<Page>;
  /** Browser-side errors seen so far (uncaught exceptions, CSP violations, console errors). */
  problems: string[];
  screenshot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The real server (seeded, temp SQLite file, serving dist/web) and one headless chromium for
 * the whole suite.
 */
export async function startExplorer(executablePath: string): Promise<Explorer> {
  if (!explorerBuilt()) {
    throw new Error(
      `The explorer is not built (${WEB_ROOT}): run npm run build:web first (npm run test:browser does).`,
    );
  }
  const server = await startServer({ store: 'sqlite', seed: true });
  const base = server.url.replace(/\/graphql$/, '');
  const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  if (!existsSync(OUTPUT_DIR)) mkdirSync(OUTPUT_DIR, { recursive: true });
  return {
    server,
    base,
    browser,
    problems,
    async open(path, opts = {}) {
      const context = await browser.newContext({
        baseURL: base,
        viewport: { width: opts.width ?? 1280, height: opts.height ?? 900 },
      });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      page.on('pageerror', (err) => problems.push(`${path}: ${err.message}`));
      page.on('console', (msg) => {
        // Failed requests are reported below with their address.
        if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) {
          problems.push(`${path}: ${msg.text()}`);
        }
      });
      page.on('response', (res) => {
        if (res.status() >= 400) problems.push(`${path}: ${res.status()} for ${res.url()}`);
      });
      await page.goto(path);
      return page;
    },
    async screenshot(page, name) {
      await page.screenshot({ path: join(OUTPUT_DIR, `${name}.png`), fullPage: false });
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
      await server.close();
    },
  };
}
