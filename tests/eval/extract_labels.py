#!/usr/bin/env python3
"""Scores `claimtrack extract --json` against a labelled corpus (tests/fixtures/xblind: labels.tsv
and README.md; the README's table gives each article's publication date, the TSV one row per
segment; the format is described there).

usage: extract_labels.py CLAIMTRACK DIR [--list] [--check NAME=FLOOR ...]

Every article is extracted once (`extract --json --published DATE FILE`). Each label is placed in
the raw file (its spaces match any run of whitespace, a hyphen may be followed by a line break), so
labels and the tool's segments (byte spans) can be lined up even when their boundaries differ: a
label's "segments" are the tool segments overlapping it, the "best" the one overlapping it most.

Figures (per file and in all):
  found     labelled segments the tool produced exactly (text equal, whitespace folded)
  extra     tool segments equal to no label (share of the tool's segments)
  kind      the best segment's kind is one the label accepts (all labels)
  leaks     non-sentence labels not to be claimed (claim 0) that any overlapping segment claims
  claim P/R/F1  over labels marked 0 or 1 ('-' ignored); a label is claimed when any of its
            segments is
  type      the best segment's type, on labels both call claims (among the label's types)
  speaker   quotes (labels with a speaker whose types include quote): the best segment's quote
            speaker (or, without a quote, its attribution's speaker), lower-cased, a leading
            "the"/"a" dropped, curly apostrophes straightened,
            equals one accepted form ("surname" also counts a tool speaker whose last word is
            the label's last word); "said" is the same on the other labels with a speaker
            (reported speech, "according to ...")
  numbers   sentence labels: each labelled value found among the numbers of the label's segments
            (value or high, one to one; the number's own span decides which label it belongs to
            when a segment spans several labels); precision over those numbers; approx: of the
            values found, the tool's approx word is the labelled one (or both have none)
  dates     likewise; a tool date is its "date" (YYYY-MM-DD) or else its "year"; a labelled day
            needs the day, a labelled month a day in that month or the year (the tool's format
            has no month field), a labelled year the year or a day in it; dates the tool leaves
            unresolved (clock times, "next week") are not counted either way

--list prints every mismatch by category. --check exits 1 when a figure crosses its floor:
found, kind, claim_p, claim_r, claim_f1, type, speaker, surname, said, num_r, num_p,
approx, date_r, date_p are minimums (fractions), extra is a maximum (fraction) and leaks a
maximum (count)."""
import json, re, subprocess, sys

KINDS = ('sentence', 'heading', 'byline', 'furniture', 'teaser')
TYPES = ('quantity', 'quote', 'statement', 'event', 'prediction', 'position', 'rule', 'causation',
         'other')
MAXIMA = ('extra', 'leaks')
FIGURES = ('found', 'extra', 'kind', 'leaks', 'claim_p', 'claim_r', 'claim_f1', 'type', 'speaker',
           'surname', 'said', 'num_r', 'num_p', 'approx', 'date_r', 'date_p')


def die(msg):
    sys.stderr.write('extract_labels: %s\n' % msg)
    sys.exit(2)


def fold(s):
    return ' '.join(s.split())


def read_dates(readme):
    dates = {}
    for line in open(readme, encoding='utf-8'):
        m = re.match(r'\|\s*`([^`]+)`\s*\|\s*(\d{4}-\d{2}-\d{2})\b', line)
        if m:
            dates[m.group(1)] = m.group(2)
    if not dates:
        die('%s: no "| `file` | YYYY-MM-DD" rows' % readme)
    return dates


def alts(field):
    return [a.strip() for a in field.split('|') if a.strip()]


def parse_numbers(field, where):
    out = []
    for item in field.split(';'):
        item = item.strip()
        if not item:
            continue
        value, _, approx = item.partition(':')
        try:
            v = float(value)
        except ValueError:
            die('%s: bad number %r' % (where, item))
        out.append((v, [a.lower() for a in alts(approx)]))
    return out


def parse_dates(field, where):
    out = []
    for item in field.split(';'):
        item = item.strip()
        if not item:
            continue
        if not re.fullmatch(r'\d{4}(-\d{2}(-\d{2})?)?', item):
            die('%s: bad date %r' % (where, item))
        out.append(item)
    return out


