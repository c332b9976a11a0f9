import nlp from 'compromise';
const m = nlp.methods(); const model = nlp.model();
console.log(Object.keys(m.two.transform.verb), Object.keys(m.two.transform.noun));
const v = m.two.transform.verb;
for (const w of ['go','love','paint','watch','try','have','be','do','study','fix','miss']) console.log(w, v.toPresent? v.toPresent(w, model): '', JSON.stringify(v.conjugate? v.conjugate(w, model):''));
for (const w of ['went','painted','loved','ran','tried','studied','had']) console.log(w, v.toInfinitive(w, model, 'PastTense'));
let t0=performance.now(); for(let i=0;i<10000;i++) v.conjugate("paint", model); console.log("conj us", (performance.now()-t0)/10);
t0=performance.now(); for(let i=0;i<10000;i++) v.toInfinitive('painted', model, 'PastTense'); console.log('toInf us', (performance.now()-t0)/10);
