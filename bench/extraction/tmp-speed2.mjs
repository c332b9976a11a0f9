import nlp from 'compromise/one';
import nlp3 from 'compromise';
import { readFileSync } from 'node:fs';
const d = JSON.parse(readFileSync('/work/shared/datasets/locomo/locomo10.json','utf8'));
const turns=[];
for (const s of d) { const c=s.conversation; for (const k of Object.keys(c)) if (/^session_\d+$/.test(k)) for (const t of c[k]) turns.push(t.text); }
const split = nlp.methods().one.tokenize.splitSentences; const world = nlp.world();
const f = (name, fn) => { for (let r=0;r<2;r++){const t0=performance.now(); let n=0; for (const t of turns) n+=fn(t); const ms=performance.now()-t0; if(r) console.log(name, (ms/turns.length*1000).toFixed(1),'us/turn', n);} };
f('split', t=>split(t, world).length);
const split3 = nlp3.methods().one.tokenize.splitSentences; const world3 = nlp3.world();
f('split3', t=>split3(t, world3).length);
const lex = world3.model.one.lexicon; console.log(Object.keys(lex).length, lex['paris'], lex['google'], lex['caroline'], lex['boston'], lex['sweden'], lex['love']);
console.log(Object.keys(world3.model.one).join(','), Object.keys(world3.model.two||{}).join(','));
console.log(split3("Hi Mr. Smith! I went to the U.S. yesterday... it was great. Really? Yes.", world3));
