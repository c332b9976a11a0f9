import nlp from 'compromise';
import * as chrono from 'chrono-node';
import { readFileSync } from 'node:fs';
const d = JSON.parse(readFileSync('/work/shared/datasets/locomo/locomo10.json','utf8'));
const turns=[];
for (const s of d) { const c=s.conversation; for (const k of Object.keys(c)) if (/^session_\d+$/.test(k)) for (const t of c[k]) turns.push(t.text); }
console.log('turns', turns.length);
const f = (name, fn) => { const t0=performance.now(); let n=0; for (const t of turns) n+=fn(t)?1:0; const ms=performance.now()-t0; console.log(name, (ms/turns.length).toFixed(3),'ms/turn', (turns.length/ms*1000).toFixed(0),'turns/s'); };
f('nlp-warm', t=>nlp(t).length);
f('nlp', t=>nlp(t).length);
f('nlp+sentences json', t=>nlp(t).sentences().out('array').length);
f('nlp+people/places/orgs', t=>{const d=nlp(t); return d.people().out('array').length+d.places().out('array').length+d.organizations().out('array').length});
f('tokenize only', t=>nlp.tokenize(t).length);
f('chrono', t=>chrono.parse(t, new Date('2023-05-08T13:56:00Z')).length);
f('chrono strict', t=>chrono.strict.parse(t, new Date('2023-05-08T13:56:00Z')).length);
