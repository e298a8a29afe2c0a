// Runs every tests/browser/*.test.mjs against built sites. Usage:
//   node tests/browser/run.mjs DEMO_DIR GEN_DIR [NAME_FILTER]
// DEMO_DIR is the demo site built with base_url http://127.0.0.1/ (any host; the
// server maps it), GEN_DIR a generated site. Each test module exports
// `default async function (ctx, checks)`; ctx = { demo, gen, i18n, browser, lib },
// where i18n is the English and Arabic fixture built (env I18N_DIR).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as lib from './lib.mjs';

const [demo, gen, filter = ''] = process.argv.slice(2);
if (!demo || !gen) { console.error('usage: run.mjs DEMO_DIR GEN_DIR [FILTER]'); process.exit(2); }
const here = path.dirname(fileURLToPath(import.meta.url));
const files = fs.readdirSync(here).filter((f) => f.endsWith('.test.mjs') && f.includes(filter)).sort();
const browser = await lib.launch();
let failed = 0;
for (const file of files) {
  const checks = new lib.Checks(file);
  const started = Date.now();
  try {
    const mod = await import(path.join(here, file));
    await mod.default({ demo, gen, i18n: process.env.I18N_DIR, browser, lib }, checks);
  } catch (e) {
    checks.failures.push(`threw: ${e.stack || e}`);
  }
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (checks.failures.length) {
    failed++;
    console.log(`FAIL ${file} (${checks.count} checks, ${secs} s)`);
    for (const f of checks.failures) console.log(`  - ${f}`);
  } else {
    console.log(`ok   ${file} (${checks.count} checks, ${secs} s)`);
  }
}
await browser.close();
if (failed) { console.log(`${failed} of ${files.length} browser test files failed`); process.exit(1); }
console.log(`browser tests: ${files.length} files passed`);
