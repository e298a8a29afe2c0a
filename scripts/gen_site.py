#!/usr/bin/env python3
"""Writes a generated briefs site for validation: N briefs, experts, topics, kinds,
pagination, drafts, plain pages, and front-matter values full of characters that
must be escaped (&, <, >, quotes, ]]>, emoji, right-to-left text) and C0 control
characters that XML 1.0 forbids (which feeds must drop); and publication metadata:
an organisation block, ORCIDs, lead images and PDFs beside briefs or under
static/, DOIs, report numbers and series, and unsigned briefs.

usage: gen_site.py N OUT_DIR
"""
import base64, os, random, sys

PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"

HAZARDS = ['Tom & Jerry <script>alert(1)</script>', '"Quoted" \'single\'', 'CDATA ]]> end',
           'Emoji 🛰️ and العربية and עברית', '<b>bold?</b> & more', 'Control \x01 and \x1b chars']

def w(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)

def wb(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)

def publication(out, i):
    """Front-matter lines for brief i's image, PDF, DOI, number, series."""
    lines, folder = [], f"{out}/content/briefs/{2010 + i % 14}"
    if i % 7 == 0:
        wb(f"{folder}/lead-{i}.png", PNG)
        lines += ["image:", f"  src: lead-{i}.png", f"  alt: {q('Lead image & <alt> ' + str(i))}",
                  f"  caption: {q(HAZARDS[i % len(HAZARDS)])}", "  credit: \"Photo: GTI\""]
    elif i % 7 == 3:
        lines += ["image:", "  src: /images/shared.png", "  alt: \"A shared image\""]
    if i % 11 == 0:
        wb(f"{folder}/brief-{i}.pdf", PDF + b"%" + b"x" * (i * 37) + b"\n")
        lines.append(f"pdf: brief-{i}.pdf")
    elif i % 11 == 5:
        lines.append("pdf: /files/shared.pdf")
    if i % 5 == 0:
        lines.append(f"doi: 10.5555/gti.{i}")
    if i % 6 == 0:
        lines += [f"number: \"GTI-{i}\"", f"series: {q('Series & <' + str(i % 3) + '>')}"]
    return lines

def q(s):
    """A YAML double-quoted string; control characters as \\x escapes."""
    s = s.replace('\\', '\\\\').replace('"', '\\"')
    return '"' + ''.join(f'\\x{ord(c):02x}' if ord(c) < 0x20 else c for c in s) + '"'

def main(n, out):
    r = random.Random(1)
    w(f"{out}/site.yaml", "title: \"Generated & <Tested> Institute\"\nbase_url: https://gen.example.org/sub/\n"
      "organisation:\n  name: GTI\n  full_name: \"Generated & <Tested> Institute\"\n  place: \"Wash & <DC>\"\n"
      "  logo: /images/shared.png\nsocial_image: /images/shared.png\nx_handle: \"@gti_test\"\n"
      "schema_types:\n  Analysis: AnalysisNewsArticle\n"
      "paginate: 7\ndescription: \"Briefs & quotes <for> validation\"\n"
      "feed:\n  footer: \"The post {title} appeared first on {site}.\"\n")
    wb(f"{out}/static/images/shared.png", PNG)
    wb(f"{out}/static/files/shared.pdf", PDF)
    experts = [f"expert-{i}" for i in range(15)]
    for i, e in enumerate(experts):
        name = HAZARDS[i % len(HAZARDS)] if i < 3 else f"Expert Number{i}"
        w(f"{out}/content/experts/{e}.md", f"---\nname: {q(name)}\nrole: {q(HAZARDS[(i+1) % len(HAZARDS)])}\n"
          + ("orcid: 0000-0002-1825-0097\n" if i % 4 == 0 else "")
          + f"links:\n  Site: https://example.org/{e}?a=1&b=2\n---\nBio with *Markdown* & {i}.\n")
    topics = [f"Topic {i}" for i in range(6)] + ["Café & Crème"]
    for i in range(n):
        title = HAZARDS[(i // 10) % len(HAZARDS)] + f" #{i}" if i % 10 == 0 else f"Brief number {i}"
        fm = [f"title: {q(title)}", f"date: 20{10 + i % 14:02d}-{1 + i % 12:02d}-{1 + i % 28:02d}",
              f"kind: {q(['Flash Brief', 'Analysis', 'Memo'][i % 3])}",
              "topics: [" + ", ".join(q(t) for t in r.sample(topics, 2)) + "]",
              f"authors: [{r.choice(experts)}]" if i % 9 else "authors: []"] + publication(out, i) + ["responses:"]
        for e in r.sample(experts, 2):
            fm += [f"  - expert: {e}", f"    quote: {q('Quote ' + HAZARDS[i % len(HAZARDS)])}"]
        fm += ["related:", f"  - title: {q('Related & <piece>')}", f"    by: [{r.choice(experts)}]",
               "    url: https://example.org/x?y=1&z=2", "  - title: \"Internal\"", "    brief: brief-0"]
        if i % 50 == 49:
            fm.append("draft: true")
        body = f"## Latest Developments\n\n- **Lead {i}:** text with a [link](https://example.org/) & more.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nFootnote[^1].\n\n[^1]: The note.\n"
        w(f"{out}/content/briefs/{2010 + i % 14}/brief-{i}.md", "---\n" + "\n".join(fm) + "\n---\n" + body)
    w(f"{out}/content/pages/about.md", "---\ntitle: \"About & <us>\"\n---\nAbout text.\n")

if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
