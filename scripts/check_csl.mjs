// Reads every cite.json of built sites with Citation.js (@citation-js/core
// with @citation-js/plugin-csl, from .tools/node_modules), renders it in
// APA, and checks that the rendering names the same authors, year, title
// and publisher as the APA text on the brief's page (#cite-apa), which
// briefs formatted with another CSL processor (hayagriva).
// usage: node scripts/check_csl.mjs SITE_DIR...
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const require = createRequire(new URL('../.tools/node_modules/', import.meta.url));
const { Cite } = require('@citation-js/core');
require('@citation-js/plugin-csl');

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" };
const text = (html) => html.replace(/<[^>]*>/g, '')
  .replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (m, e) => {
    if (ENTITIES[e.toLowerCase()] !== undefined) return ENTITIES[e.toLowerCase()];
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return m;
  })
  .replace(/\s+/g, ' ').trim();
// Styles move punctuation into quotes and change case: compare letters and digits.
const fold = (s) => ` ${s.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;

function check(folder) {
  const items = JSON.parse(fs.readFileSync(path.join(folder, 'cite.json'), 'utf8'));
  const page = fs.readFileSync(path.join(folder, 'index.html'), 'utf8');
  const found = page.match(/<dd class="citation" id="cite-apa">([\s\S]*?)<\/dd>/);
  if (!found) throw new Error(`${folder}: no APA citation on the page`);
  const ours = fold(text(found[1]));
  const theirs = fold(new Cite(items).format('bibliography', { format: 'text', template: 'apa', lang: 'en-US' }));
  const item = items[0];
  const want = [
    ...item.author.map((a) => a.family ?? a.literal),
    String(item.issued['date-parts'][0][0]),
    item.title,
    item.publisher,
  ];
  for (const w of want) {
    const f = fold(w);
    if (!ours.includes(f)) throw new Error(`${folder}: the page's APA text lacks ${JSON.stringify(w)}:\n  ${ours}`);
    // CSL-JSON text may hold rich-text markup (<i>, <b>, <sc>, <sup>, <sub>,
    // <span>), which Citation.js renders as formatting, not as text, and it
    // wraps other tag-like text in markup of its own: every word must be there.
    const g = fold(w.replace(/<\/?(i|b|sc|sup|sub|span)(\s[^>]*)?>/g, ''));
    if (!g.trim().split(' ').every((word) => theirs.includes(` ${word} `))) throw new Error(`${folder}: Citation.js's APA lacks ${JSON.stringify(w)}:\n  ${theirs}`);
  }
}

for (const root of process.argv.slice(2)) {
  const base = path.join(root, 'briefs');
  let n = 0;
  for (const slug of fs.readdirSync(base).sort()) {
    const folder = path.join(base, slug);
    if (fs.existsSync(path.join(folder, 'cite.json'))) {
      check(folder);
      n += 1;
    }
  }
  if (n === 0) throw new Error(`${root}: no cite.json found`);
  console.log(`Citation.js: ${root}: ${n} cite.json read, APA agrees with the page`);
}