def read_labels(path):
    labels = []
    with open(path, encoding='utf-8', newline='') as f:
        lines = f.read().split('\n')
    header = lines[0].rstrip('\r').split('\t')
    want = ['file', 'text', 'kind', 'claim', 'type', 'speaker', 'numbers', 'dates']
    if header != want:
        die('%s: header is %r, want %r' % (path, header, want))
    for no, line in enumerate(lines[1:], 2):
        line = line.rstrip('\r')
        if not line:
            continue
        cols = line.split('\t')
        where = '%s:%d' % (path, no)
        if len(cols) != len(want):
            die('%s: %d columns, want %d' % (where, len(cols), len(want)))
        lab = dict(zip(want, cols))
        lab['where'] = where
        lab['kinds'] = alts(lab['kind'])
        if not lab['kinds'] or any(k not in KINDS for k in lab['kinds']):
            die('%s: bad kind %r' % (where, lab['kind']))
        if lab['claim'] not in ('0', '1', '-'):
            die('%s: bad claim %r' % (where, lab['claim']))
        lab['types'] = alts(lab['type'])
        if any(t not in TYPES for t in lab['types']):
            die('%s: bad type %r' % (where, lab['type']))
        if lab['claim'] == '1' and not lab['types']:
            die('%s: a claim without a type' % where)
        lab['speakers'] = alts(lab['speaker'])
        lab['nums'] = None if lab['numbers'] == '-' else parse_numbers(lab['numbers'], where)
        lab['dts'] = None if lab['dates'] == '-' else parse_dates(lab['dates'], where)
        labels.append(lab)
    return labels


def locate(raw_text, labels):
    """Byte spans of the labels in the file, in order."""
    pos = 0
    for lab in labels:
        parts = []
        for ch in lab['text']:
            if ch == ' ':
                parts.append(r'\s+')
            elif ch == '-':
                parts.append(r'-(?:\r?\n)?')
            else:
                parts.append(re.escape(ch))
        m = re.compile(''.join(parts)).search(raw_text, pos)
        if not m:
            die('%s: label text not found in its file (in order): %r' % (lab['where'], lab['text']))
        start = len(raw_text[:m.start()].encode('utf-8'))
        end = start + len(m.group(0).encode('utf-8'))
        lab['span'] = (start, end)
        pos = m.end()


def extract(ct, path, published):
    try:
        p = subprocess.run([ct, 'extract', '--json', '--published', published, path],
                           capture_output=True)
    except OSError as e:
        die('cannot run %s: %s' % (ct, e.strerror))
    if p.returncode != 0:
        die('%s extract %s: exit %d: %s' % (ct, path, p.returncode,
                                            p.stderr.decode('utf-8', 'replace').strip()))
    try:
        segs = json.loads(p.stdout)
    except ValueError as e:
        die('%s: extract output is not JSON: %s' % (path, e))
    if not isinstance(segs, list):
        die('%s: extract output is not a list' % path)
    return segs


def norm_speaker(s):
    s = fold(s or '').replace('\u2019', "'").lower()
    s = re.sub(r'^(the|a|an) ', '', s)
    return s


def date_key(d):
    if d.get('date'):
        return str(d['date'])
    if d.get('year') is not None:
        return str(d['year'])
    return None


def date_ok(label, key):
    if len(label) == 10:
        return key == label
    if len(label) == 7:
        return key == label[:4] or key.startswith(label + '-')
    return key == label or key.startswith(label + '-')


def num_values(n):
    vals = [float(n['value'])] if isinstance(n.get('value'), (int, float)) else []
    if isinstance(n.get('high'), (int, float)):
        vals.append(float(n['high']))
    return vals


def same(a, b):
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


class Tally:
    def __init__(self):
        self.c = {}

    def add(self, name, num, den):
        n, d = self.c.get(name, (0, 0))
        self.c[name] = (n + num, d + den)

    def frac(self, name):
        n, d = self.c.get(name, (0, 0))
        return n / d if d else None

    def cell(self, name):
        n, d = self.c.get(name, (0, 0))
        if name == 'leaks':
            return '%d/%d' % (n, d)
        return '%d/%d %.2f' % (n, d, n / d) if d else '-'


