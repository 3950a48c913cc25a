#!/usr/bin/env python3
"""Scores `claimtrack compare` on the answer key of a story (examples/story/README.md,
tests/fixtures/story2/README.md):
every pair of outlets' sentences stating one fact should align (corroborate or contradict), the
pairs with a planted error should contradict with a signal of the planted kind, and outlets
without planted errors should not contradict each other. Prints the figures; with --check,
exits 1 when they fall below the floors given. --published DATE anchors weekdays (default
2025-10-15, the example story's)."""
import itertools, json, re, subprocess, sys

PUBLISHED = '2025-10-15'

def compare(ct, a, b):
    out = subprocess.run([ct, 'compare', '--published', PUBLISHED, '--json', a, b],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)

def main():
    global PUBLISHED
    ct, key_path = sys.argv[1], sys.argv[2]
    if '--published' in sys.argv:
        PUBLISHED = sys.argv[sys.argv.index('--published') + 1]
    key = open(key_path, encoding='utf-8').read()
    facts = re.findall(r'^### (F\d+):.*?\n(.*?)(?=^### |^## |\Z)', key, re.S | re.M)
    errors = re.findall(r'^### (E\d+).*?\n(.*?)(?=^### |^## |\Z)', key, re.S | re.M)
    # The outlets with planted errors: their contradictions may be true ones.
    planted = {dict(re.findall(r'^- ([a-z_]+): (.*)$', body, re.M)).get('outlet') for _, body in errors}
    pairs = aligned = false_contra = 0
    for fid, body in facts:
        lines = re.findall(r'^- ([a-z-]+): (.*)$', body, re.M)
        for (oa, ta), (ob, tb) in itertools.combinations(lines, 2):
            if oa == ob:
                continue
            r = compare(ct, ta, tb)
            pairs += 1
            aligned += r['relation'] in ('corroborates', 'contradicts')
            if r['relation'] == 'contradicts' and not ({oa, ob} & planted):
                false_contra += 1
    flagged = total = 0
    for eid, body in errors:
        kv = dict(re.findall(r'^- ([a-z_]+): (.*)$', body, re.M))
        if 'error_sentence' not in kv:
            continue
        total += 1
        r = compare(ct, kv['correct_sentence'], kv['error_sentence'])
        spans = [(s['a'], s['b']) for s in r['signals']]
        err, cor = kv.get('error_span', ''), kv.get('correct_span', '')
        overlaps = lambda s, t: bool(s) and bool(t) and (s in t or t in s)
        hit = r['relation'] == 'contradicts' and any(
            overlaps(b, err) or overlaps(a, cor) for a, b in spans)
        flagged += hit
        print('%s %-22s %-12s %s' % (eid, kv.get('kind', '?'), r['relation'], spans))
    print('fact pairs aligned: %d/%d (%.2f)' % (aligned, pairs, aligned / max(pairs, 1)))
    print('planted errors flagged with their spans: %d/%d' % (flagged, total))
    print('contradictions between outlets without planted errors: %d of %d pairs' % (false_contra, pairs))
    if '--check' in sys.argv:
        floors = dict(a.split('=') for a in sys.argv if '=' in a)
        ok = (aligned / max(pairs, 1) >= float(floors.get('aligned', 0)) and
              flagged >= int(floors.get('flagged', 0)) and
              false_contra <= int(floors.get('false', 10**9)))
        sys.exit(0 if ok else 1)

if __name__ == '__main__':
    main()
