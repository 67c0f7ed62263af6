/**
 * Debian's Chromium, driven by playwright-core. The suite runs only where the package is
 * installed (CI installs it); elsewhere it is skipped with a message saying how to get it.
 */
import { existsSync } from "node:fs";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions } from "playwright-core";

export const CHROMIUM_PATH = "/usr/bin/chromium";

/** Null when Chromium is there; otherwise why the suite is skipped and how to fix that. */
export function chromiumMissing(): string | null {
  if (existsSync(CHROMIUM_PATH)) return null;
  return `browser tests skipped: ${CHROMIUM_PATH} not found. Install Debian's Chromium to run them: apt-get install -y chromium`;
}

/** Quiet, headless and offline but for the server under test: nothing phones home mid-test. */
const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface Chromium {
  browser: Browser;
  /** A new context: its own cookies and storage, like another browser or device. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  close(): Promise<void>;
}

export const DESKTOP = { width: 1024, height: 720 };
export const PHONE = { width: 375, height: 740 };

/**
 * One browser for the whole file. Playwright starts it on a fresh temporary profile
 * (its --user-data-dir) and deletes that on close; each test then takes new contexts.
 */
export async function launchChromium(): Promise<Chromium> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: FLAGS });
  return {
    browser,
    async newContext(options = {}) {
      // Screenshots at one device pixel per CSS pixel keep the PNGs small.
      const context = await browser.newContext({ viewport: DESKTOP, deviceScaleFactor: 1, locale: "en-GB", ...options });
      // The machine is shared: waits get room, but every wait is for an event, never a fixed time.
      context.setDefaultTimeout(20_000);
      context.setDefaultNavigationTimeout(30_000);
      return context;
    },
    close: () => browser.close(),
  };
}
