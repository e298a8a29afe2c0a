// Full-page PNGs of every page type of a built site, at 390 and 1280 px in
// light and dark, and the brief page under print emulation. Usage:
//   node tests/browser/screenshots.mjs SITE_DIR OUT_DIR
import fs from 'node:fs';
import path from 'node:path';
import * as lib from './lib.mjs';

const [site, out] = process.argv.slice(2);
if (!site || !out) { console.error('usage: screenshots.mjs SITE_DIR OUT_DIR'); process.exit(2); }
const PAGES = {
  home: '', brief: 'briefs/north-korean-and-ukrainian-troops-clash/', kind: 'kinds/flash-brief/',
  topic: 'topics/russia/', experts: 'experts/', expert: 'experts/mark-montgomery/', topics: 'topics/',
  page: 'about/', 'not-found': 'no-such-page/',
};
fs.mkdirSync(out, { recursive: true });
const server = await lib.serve(site, '/');
const browser = await lib.launch();
let count = 0;
try {
  for (const [name, rel] of Object.entries(PAGES)) {
    for (const width of [390, 1280]) {
      for (const scheme of ['light', 'dark']) {
        const page = await lib.open(browser, { width, height: 800, scheme });
        await page.goto(server.base + rel);
        await page.screenshot({ path: path.join(out, `${name}-${width}-${scheme}.png`), fullPage: true });
        count++;
        if (name === 'brief' && width === 1280 && scheme === 'light') {
          await page.emulateMedia({ media: 'print' });
          await page.screenshot({ path: path.join(out, `${name}-print.png`), fullPage: true });
          count++;
        }
        await page.closeAll();
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(`${count} screenshots in ${out}`);
