#!/usr/bin/env python3
"""Scores `claimtrack match` on a story's answer key (examples/story/README.md,
tests/fixtures/story2/README.md): adds each outlet's text to a new desk (outlets given as
--outlet ID=YYYY-MM-DD, the file being DIR/ID.txt), runs match, and maps the claims back to the
key's sentences (by their text, white space folded). Then:
  recall     fact pairs (two outlets' sentences listed under one fact, both extracted as claims)
             aligned by match (corroborates or contradicts)
  precision  alignments between listed sentences that share a fact / all alignments between
             listed sentences
  flagged    planted errors whose pair is aligned as contradicts with a span of the error
  false      contradictions between outlets without planted errors
  deps       the key's copies (`X <- Y`) found as dependent_on, and dependences it does not list
             (a dependence between siblings, `X ~ Y`, two copies of one original, is accepted)
With --check recall=R precision=P flagged=N false=N deps=1 copies=N extra=N, exits 1 when a floor
is crossed (deps=1: exactly the key's copies, siblings aside; copies=N: at least N of them found;
extra=N: at most N dependences the key does not list).
--list prints the contradictions between outlets without planted errors, with their signals.
--deps prints, for each pair of outlets, the claims aligned at 0.7 or more in any order (counted
on the side with fewer) against the smaller outlet's claims: the coverage the dependence rules
compare with their thresholds (src/align/match.c).
Usage: match_story.py CLAIMTRACK DIR KEY --outlet ID=DATE... [--deps] [--list] [--check ...]"""
import itertools, json, os, re, subprocess, sys, tempfile


def run(ct, desk, *args):
    out = subprocess.run([ct, '-C', desk] + list(args), capture_output=True, text=True)
    if out.returncode:
        sys.exit('%s failed: %s' % (' '.join(args), out.stderr))
    return out.stdout


def norm(s):
    return ' '.join(s.replace('\u201c', '"').replace('\u201d', '"').replace('\u2019', "'").split())


