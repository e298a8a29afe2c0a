// briefs: the /search/ page. Loads the Pagefind bundle the build wrote (its
// folder is the page's data-bundle), runs the search in the box (and the
// ?q= of the address on load), with filters (kind, topic, expert, year) and
// a sort by date. Values from the index are put in with textContent; only
// Pagefind's excerpt (text escaped by Pagefind, words marked with <mark>)
// is HTML. Its words are the theme's in the page's language: the page's
// data-words (every translation key starting `search_`), English when a
// word is missing.
const root = document.getElementById('search');
const ENGLISH = {
  search_filter_kind: 'Kind',
  search_filter_topic: 'Topic',
  search_filter_expert: 'Expert',
  search_filter_year: 'Year',
  search_results_one: '{n} result',
  search_results_other: '{n} results',
  search_for: ' for “{term}”',
  search_failed: 'Search could not load. Browse the topics or the experts instead.',
};
const WORDS = { ...ENGLISH, ...readWords() };
const FILTERS = ['kind', 'topic', 'expert', 'year'].map((key) => [key, WORDS[`search_filter_${key}`]]);
const PAGE = 20;

function readWords() {
  try {
    return JSON.parse(root?.dataset.words || '{}');
  } catch {
    return {};
  }
}

// "3 results": the count's plural form in the page's language (CLDR's
// categories, as the translation files name them).
function resultCount(n) {
  let category = 'other';
  try {
    category = new Intl.PluralRules(document.documentElement.lang || 'en').select(n);
  } catch {
    category = n === 1 ? 'one' : 'other';
  }
  const text = WORDS[`search_results_${category}`] || WORDS.search_results_other;
  return text.replace('{n}', String(n));
}

function el(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

function filterGroups(all) {
  const box = document.getElementById('search-filters');
  for (const [key, label] of FILTERS) {
    const values = Object.entries(all[key] || {});
    if (!values.length) continue;
    if (key === 'year') values.sort((a, b) => b[0].localeCompare(a[0]));
    else values.sort((a, b) => a[0].localeCompare(b[0]));
    const fieldset = el('fieldset', {}, el('legend', { className: 'visually-hidden', textContent: label }));
    values.forEach(([value, count], i) => {
      const id = `filter-${key}-${i}`;
      const input = el('input', { type: 'checkbox', id, value });
      input.dataset.filter = key;
      fieldset.append(el('div', {}, input, ' ', el('label', { htmlFor: id, textContent: `${value} (${count})` })));
    });
    box.append(el('details', {}, el('summary', { textContent: label }), fieldset));
  }
}

function chosenFilters() {
  const filters = {};
  for (const input of document.querySelectorAll('#search-filters input:checked')) {
    (filters[input.dataset.filter] ||= []).push(input.value);
  }
  for (const key of Object.keys(filters)) filters[key] = { any: filters[key] };
  return filters;
}

function excerpt(html) {
  const p = el('p', { className: 'excerpt' });
  p.innerHTML = html;
  return p;
}

// A brief's matches under its anchored headings (each expert response has
// one) are listed under it, each linking to its anchor.
function subResults(data) {
  const subs = (data.sub_results || []).filter((s) => s.url !== data.url && s.url.includes('#')).slice(0, 3);
  if (!subs.length) return null;
  return el('ul', { className: 'sub-results' }, ...subs.map((s) =>
    el('li', {}, el('a', { href: s.url, textContent: s.title }), excerpt(s.excerpt))));
}

function resultItem(data) {
  const meta = data.meta || {};
  const img = meta.image ? el('img', { src: meta.image, alt: meta.image_alt || '', loading: 'lazy' }) : null;
  const facts = el('p', { className: 'meta' }, el('span', { className: 'kind', textContent: meta.kind || '' }));
  if (meta.date) facts.append(' · ', el('span', { className: 'date', textContent: meta.date }));
  const title = el('h2', {}, el('a', { href: data.url, textContent: meta.title || data.url }));
  return el('li', { className: 'search-result' }, img, facts, title, excerpt(data.excerpt), subResults(data));
}

async function start() {
  const pagefind = await import(`${root.dataset.bundle}pagefind.js`);
  await pagefind.options({ excerptLength: 30 });
  root.hidden = false;
  const form = document.getElementById('search-form');
  const input = document.getElementById('search-q');
  const sort = document.getElementById('search-sort');
  const status = document.getElementById('search-status');
  const list = document.getElementById('search-results');
  const more = document.getElementById('search-more');
  filterGroups(await pagefind.filters());
  let results = [];
  let shown = 0;
  let run = 0;

  async function showMore() {
    const next = results.slice(shown, shown + PAGE);
    shown += next.length;
    const data = await Promise.all(next.map((r) => r.data()));
    list.append(...data.map(resultItem));
    more.hidden = shown >= results.length;
  }

  async function search() {
    const mine = ++run;
    const term = input.value.trim();
    const filters = chosenFilters();
    const params = new URLSearchParams(location.search);
    if (term) params.set('q', term); else params.delete('q');
    history.replaceState(null, '', `${location.pathname}${params.size ? `?${params}` : ''}`);
    if (!term && !Object.keys(filters).length) {
      list.replaceChildren();
      status.textContent = '';
      more.hidden = true;
      return;
    }
    const options = { filters };
    if (sort.value) {
      const [key, direction] = sort.value.split(':');
      options.sort = { [key]: direction };
    }
    const found = await pagefind.search(term || null, options);
    if (mine !== run) return;
    results = found.results;
    shown = 0;
    list.replaceChildren();
    const what = term ? WORDS.search_for.replace('{term}', () => term) : '';
    status.textContent = `${resultCount(results.length)}${what}`;
    await showMore();
  }

  form.addEventListener('submit', (e) => { e.preventDefault(); search(); });
  let timer;
  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(search, 250); });
  sort.addEventListener('change', search);
  document.getElementById('search-filters').addEventListener('change', search);
  more.addEventListener('click', showMore);
  input.value = new URLSearchParams(location.search).get('q') || '';
  if (input.value) await search();
  document.body.dataset.search = 'ready';
}

if (root) {
  start().catch((e) => {
    const status = document.getElementById('search-status');
    root.hidden = false;
    status.textContent = WORDS.search_failed;
    console.error(e);
  });
}
