/**
 * English stop words for BM25 and answer recall: function words, pronouns,
 * auxiliaries and the fragments left when punctuation splits contractions
 * ("don't" → "don", "t"). Month names that double as words ("may", "march")
 * are deliberately absent, because dates are answers here.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all am an and any are aren as at be because been before being below
  between both but by can cannot could couldn d did didn do does doesn doing don down during each few for from
  further had hadn has hasn have haven having he her here hers herself him himself his how i if in into is isn
  it its itself just ll m me might mightn more most must mustn my myself needn no nor not now o of off on once
  only or other ought our ours ourselves out over own re s same shan she should shouldn so some such t than that
  the their theirs them themselves then there these they this those through to too under until up ve very was
  wasn we were weren what when where which while who whom why will with won would wouldn y you your yours
  yourself yourselves`
    .split(/\s+/)
    .filter((word) => word.length > 0),
);
