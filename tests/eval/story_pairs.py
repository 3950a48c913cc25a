#!/usr/bin/env python3
"""Scores `claimtrack compare` on the answer key of a story (examples/story/README.md,
tests/fixtures/story2/README.md): every pair of outlets' sentences stating one fact should align
(corroborate or contradict), sentences of different outlets that share no fact should not, the
pairs with a planted error should contradict with a signal of the planted kind, and outlets
without planted errors should not contradict each other. Prints the figures; with --check,
exits 1 when they cross the floors given (aligned=, precision=, flagged=, false=).
--published DATE anchors weekdays (default 2025-10-15, the example story's). --list prints the
fact pairs not aligned, the pairs sharing no fact that are, with their scores and facts, and the
false contradictions with their signals."""
import itertools, json, re, subprocess, sys


def compare_all(ct, pairs, published):
    """Runs the scorer once over all pairs (compare --pairs) and returns one result per pair."""
    for a, b in pairs:
        assert '\t' not in a + b and '\n' not in a + b
    data = ''.join('%s\t%s\n' % p for p in pairs)
    out = subprocess.run([ct, 'compare', '--published', published, '--json', '--pairs', '-'],
                         input=data, capture_output=True, text=True, check=True)
    results = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r['line'] for r in results] == list(range(1, len(pairs) + 1)), 'one result per pair'
    return results


def main():
    ct, key_path = sys.argv[1], sys.argv[2]
    published = '2025-10-15'
    if '--published' in sys.argv:
        published = sys.argv[sys.argv.index('--published') + 1]
    key = open(key_path, encoding='utf-8').read()
    facts = re.findall(r'^### (F\d+):.*?\n(.*?)(?=^### |^## |\Z)', key, re.S | re.M)
    errors = re.findall(r'^### (E\d+).*?\n(.*?)(?=^### |^## |\Z)', key, re.S | re.M)
    # The outlets with planted errors: their contradictions may be true ones.
    planted = {dict(re.findall(r'^- ([a-z_]+): (.*)$', body, re.M)).get('outlet') for _, body in errors}

    # Fact pairs: sentences of two outlets listed under one fact. Other pairs of listed
    # sentences of two outlets share no fact and should not align.
    facts_of = {}
    fact_pairs = []
    for fid, body in facts:
        lines = re.findall(r'^- ([a-z0-9-]+): (.*)$', body, re.M)
        for outlet, text in lines:
            facts_of.setdefault((outlet, text), set()).add(fid)
        for (oa, ta), (ob, tb) in itertools.combinations(lines, 2):
            if oa != ob:
                fact_pairs.append((oa, ta, ob, tb))
    sentences = sorted(facts_of)
    other_pairs = [(oa, ta, ob, tb) for (oa, ta), (ob, tb) in itertools.combinations(sentences, 2)
                   if oa != ob and not facts_of[(oa, ta)] & facts_of[(ob, tb)]]
    error_kv = []
    for eid, body in errors:
        kv = dict(re.findall(r'^- ([a-z_]+): (.*)$', body, re.M))
        if 'error_sentence' in kv:
            error_kv.append((eid, kv))

    todo = [(ta, tb) for _, ta, _, tb in fact_pairs + other_pairs]
    todo += [(kv['correct_sentence'], kv['error_sentence']) for _, kv in error_kv]
    results = compare_all(ct, todo, published)
    res_fact = results[:len(fact_pairs)]
    res_other = results[len(fact_pairs):len(fact_pairs) + len(other_pairs)]
    res_err = results[len(fact_pairs) + len(other_pairs):]

    same = ('corroborates', 'contradicts')
    aligned = sum(r['relation'] in same for r in res_fact)
    false_contra = sum(r['relation'] == 'contradicts' and not ({oa, ob} & planted)
                       for (oa, _, ob, _), r in zip(fact_pairs, res_fact))
    wrong = sum(r['relation'] in same for r in res_other)
    flagged = 0
    overlaps = lambda s, t: bool(s) and bool(t) and (s in t or t in s)
    for (eid, kv), r in zip(error_kv, res_err):
        spans = [(s['a'], s['b']) for s in r['signals']]
        err, cor = kv.get('error_span', ''), kv.get('correct_span', '')
        hit = r['relation'] == 'contradicts' and any(
            overlaps(b, err) or overlaps(a, cor) for a, b in spans)
        flagged += hit
        print('%s %-22s %-12s %s' % (eid, kv.get('kind', '?'), r['relation'], spans))
    if '--list' in sys.argv:
        for (oa, ta, ob, tb), r in zip(fact_pairs, res_fact):
            if r['relation'] not in same:
                print('missed %.3f %s/%s %s\n  %s: %s\n  %s: %s' % (
                    r['score'], ','.join(sorted(facts_of[(oa, ta)])), ','.join(sorted(facts_of[(ob, tb)])),
                    r['relation'], oa, ta, ob, tb))
        for (oa, ta, ob, tb), r in zip(fact_pairs, res_fact):
            if r['relation'] == 'contradicts' and not ({oa, ob} & planted):
                print('false %.3f %s\n  %s: %s\n  %s: %s' % (r['score'], r['signals'], oa, ta, ob, tb))
        for (oa, ta, ob, tb), r in zip(other_pairs, res_other):
            if r['relation'] in same:
                print('wrong %.3f %s/%s %s\n  %s: %s\n  %s: %s' % (
                    r['score'], ','.join(sorted(facts_of[(oa, ta)])), ','.join(sorted(facts_of[(ob, tb)])),
                    r['relation'], oa, ta, ob, tb))
    pairs = len(fact_pairs)
    precision = aligned / max(aligned + wrong, 1)
    print('fact pairs aligned: %d/%d (%.2f)' % (aligned, pairs, aligned / max(pairs, 1)))
    print('pairs sharing no fact aligned: %d/%d (alignment precision %.2f)' % (wrong, len(other_pairs), precision))
    print('planted errors flagged with their spans: %d/%d' % (flagged, len(error_kv)))
    print('contradictions between outlets without planted errors: %d of %d pairs' % (false_contra, pairs))
    if '--check' in sys.argv:
        floors = dict(a.split('=') for a in sys.argv if '=' in a)
        ok = (aligned / max(pairs, 1) >= float(floors.get('aligned', 0)) and
              precision >= float(floors.get('precision', 0)) and
              flagged >= int(floors.get('flagged', 0)) and
              false_contra <= int(floors.get('false', 10**9)))
        sys.exit(0 if ok else 1)


if __name__ == '__main__':
    main()