def span_base(raw, segs):
    """The text the tool's byte spans point into: the file as given, or (when more segments fit
    it) the file with CRLF line ends turned into LF. Returns (bytes, note)."""
    best = None
    for base, note in ((raw, ''), (raw.replace(b'\r\n', b'\n'), 'CRLF as LF')):
        fit = sum(1 for s in segs if fold(base[s['span'][0]:s['span'][1]]
                                          .decode('utf-8', 'replace')) == s['folded'])
        if best is None or fit > best[0]:
            best = (fit, base, note)
    return best[1], best[2]


def score_file(name, raw, labels, segs, tally, bad, notes):
    for i, s in enumerate(segs):
        if not (isinstance(s, dict) and isinstance(s.get('span'), list) and len(s['span']) == 2
                and all(isinstance(x, int) for x in s['span'])
                and isinstance(s.get('text'), str)):
            die('%s: segment %d has no text or span' % (name, i))
        s['folded'] = fold(s['text'])
    base, note = span_base(raw, segs)
    if note:
        notes.append('%s: the tool\'s spans point into the text with %s' % (name, note))
    locate(base.decode('utf-8'), labels)
    # Exact matches, in order (a label is found when a segment with its very text exists).
    used = set()
    for lab in labels:
        lab['exact'] = None
        for i, s in enumerate(segs):
            if i not in used and s['folded'] == lab['text']:
                lab['exact'] = i
                used.add(i)
                break
    # Overlaps (a segment equal to a label belongs to that label only).
    for lab in labels:
        a, b = lab['span']
        if lab['exact'] is not None:
            lab['segs'] = [lab['exact']]
            lab['best'] = lab['exact']
            continue
        lab['segs'] = [i for i, s in enumerate(segs) if i not in used and
                       min(b, s['span'][1]) > max(a, s['span'][0])]
        if lab['exact'] is not None:
            lab['best'] = lab['exact']
        elif lab['segs']:
            lab['best'] = max(lab['segs'], key=lambda i: min(b, segs[i]['span'][1]) -
                              max(a, segs[i]['span'][0]))
        else:
            lab['best'] = None
    owners = {}
    for li, lab in enumerate(labels):
        for i in lab['segs']:
            owners.setdefault(i, []).append(li)

    # Boundaries.
    found = sum(1 for lab in labels if lab['exact'] is not None)
    tally.add('found', found, len(labels))
    extra = [i for i in range(len(segs)) if i not in used]
    tally.add('extra', len(extra), len(segs))
    for lab in labels:
        if lab['exact'] is not None:
            continue
        got = [segs[i]['folded'] for i in lab['segs']]
        if len(lab['segs']) > 1:
            how = 'split'
        elif lab['segs'] and len(owners[lab['segs'][0]]) > 1:
            how = 'joined'
        else:
            how = 'text differs'
        bad.append(('boundary', name, lab['text'], '%s; tool: %s' % (
            how, ' || '.join(got) if got else 'nothing')))
    for i in extra:
        if not owners.get(i):
            bad.append(('boundary', name, segs[i]['folded'], 'tool segment outside every label'))

    for lab in labels:
        best = segs[lab['best']] if lab['best'] is not None else None
        kind = best.get('kind') if best else None
        tally.add('kind', 1 if kind in lab['kinds'] else 0, 1)
        if kind not in lab['kinds']:
            bad.append(('kind', name, lab['text'], 'label %s, tool %s' % (lab['kind'], kind)))
        claimed = any(segs[i].get('is_claim') is True for i in lab['segs'])
        lab['claimed'] = claimed
        if lab['kinds'] != ['sentence'] and lab['claim'] == '0':
            tally.add('leaks', 1 if claimed else 0, 1)
            if claimed:
                bad.append(('leak', name, lab['text'], 'claimed (kind %s)' % kind))
        if lab['claim'] in ('0', '1'):
            want = lab['claim'] == '1'
            tally.add('tp', 1 if want and claimed else 0, 0)
            tally.add('fp', 1 if claimed and not want else 0, 0)
            tally.add('fn', 1 if want and not claimed else 0, 0)
            if want and not claimed:
                bad.append(('missed claim', name, lab['text'], 'labelled %s' % lab['type']))
            if claimed and not want and lab['kinds'] == ['sentence']:
                bad.append(('false claim', name, lab['text'], 'tool %s' % (
                    best.get('type') if best else '?')))
        if lab['claim'] == '1' and claimed:
            cs = [i for i in lab['segs'] if segs[i].get('is_claim') is True]
            t = segs[lab['best']].get('type') if lab['best'] in cs else segs[cs[0]].get('type')
            tally.add('type', 1 if t in lab['types'] else 0, 1)
            if t not in lab['types']:
                bad.append(('type', name, lab['text'], 'label %s, tool %s' % (lab['type'], t)))
        if lab['speakers']:
            q = best.get('quote') if best else None
            got = q.get('speaker') if isinstance(q, dict) else None
            a = best.get('attribution') if best else None   # a sentence without a quote
            if not got and isinstance(a, dict):
                got = a.get('speaker')
            ok = norm_speaker(got) in [norm_speaker(s) for s in lab['speakers']] if got else False
            last = norm_speaker(got).split(' ')[-1:] if got else []
            sur = ok or (bool(last) and any(norm_speaker(s).split(' ')[-1:] == last
                                            for s in lab['speakers']))
            if 'quote' in lab['types']:
                tally.add('speaker', 1 if ok else 0, 1)
                tally.add('surname', 1 if sur else 0, 1)
                cat = 'quote speaker'
            else:
                tally.add('said', 1 if ok else 0, 1)
                cat = 'reported speaker'
            if not ok:
                bad.append((cat, name, lab['text'], 'label %s, tool %s' % (
                    lab['speaker'], repr(got) if got else 'none')))

    # Numbers and dates: every item of a segment belongs to the one label it overlaps, or, when
    # the segment spans several, to the label holding the item's own span.
    items = {li: ([], []) for li in range(len(labels))}
    for i, s in enumerate(segs):
        own = owners.get(i, [])
        for slot, key in ((0, 'numbers'), (1, 'dates')):
            for it in s.get(key) or []:
                if not isinstance(it, dict):
                    continue
                li = None
                if len(own) == 1:
                    li = own[0]
                elif own:
                    sp = it.get('span') or [0, 0]
                    at = s['span'][0] + sp[0]
                    hits = [l for l in own if labels[l]['span'][0] <= at < labels[l]['span'][1]]
                    li = hits[0] if hits else own[0]
                if li is not None:
                    items[li][slot].append(it)
    for li, lab in enumerate(labels):
        nums, dts = items[li]
        if lab['nums'] is not None:
            pool = [(v, (n.get('approx') or '').lower(), n.get('text', '')) for n in nums
                    for v in num_values(n)]
            taken = set()
            for v, approx in lab['nums']:
                hit = next((k for k, p in enumerate(pool) if k not in taken and same(p[0], v)),
                           None)
                if hit is None:
                    tally.add('num_r', 0, 1)
                    bad.append(('number missed', name, lab['text'], '%g%s' % (
                        v, ' (' + '|'.join(approx) + ')' if approx else '')))
                    continue
                taken.add(hit)
                tally.add('num_r', 1, 1)
                got = pool[hit][1]
                ok = got in approx if approx else got == ''
                tally.add('approx', 1 if ok else 0, 1)
                if not ok:
                    bad.append(('approx', name, lab['text'], '%g: label %s, tool %s' % (
                        v, '|'.join(approx) or 'none', got or 'none')))
            n_items = [n for n in nums if num_values(n)]
            # precision per number item: an item counts when one of its values was taken
            k = 0
            for n in n_items:
                vals = num_values(n)
                ok = any(j in taken for j in range(k, k + len(vals)))
                k += len(vals)
                tally.add('num_p', 1 if ok else 0, 1)
                if not ok:
                    bad.append(('number extra', name, lab['text'], '%r -> %s' % (
                        n.get('text'), '/'.join('%g' % v for v in vals))))
        if lab['dts'] is not None:
            keys = [(date_key(d), d.get('text', '')) for d in dts]
            keys = [k for k in keys if k[0] is not None]
            taken = set()
            for want in lab['dts']:
                hit = next((k for k, p in enumerate(keys)
                            if k not in taken and date_ok(want, p[0])), None)
                tally.add('date_r', 0 if hit is None else 1, 1)
                if hit is None:
                    bad.append(('date missed', name, lab['text'], '%s; tool: %s' % (
                        want, ', '.join('%r=%s' % (d.get('text'), date_key(d)) for d in dts)
                        or 'none')))
                else:
                    taken.add(hit)
            for k, p in enumerate(keys):
                tally.add('date_p', 1 if k in taken else 0, 1)
                if k not in taken:
                    bad.append(('date extra', name, lab['text'], '%r -> %s' % (p[1], p[0])))