def main():
    ct, story, key_path = sys.argv[1:4]
    outlets = [a.split('=', 1) for a in sys.argv[4:] if re.match(r'^[a-z0-9-]+=\d{4}-\d\d-\d\d$', a)]
    key = open(key_path, encoding='utf-8').read()
    facts = re.findall(r'^### (F\d+):.*?\n(.*?)(?=^### |^## |\Z)', key, re.S | re.M)
    errors = re.findall(r'^### (E\d+).*?\n(.*?)(?=^### |^## |\Z)', key, re.S | re.M)
    planted = {dict(re.findall(r'^- ([a-z_]+): (.*)$', body, re.M)).get('outlet') for _, body in errors}
    copies = set(re.findall(r'([a-z0-9-]+) <- ([a-z0-9-]+)', key))
    # Siblings (`X ~ Y`: two copies of one original): a dependence between them either way is
    # accepted, not required.
    siblings = {p for x, y in re.findall(r'([a-z0-9-]+) ~ ([a-z0-9-]+)', key) for p in ((x, y), (y, x))}

    desk = tempfile.mkdtemp(prefix='ct-match-')
    run(ct, desk, 'init')
    for oid, date in outlets:
        run(ct, desk, 'add', '--id', oid, '--outlet', oid, '--published', date, os.path.join(os.path.abspath(story), oid + ".txt"))
    aligns = json.loads(run(ct, desk, 'match', '--json'))
    claims = json.loads(run(ct, desk, 'claims', '--json'))
    sources = json.loads(run(ct, desk, 'sources', '--json'))
    subprocess.run(['rm', '-rf', desk])

    by_text = {}
    for c in claims:
        by_text.setdefault((c['source'], norm(c['text'])), c['id'])

    def claim_of(outlet, text):
        t = norm(text)
        if (outlet, t) in by_text:
            return by_text[(outlet, t)]
        for (o, ct_text), cid in by_text.items():
            if o == outlet and len(ct_text) >= 30 and (ct_text in t or t in ct_text):
                return cid
        return None

    facts_of, fact_pairs, listed = {}, [], set()
    for fid, body in facts:
        lines = [(o, claim_of(o, t)) for o, t in re.findall(r'^- ([a-z0-9-]+): (.*)$', body, re.M)]
        for o, cid in lines:
            if cid:
                facts_of.setdefault(cid, set()).add(fid)
                listed.add(cid)
        for (oa, ca), (ob, cb) in itertools.combinations(lines, 2):
            if oa != ob:
                fact_pairs.append((ca, cb))
    pair = {}
    for a in aligns:
        pair[frozenset(a['claims'])] = a
    same = ('corroborates', 'contradicts')
    mapped = [(a, b) for a, b in fact_pairs if a and b]
    aligned = sum(1 for a, b in mapped if pair.get(frozenset((a, b)), {}).get('relation') in same)
    right = wrong = 0
    for a in aligns:
        x, y = a['claims']
        if a['relation'] not in same or x not in listed or y not in listed:
            continue
        if facts_of[x] & facts_of[y]:
            right += 1
        else:
            wrong += 1
    false_contra = sum(1 for a in aligns if a['relation'] == 'contradicts' and not set(a['sources']) & planted)
    if '--list' in sys.argv:
        text_of = {c['id']: c['text'] for c in claims}
        for a in aligns:
            if a['relation'] == 'contradicts' and not set(a['sources']) & planted:
                print('false %.3f %s\n  %s: %s\n  %s: %s' % (a['score'], a['signals'], a['sources'][0],
                      text_of[a['claims'][0]], a['sources'][1], text_of[a['claims'][1]]))
    flagged = nerr = 0
    overlaps = lambda s, t: bool(s) and bool(t) and (s in t or t in s)
    for eid, body in errors:
        kv = dict(re.findall(r'^- ([a-z_]+): (.*)$', body, re.M))
        if 'error_sentence' not in kv:
            continue
        nerr += 1
        # "source: wire-service (harbour-herald: ...)": the outlet is the first word, a note may follow
        source = (kv.get('source', '').split() or [''])[0]
        ea, ca = claim_of(kv['outlet'], kv['error_sentence']), claim_of(source, kv['correct_sentence'])
        a = pair.get(frozenset((ea, ca))) if ea and ca else None
        hit = False
        if a and a['relation'] == 'contradicts':
            spans = [(s['a'], s['b']) if a['claims'][0] == ca else (s['b'], s['a']) for s in a['signals']]
            hit = any(overlaps(e, kv.get('error_span', '')) or overlaps(c, kv.get('correct_span', '')) for c, e in spans)
        flagged += hit
        print('%s %-22s %s' % (eid, kv.get('kind', '?'), a['relation'] if a else ('not aligned' if ea and ca else 'not a claim')))
    found = {(s['id'], d) for s in sources for d in s.get('dependent_on', [])}
    if '--deps' in sys.argv:
        source_of = {c['id']: c['source'] for c in claims}
        nclaims = {}
        for c in claims:
            nclaims[c['source']] = nclaims.get(c['source'], 0) + 1
        sides = {}
        for a in aligns:
            if a['relation'] in same and a['score'] >= 0.7:
                x, y = sorted(a['claims'], key=lambda c: source_of[c])
                key = (source_of[x], source_of[y])
                sides.setdefault(key, (set(), set()))
                sides[key][0].add(x)
                sides[key][1].add(y)
        for (sx, sy), (cx, cy) in sorted(sides.items()):
            smaller = min(nclaims[sx], nclaims[sy])
            cover = min(len(cx), len(cy))
            print('deps %s %s: %d of %d claims aligned at 0.7 (%.2f)' % (sx, sy, cover, smaller, cover / smaller))
    recall = aligned / max(len(mapped), 1)
    precision = right / max(right + wrong, 1)
    print('fact pairs with both sentences extracted: %d of %d' % (len(mapped), len(fact_pairs)))
    print('fact pairs aligned: %d/%d (recall %.2f)' % (aligned, len(mapped), recall))
    print('alignments between listed sentences: %d right, %d sharing no fact (precision %.2f)' % (right, wrong, precision))
    print('planted errors flagged with their spans: %d/%d' % (flagged, nerr))
    print('contradictions between outlets without planted errors: %d' % false_contra)
    print('copies recognised: %d/%d %s; other dependences: %s; between siblings: %s' % (
        len(copies & found), len(copies), sorted(copies & found), sorted(found - copies - siblings),
        sorted(found & siblings)))
    if '--check' in sys.argv:
        floors = dict(a.split('=') for a in sys.argv[sys.argv.index('--check'):] if '=' in a)
        ok = (recall >= float(floors.get('recall', 0)) and precision >= float(floors.get('precision', 0)) and
              flagged >= int(floors.get('flagged', 0)) and false_contra <= int(floors.get('false', 10**9)) and
              (floors.get('deps') != '1' or found - siblings == copies) and
              len(copies & found) >= int(floors.get('copies', 0)) and
              len(found - copies - siblings) <= int(floors.get('extra', 10**9)))
        sys.exit(0 if ok else 1)


if __name__ == '__main__':
    main()
