// Debian's Chromium for the browser tests and benchmarks (never a downloaded browser build).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumAvailable() {
  return existsSync(CHROMIUM);
}

/** A persistent context in a fresh profile directory; `close()` also removes the directory. */
export async function launchContext(options = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'tarifa-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
    ...options,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A performance mark's time in a page (the benchmarks), read through CDP with a few lines of page
 * script (polling every 20 ms): not with Playwright's waitForFunction, which first compiles and
 * runs Playwright's own (large) injected script in the page while it loads: main-thread time
 * (~8 ms at 1× CPU, ~50 ms at 6×) that a page still loading paid and a bare page, often done by
 * then, did not.
 */
export async function markTime(cdp, mark) {
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
    expression: `new Promise((resolve, reject) => {
      const end = performance.now() + 60000;
      const poll = () => {
        const e = performance.getEntriesByName(${JSON.stringify(mark)})[0];
        if (e) resolve(e.startTime);
        else if (performance.now() > end) reject(new Error('no mark ${mark} after 60 s'));
        else setTimeout(poll, 20);
      };
      poll();
    })`,
    awaitPromise: true,
    returnByValue: true,
  });
  if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
  return result.value;
}

/**
 * A cold tab for the load benchmarks: a fresh context (390 × 844 px, es-MX), its CDP session, the
 * HTTP cache off, and the given CPU throttling and network conditions (`net`: latency in ms,
 * down/up in bytes per second; none for an unthrottled network).
 */
export async function coldTab(browser, { cpu = 1, net = null } = {}) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'es-MX' });
  const tab = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (net)
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: net.latency,
      downloadThroughput: net.down,
      uploadThroughput: net.up,
    });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
  return { context, tab, cdp };
}
