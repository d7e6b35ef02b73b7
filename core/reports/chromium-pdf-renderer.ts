import { chromium } from 'playwright-core';
import { Unavailable } from '../errors.ts';
import type { PdfRenderer } from '../ports/pdf-renderer.ts';

const launchArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/**
 * The PDF port on headless Chromium. A browser is launched for each document and closed after it: a report is
 * printed once and then kept, so the second or so a launch costs is paid rarely, and no browser process outlives
 * the request that needed it. A missing or broken browser is `Unavailable` (503): the PDF cannot be made now,
 * which is not a server error.
 */
export function chromiumPdfRenderer(executablePath = process.env.CITYCASE_CHROMIUM ?? '/usr/bin/chromium'): PdfRenderer {
  return {
    async render(html) {
      const browser = await chromium.launch({ executablePath, args: launchArgs }).catch((cause: unknown) => {
        throw new Unavailable(`PDF rendering needs Chromium at ${executablePath}, which could not be started`, { cause });
      });
      try {
        const page = await browser.newPage();
        // The report is self-contained (inline styles and SVG), so nothing is fetched.
        await page.setContent(html, { waitUntil: 'load' });
        return await page.pdf({ format: 'A4', printBackground: true });
      } finally {
        await browser.close();
      }
    },
  };
}
