#!/usr/bin/env python3
"""A stand-in for `claimtrack extract --json ... FILE` made from the blind labels beside FILE
(tests/fixtures/xblind*/labels.tsv), for the tests of the scorer (t0711, t0712): scored against
its own labels every figure is perfect. With FAKE_BAD=1, every third segment's claim is flipped
and its first number and its dates dropped, and two segments are joined: the figures fall.
Spans are counted in the text with CRLF read as LF, as extract counts them."""
import json, os, sys
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import extract_labels as el

path = sys.argv[-1]
labs = [l for l in el.read_labels(os.path.join(os.path.dirname(path), 'labels.tsv'))
        if l['file'] == os.path.basename(path)]
el.locate(open(path, 'rb').read().replace(b'\r\n', b'\n').decode(), labs)
bad = os.environ.get('FAKE_BAD') == '1'
out = []
for i, l in enumerate(labs):
    nums = [dict(text='n', value=v, **({'approx': a[0]} if a else {}))
            for v, a in l['nums'] or []]
    dts = [dict(text='d', **({'date': x} if len(x) == 10 else {'year': int(x[:4])}))
           for x in l['dts'] or []]
    claim = l['claim'] == '1'
    if bad and i % 3 == 0:
        claim, nums, dts = not claim, nums[1:], []
    out.append(dict(text=l['text'], kind=l['kinds'][0], is_claim=claim, span=list(l['span']),
                    type=(l['types'] or ['other'])[0], numbers=nums, dates=dts,
                    quote=dict(text='q', speaker=l['speakers'][0]) if l['speakers'] else None))
if bad:
    a, b = out[3], out[4]
    out[3:5] = [dict(a, text=a['text'] + ' ' + b['text'], span=[a['span'][0], b['span'][1]])]
print(json.dumps(out))
