// The English and Arabic fixture in Chromium: the Arabic brief page is
// right to left (its quote's rule on the right, the start side), has no
// axe-core violation and no failed request; the language switcher leads
// to the English page and back.
export default async function ({ i18n, browser, lib }, checks) {
  checks.ok(Boolean(i18n), 'I18N_DIR names the built English and Arabic fixture');
  if (!i18n) return;
  const server = await lib.serve(i18n, '/');
  const page = await lib.open(browser);
  try {
    for (const path of ['ar/briefs/troops-clash/', 'ar/', 'ar/experts/john-hardie/']) {
      await page.goto(server.base + path);
      const violations = await lib.axe(page);
      checks.eq(violations.length, 0, `axe on /${path}: ${JSON.stringify(violations)}`);
    }
    await page.goto(server.base + 'ar/briefs/troops-clash/');
    const html = await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]);
    checks.eq(html.join(' '), 'ar rtl', 'lang and dir of the Arabic brief');
    const rule = await page.evaluate(() => {
      const s = getComputedStyle(document.querySelector('.response'));
      return [s.borderRightWidth, s.borderLeftWidth];
    });
    checks.ok(rule[0] !== '0px' && rule[1] === '0px', `the quote rule is on the start (right) side: right ${rule[0]}, left ${rule[1]}`);
    const sides = await page.evaluate(() => {
      const quote = document.querySelector('.response');
      const r = quote.getBoundingClientRect();
      const column = quote.parentElement.getBoundingClientRect();
      return Math.abs(r.right - column.right) < 1;
    });
    checks.ok(sides, 'the quote starts at the right edge of its column');
    await page.click('nav.languages a[hreflang="en"]');
    checks.eq(new URL(page.url()).pathname, '/briefs/troops-clash/', 'the switcher leads to the English brief');
    checks.eq(await page.evaluate(() => document.documentElement.dir), 'ltr', 'the English page is left to right');
    await page.click('nav.languages a[hreflang="ar"]');
    checks.eq(new URL(page.url()).pathname, '/ar/briefs/troops-clash/', 'and back to the Arabic one');
    checks.eq(page.problems.length, 0, `failed requests or console errors: ${page.problems.join('; ')}`);
  } finally {
    await page.closeAll();
    await server.close();
  }
}
