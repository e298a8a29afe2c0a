// Search on the demo site, built with a base_url that has a path (/docs/) and
// served from there by a plain static file server: /search/?q= runs on load
// and finds the sample brief by a word of its body, an expert's page by his
// name and one quote's anchor by a phrase of it; a topic filter narrows the
// results; the masthead form submits to the search page; axe-core finds no
// violations with results shown. The demo is built here, by the release
// binary (BRIEFS_BIN to use another).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function results(page) {
  await page.waitForFunction(() => document.body.dataset.search === 'ready', null, { timeout: 20000 });
  return page.$$eval('#search-results > li', (items) => items.map((li) => ({
    href: li.querySelector('h2 a').getAttribute('href'),
    title: li.querySelector('h2 a').textContent,
    kind: li.querySelector('.kind').textContent,
    marked: li.querySelectorAll('.excerpt mark').length,
    subs: [...li.querySelectorAll('.sub-results a')].map((a) => ({ href: a.getAttribute('href'), title: a.textContent })),
  })));
}

export default async function ({ browser, lib }, checks) {
  const bin = process.env.BRIEFS_BIN || path.join(repo, 'target/release/briefs');
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'briefs-search-'));
  const server = await lib.serve(out, '/docs/');
  try {
    execFileSync(bin, ['build', '--root', repo, '--output', out, '--force', '--base-url', 'http://127.0.0.1/docs/']);
    const open = async (query) => {
      const page = await lib.open(browser);
      await page.goto(`${server.base}search/?q=${encodeURIComponent(query)}`);
      return page;
    };

    let page = await open('Kursk');
    let found = await results(page);
    checks.ok(found.some((r) => r.href === '/docs/briefs/north-korean-and-ukrainian-troops-clash/' && r.kind === 'Flash Brief'),
      `"Kursk" finds the sample brief: ${JSON.stringify(found)}`);
    checks.ok(found.every((r) => r.marked > 0), `"Kursk" is marked in every excerpt: ${JSON.stringify(found)}`);
    const violations = await lib.axe(page);
    checks.ok(violations.length === 0, `axe on /search/?q=Kursk: ${JSON.stringify(violations)}`);
    checks.ok(page.problems.length === 0, `/search/?q=Kursk: ${page.problems.join('; ')}`);
    await page.closeAll();

    page = await open('Mark Montgomery');
    found = await results(page);
    checks.ok(found.some((r) => r.href === '/docs/experts/mark-montgomery/' && r.kind === 'Expert'),
      `"Mark Montgomery" finds his page: ${JSON.stringify(found)}`);
    await page.closeAll();

    page = await open('human cannon fodder');
    found = await results(page);
    const quote = (found[0]?.subs || [])[0] || {};
    checks.eq(quote.href, '/docs/briefs/north-korean-and-ukrainian-troops-clash/#response-clifford-d-may',
      'the first result for a phrase of his quote leads to Clifford D. May\'s response');
    checks.ok((quote.title || '').includes('Clifford D. May'), `the quote's result names him: ${JSON.stringify(found)}`);
    await page.goto(server.origin + quote.href);
    checks.ok(await page.$('#response-clifford-d-may') !== null, 'the anchor is on the brief page');
    await page.closeAll();

    page = await open('Russia');
    const all = await results(page);
    await page.click('summary:text("Topic")');
    await page.check('#search-filters input[data-filter="topic"][value="North Korea"]');
    await page.waitForFunction((n) => document.querySelectorAll('#search-results > li').length < n, all.length, { timeout: 10000 });
    const narrowed = await results(page);
    checks.ok(narrowed.length > 0 && narrowed.length < all.length,
      `the topic filter narrows the results: ${all.length} -> ${narrowed.length}`);
    checks.ok(!narrowed.some((r) => r.href.includes('/experts/')), 'expert pages (no topic) are filtered out');
    await page.closeAll();

    page = await lib.open(browser);
    await page.goto(`${server.base}briefs/north-korean-and-ukrainian-troops-clash/`);
    await page.fill('#site-search-q', 'Kursk');
    await Promise.all([page.waitForURL(/\/docs\/search\/\?q=Kursk$/), page.press('#site-search-q', 'Enter')]);
    found = await results(page);
    checks.ok(found.length > 0, 'the masthead form leads to results on the search page');
    checks.ok(page.problems.length === 0, `masthead search: ${page.problems.join('; ')}`);
    await page.closeAll();
  } finally {
    await server.close();
    fs.rmSync(out, { recursive: true, force: true });
  }
}
