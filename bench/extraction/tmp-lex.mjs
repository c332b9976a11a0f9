import nlp from 'compromise';
const w = nlp.world(); const lex = w.model.one.lexicon;
const tags = {}; for (const [k,v] of Object.entries(lex)) { const t = Array.isArray(v)?v.join('+'):v; tags[t]=(tags[t]||0)+1; }
console.log(Object.entries(tags).sort((a,b)=>b[1]-a[1]).slice(0,70).map(x=>x.join(':')).join(' '));
for (const n of ['melanie','caroline','jon','gina','john','joanna','nate','tim','audrey','andrew','james','deborah','jolene','evan','sam','calvin','dave','maria','mel','paint','painted','love','loved','go','went','run','swim','new york','new york city','google','apple','boston','paris','kids','counselor','lgbtq','sweden','tokyo','california','amazon','microsoft','harvard','starbucks','spotify', 'pottery','camping']) console.log(n, JSON.stringify(lex[n]));
console.log(Object.keys(w.model.one._multiCache).length, Object.entries(w.model.one._multiCache).slice(0,5));
console.log(Object.keys(w.model.two.orgWords).slice(0,40), Object.keys(w.model.two.placeWords).slice(0,60));
console.log(Object.keys(w.methods.two||{}), Object.keys(w.methods.two?.transform||{}));
