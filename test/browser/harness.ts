/** Shared pieces of the real-browser tests and benchmark: Chromium via playwright-core, the static server. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
// @ts-expect-error plain ESM helper without types
import { startServer } from '../../scripts/static-server.mjs';

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

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

export type Server = { url: string; port: number; close: () => Promise<void> };

export async function launch(): Promise<{
  context: BrowserContext;
  server: Server;
  close: () => Promise<void>;
}> {
  const server = (await startServer({ port: 0 })) as Server;
  const dir = mkdtempSync(join(tmpdir(), 'tarifa-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    locale: 'en-US',
    timezoneId: 'America/Mexico_City',
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    server,
    close: async () => {
      await context.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
