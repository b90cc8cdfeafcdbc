import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../tests/e2e/chromium';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Debian Chromium, headless, no network side channels (same flags as the e2e suite). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/** A 1366×768 laptop context that sends the bench bearer token with every request. */
export function benchContext(browser: Browser, token: string): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1366, height: 768 }, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
}
