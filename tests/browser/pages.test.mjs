// Every page type of the demo and the generated site, in Chromium: zero axe-core
// violations, no failed request or console error, no horizontal scrolling at 320 px.
// The generated site's base_url has the path /sub/, so it is served there.
export default async function ({ demo, gen, browser, lib }, checks) {
  const sites = [
    { name: 'demo', dir: demo, prefix: '/', pages: ['', 'briefs/north-korean-and-ukrainian-troops-clash/', 'kinds/flash-brief/', 'topics/russia/', 'experts/', 'experts/mark-montgomery/', 'topics/', 'about/', 'no-such-page/'] },
    { name: 'gen', dir: gen, prefix: '/sub/', pages: ['', 'page/2/', 'experts/', 'topics/'] },
  ];
  for (const site of sites) {
    const server = await lib.serve(site.dir, site.prefix);
    try {
      for (const rel of site.pages) {
        for (const width of [320, 1280]) {
          const page = await lib.open(browser, { width });
          await page.goto(server.base + rel);
          const where = `${site.name} /${rel} at ${width} px`;
          const violations = await lib.axe(page);
          checks.ok(violations.length === 0, `${where}: axe ${JSON.stringify(violations)}`);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          checks.ok(overflow <= 0, `${where}: scrolls ${overflow} px sideways`);
          const problems = page.problems.filter((p) => !(rel === 'no-such-page/' && p.includes('/no-such-page/')));
          checks.ok(problems.length === 0, `${where}: ${problems.join('; ')}`);
          await page.closeAll();
        }
      }
    } finally { await server.close(); }
  }
}
