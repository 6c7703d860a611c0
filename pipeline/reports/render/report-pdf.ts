/**
 * Prints the HTML report to an A4 PDF with headless Chromium (playwright-core, an executable
 * already on the machine; nothing is downloaded). Where Chromium is absent the PDF is skipped
 * with a note: the HTML prints the same from any browser.
 */
import { access, constants } from 'node:fs/promises';

/** Where Chromium is looked for when no path is configured. */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/** A printed PDF, or the reason there is none. */
export type PdfResult = { pdf: Uint8Array } | { skipped: string };

/**
 * True when an executable exists at the path.
 *
 * @example
 * await chromiumAvailable('/usr/bin/chromium'); // true on a machine with Chromium
 */
export async function chromiumAvailable(executablePath: string): Promise<boolean> {
  try {
    await access(executablePath, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Prints HTML to an A4 PDF (backgrounds, CSS page size), or skips when Chromium is absent.
 *
 * @example
 * const result = await printPdf(html, { executablePath: config.chromiumPath });
 * if ('pdf' in result) await reports.put('C1/2026-Q3/report.pdf', result.pdf, 'application/pdf');
 */
export async function printPdf(html: string, options: { executablePath?: string } = {}): Promise<PdfResult> {
  const executablePath = options.executablePath || DEFAULT_CHROMIUM_PATH;
  if (!(await chromiumAvailable(executablePath)))
    return { skipped: `Chromium not found at ${executablePath} (set CHROMIUM_PATH): report.pdf not written` };
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    return { pdf: new Uint8Array(pdf) };
  } finally {
    await browser.close();
  }
}
