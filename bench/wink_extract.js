// The baseline for the extractor benchmark: wink-nlp with its English lite web model, doing
// sentence splitting and named entities on the same files. Prints one JSON object.
'use strict';
const fs = require('fs');
const winkNLP = require('wink-nlp');
const model = require('wink-eng-lite-web-model');

const nlp = winkNLP(model);
const its = nlp.its;
const repeat = parseInt(process.env.REPEAT || '1', 10);
const texts = process.argv.slice(2).map((f) => fs.readFileSync(f, 'utf8'));
let bytes = 0, sentences = 0, entities = 0;
const t0 = process.hrtime.bigint();
for (let r = 0; r < repeat; r++) {
  for (const text of texts) {
    const doc = nlp.readDoc(text);
    sentences += doc.sentences().out(its.value).length;
    entities += doc.entities().out(its.detail).length;
    bytes += Buffer.byteLength(text, 'utf8');
  }
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(JSON.stringify({ tool: 'wink-nlp', bytes, seconds, sentences, entities,
  bytes_per_second: Math.round(bytes / seconds) }));
