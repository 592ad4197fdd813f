import { accessSync, constants } from 'fs';

/**
 * Where Debian (and CI, after `apt-get install -y chromium-headless-shell chromium`) puts the
 * browser. Chromium's headless shell first: the same Blink and V8 without the browser's UI
 * processes; on the browser suite it spent 30 s of CPU where the full chromium's headless mode
 * spent 73 s (38 s of wall time instead of 59 s), every test passing in both.
 */
const CANDIDATES = [
  '/usr/bin/chromium-headless-shell',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];

/** The chromium to drive: CHROMIUM_PATH, else the first installed candidate, else null. */
export function findChromium(): string | null {
  const wanted = process.env.CHROMIUM_PATH ? [process.env.CHROMIUM_PATH] : CANDIDATES;
  for (const path of wanted) {
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // Not here.
    }
  }
  return null;
}

export const HOW_TO_ENABLE =
  'Browser tests skipped: no chromium found. Install it (apt-get install -y chromium-headless-shell, or chromium) or set CHROMIUM_PATH to enable them.';

/**
 * describe when a browser is there; without one, skip with one line saying how to enable the
 * tests, except on CI (CI=true), where a missing browser fails the run.
 */
export function describeWithBrowser(name: string, body: (chromium: string) => void): void {
  const chromium = findChromium();
  if (chromium) return describe(name, () => body(chromium));
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('has a browser to run in', () => {
        throw new Error(`CI=true but ${HOW_TO_ENABLE.replace('Browser tests skipped: ', '')}`);
      });
    });
    return;
  }
  console.log(HOW_TO_ENABLE);
  describe.skip(name, () => body(''));
}