def finish(t):
    tp, fp, fn = (t.c.get(k, (0, 0))[0] for k in ('tp', 'fp', 'fn'))
    t.c['claim_p'] = (tp, tp + fp)
    t.c['claim_r'] = (tp, tp + fn)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    t.f1 = 2 * p * r / (p + r) if p + r else 0.0


def main():
    args = sys.argv[1:]
    if len(args) < 2 or args[0] in ('-h', '--help'):
        sys.stderr.write(__doc__)
        sys.exit(2 if len(args) < 2 else 0)
    ct, d = args[0], args[1].rstrip('/')
    show = '--list' in args
    floors = {}
    if '--check' in args:
        for a in args[args.index('--check') + 1:]:
            if a.startswith('--'):
                break
            k, _, v = a.partition('=')
            if k not in FIGURES:
                die('unknown figure %r (know: %s)' % (k, ' '.join(FIGURES)))
            try:
                floors[k] = float(v)
            except ValueError:
                die('bad floor %r' % a)
    try:
        published = read_dates(d + '/README.md')
        labels = read_labels(d + '/labels.tsv')
    except (OSError, UnicodeDecodeError) as e:
        die('%s: %s' % (d, e))
    files = []
    for lab in labels:
        if lab['file'] not in files:
            files.append(lab['file'])
    tallies = {}
    total = Tally()
    bad = []
    notes = []
    for f in files:
        if f not in published:
            die('%s: no publication date in README.md' % f)
        path = d + '/' + f
        try:
            with open(path, 'rb') as fh:
                raw = fh.read()
        except OSError as e:
            die('%s: %s' % (path, e.strerror))
        segs = extract(ct, path, published[f])
        t = Tally()
        score_file(f, raw, [lab for lab in labels if lab['file'] == f], segs, t, bad, notes)
        finish(t)
        tallies[f] = t
        for k, (n, den) in t.c.items():
            if k not in ('claim_p', 'claim_r'):
                total.add(k, n, den)
    finish(total)

    names = [f.rsplit('.', 1)[0] for f in files] + ['all']
    cols = [tallies[f] for f in files] + [total]
    rows = [('segments found', 'found'), ('extra segments', 'extra'), ('kind', 'kind'),
            ('furniture leaks', 'leaks'), ('claim precision', 'claim_p'),
            ('claim recall', 'claim_r'), ('claim F1', None), ('type (both claims)', 'type'),
            ('quote speaker', 'speaker'), ('quote surname', 'surname'),
            ('reported speaker', 'said'), ('number recall', 'num_r'),
            ('number precision', 'num_p'), ('approx (found)', 'approx'),
            ('date recall', 'date_r'), ('date precision', 'date_p')]
    w = max(len(n) for n in names) + 2
    w = max(w, 16)
    print('%-20s' % 'figure' + ''.join('%*s' % (w, n) for n in names))
    for title, key in rows:
        cells = [('%.2f' % t.f1) if key is None else t.cell(key) for t in cols]
        print('%-20s' % title + ''.join('%*s' % (w, c) for c in cells))

    for n in notes:
        print('note: ' + n)

    if show:
        order = ['boundary', 'kind', 'leak', 'missed claim', 'false claim', 'type',
                 'quote speaker', 'reported speaker', 'number missed', 'number extra', 'approx',
                 'date missed', 'date extra']
        for cat in order:
            got = [b for b in bad if b[0] == cat]
            if not got:
                continue
            print('\n## %s (%d)' % (cat, len(got)))
            for _, f, text, why in got:
                print('- [%s] %s\n    %s' % (f.rsplit('.', 1)[0], text, why))

    failed = []
    for k, floor in floors.items():
        if k == 'claim_f1':
            v = total.f1
        elif k == 'leaks':
            v = total.c.get('leaks', (0, 0))[0]
        else:
            v = total.frac(k)
            if v is None:
                continue
        if (k in MAXIMA and v > floor) or (k not in MAXIMA and v < floor):
            failed.append('%s=%.3f (%s %g)' % (k, v, 'max' if k in MAXIMA else 'floor', floor))
    if failed:
        print('\nbelow the floors: ' + ', '.join(failed))
        sys.exit(1)


if __name__ == '__main__':
    main()
