/**
 * Test helper: launches the system (Debian) Chromium through playwright-core, headless, with a
 * fresh throw-away profile and no background network traffic.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { loadConfig } from '../../../adapters/config.ts';

/** Flags every browser test runs Chromium with. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

/** A launched browser (one persistent context on a fresh profile) and how to shut it down. */
export interface LaunchedChromium {
  context: BrowserContext;
  executablePath: string;
  close(): Promise<void>;
}

/**
 * Launches Chromium from `CHROMIUM_PATH` (via the config module), default `/usr/bin/chromium`.
 *
 * @example
 * const { context, close } = await launchChromium();
 * const page = await context.newPage();
 * await close();
 */
export async function launchChromium(): Promise<LaunchedChromium> {
  const executablePath = loadConfig().chromiumPath ?? '/usr/bin/chromium';
  const profile = await mkdtemp(path.join(tmpdir(), 'rv-chromium-'));
  // Playwright owns --user-data-dir: the fresh profile is passed as the persistent context's directory.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: [...CHROMIUM_FLAGS],
  });
  return {
    context,
    executablePath,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
