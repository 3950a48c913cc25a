#!/bin/bash
# report: hostile text (a source with <script>, an outlet name with markup, formula-looking text
# and notes, Markdown table pipes) comes out inert in every format: no markup but ours in HTML,
# "</" never raw inside the JSON-LD script, CSV formula cells prefixed with an apostrophe,
# Markdown pipes and markup escaped, JSON valid and holding the exact text.
. "$(dirname "$0")/lib.sh"

new_desk desk
cd desk
outlet='<b>"Evil" & Co</b>'
url="https://evil.example/a?x=1&y='2'"
expect_ok ct config name '<i>Desk</i> | =1+1'
expect_ok ct config organisation.name '</script><script>alert(3)</script>'
expect_ok ct add --id evil --outlet "$outlet" --url "$url" --published 2025-03-03 "$FIXTURES/hostile.txt"
expect_ok ct add --id good --outlet "Good | News" --published 2025-03-04 "$FIXTURES/hostile-other.txt"
expect_ok ct claims --json
cp "$OUT" ../claims.json
id_of() {
	json_eval ../claims.json "[c['id'] for c in d if c['source'] == '$1' and '$2' in c['text']]"
}
script=$(id_of evil "<script>")
formula=$(id_of evil "=HYPERLINK")
plus=$(id_of evil "+1 more")
minus=$(id_of evil "-1 percent")
at=$(id_of evil "@SUM")
gscript=$(id_of good "12 million")
glink=$(id_of good "4,000")
for v in "$script" "$formula" "$plus" "$minus" "$at" "$gscript" "$glink"; do
	[ ${#v} -eq 16 ] || fail "claim ids: $script $formula $plus $minus $at $gscript $glink"
done
GIT_AUTHOR_NAME='+Eve & <Co>' expect_fail 3 ct review "$script" --verdict unverifiable
expect_ok ct review "$script" --verdict corroborated -e "$gscript" --note '</script><script>alert(2)</script> | x |'
expect_ok ct review "$formula" --verdict contradicted -e "$glink" --note '=HYPERLINK("http://evil.example","x")'
expect_ok ct review "$plus" --verdict unverifiable --note '+1'
expect_ok ct review "$minus" --verdict unverifiable --note '-1'
GIT_AUTHOR_NAME='@SUM(1) Reviewer' expect_ok ct review "$at" --verdict unverifiable --note '@SUM(A1:A9)'

for f in md html json jsonld csv; do
	expect_ok ct report --format $f -o ../r.$f
done

# HTML: only our elements; the one script is the JSON-LD, which holds no raw '<'.
python3 - ../r.html <<'PY' || fail "HTML is not inert"
import html.parser, json, re, sys
text = open(sys.argv[1], encoding="utf-8").read()
allowed = {"html", "head", "meta", "title", "style", "script", "body", "header", "nav", "ul", "li", "a", "main",
           "section", "h1", "h2", "h3", "p", "table", "caption", "thead", "tbody", "tr", "th", "td", "span",
           "figure", "figcaption", "svg", "desc", "g", "rect", "text", "article", "blockquote", "q", "code",
           "strong", "time", "footer"}
class P(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.scripts, self.data, self.in_script = [], [], [], False
    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "script":
            self.scripts.append(dict(attrs))
            self.in_script = True
        for k, v in attrs:
            assert not k.startswith("on"), "event handler attribute " + k
            assert k != "href" or v.startswith("#") or v.startswith("https://"), "href " + v
    def handle_endtag(self, tag):
        self.in_script = False
    def handle_data(self, d):
        if self.in_script:
            self.data.append(d)
p = P()
p.feed(text)
bad = set(p.tags) - allowed
assert not bad, "unexpected elements: %s" % bad
assert p.scripts == [{"type": "application/ld+json"}], p.scripts
ld = "".join(p.data)
assert "<" not in ld, "raw < in the JSON-LD"
items = json.loads(ld)
assert any(i["itemReviewed"]["author"]["name"] == '<b>"Evil" & Co</b>' for i in items)
assert any(i["author"]["name"] == "</script><script>alert(3)</script>" for i in items)
assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
assert "&lt;b&gt;&quot;Evil&quot; &amp; Co&lt;/b&gt;" in text
assert 'href="https://evil.example/a?x=1&amp;y=%272%27"' in text
PY

# CSV: RFC 4180 records; no cell a spreadsheet would run; the hostile cells kept, prefixed.
python3 - ../r.csv <<'PY' || fail "CSV is not inert"
import csv, sys
raw = open(sys.argv[1], "rb").read()
assert raw.endswith(b"\r\n")
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
assert all(len(r) == len(rows[0]) for r in rows), "ragged rows"
cells = [c for r in rows for c in r]
assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")], "formula cells"
for want in ("'=HYPERLINK(", "'+1 more", "'-1 percent", "'@SUM(A1:A9) crowns", "'=HYPERLINK(\"http://evil.example\",\"x\")",
             "'+1", "'-1", "'@SUM(A1:A9)", "'@SUM(1) Reviewer: unverifiable"):
    assert any(c.startswith(want) for c in cells), "missing " + want
assert '<b>"Evil" & Co</b>' in cells
PY
grep -q $'[^\r]$' ../r.csv && fail "CSV lines must end with CRLF"

# Markdown: table rows keep their column count; no unescaped markup or emphasis from the text.
python3 - ../r.md <<'PY' || fail "Markdown is not inert"
import re, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
cols = None
for line in lines:
    if line.startswith("|"):
        n = len(re.findall(r"(?<!\\)\|", line))
        if cols is None:
            cols = n
        assert n == cols, "pipes not escaped: " + line
    else:
        cols = None
    for m in re.finditer(r"(?<!\\)<", line):
        assert line[m.start():].startswith("<https://"), "raw < in: " + line
    assert not re.search(r"(?<!\\)[*_`]{1}(?=\w)", re.sub(r"`[0-9a-f]{16}`|`[0-9a-f]{12}`|`[0-9a-f]{40}`|\*\*\w+\*\*", "", line)), "markup in: " + line
text = "\n".join(lines)
assert r"\<script\>alert(1)\</script\>" in text
assert r"\| pipe \|" in text
assert r"\<b\>\"Evil\" \& Co\</b\>" in text or r'\<b\>"Evil" \& Co\</b\>' in text
PY

# JSON and JSON-LD: valid, and the exact text survives.
json_assert ../r.json "[s['outlet'] for s in d['sources'] if s['id'] == 'evil'] == ['''$outlet'''] and
	[r['note'] for c in d['claims'] if c['id'] == '$script' for r in c['reviews']] == ['</script><script>alert(2)</script> | x |'] and
	d['desk']['name'] == '<i>Desk</i> | =1+1'" "JSON holds the exact text"
json_assert ../r.jsonld "len(d) == 5 and all(len(x['claimReviewed']) < 75 for x in d) and
	[x['claimReviewed'] for x in d if x['url'] == \"\"\"$url\"\"\"][0].startswith('The council paid 12 million crowns for <script>')" "JSON-LD"
grep -q '<' ../r.jsonld && fail "raw < in the JSON-LD file"
assert_clean
