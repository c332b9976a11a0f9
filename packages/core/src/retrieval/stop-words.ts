/**
 * English function words dropped from queries before they reach the indexes.
 * Question words are here too ("when", "what"): the query analysis reads them
 * from the raw text, and as index terms they match nearly every turn. Month
 * names that double as words ("may", "march") are deliberately absent, because
 * dates are what many questions ask about.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any are aren as at be because been before being below
  between both but by can cannot could couldn d did didn do does doesn doing don down during each either else
  ever few for from further get gets got had hadn has hasn have haven having he her here hers herself him
  himself his how i if in into is isn it its itself just let ll m me might mightn more most must mustn my myself
  needn neither no nor not now o of off on once only or other ought our ours ourselves out over own re s same
  shan she should shouldn so some such t than that the their theirs them themselves then there these they this
  those through to too under until up us ve very was wasn we were weren what whatever when where whether which
  while who whom whose why will with won would wouldn y yet you your yours yourself yourselves
  tell know think like kind sort thing things one ones something anything`
    .split(/\s+/)
    .filter((word) => word.length > 0),
);
