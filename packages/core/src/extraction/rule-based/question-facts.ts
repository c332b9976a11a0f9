import type { ExtractedRelation } from '../../domain/memory.js';

/** A fact a question presupposes about the person asked. */
export interface QuestionFact {
  /** "Melanie has a new job at Google". */
  content: string;
  relation: ExtractedRelation;
}

const YOUR_PHRASE =
  /\byour\s+(?:(new|first|old|latest|recent|upcoming|little|big|younger|older|oldest|youngest)\s+)?([a-z]+)(?:\s+(at|in|with|from|to|for)\s+([A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*)*))?/i;
const KNOWN_NOUNS = new Set(
  'job work kids son sons daughter daughters children husband wife partner boyfriend girlfriend fiance fiancee dog dogs cat cats puppy kitten pet pets baby car house apartment business store shop studio book project band class course mom dad mother father sister brother family garden team startup blog channel painting paintings art novel album trip vacation wedding interview exam promotion internship degree parents grandma grandpa friend friends bakery restaurant company podcast'.split(
    ' ',
  ),
);

const GENERIC_NOUNS = new Set(
  'own one ones thing things time times day days week weekend morning night evening thoughts opinion mind plans plan way side favorite favourite take advice secret trick tips name guess idea ideas experience'.split(
    ' ',
  ),
);

/**
 * Reads a fact off a question about the addressee's things: "How's your new job
 * at Google?" → "Melanie has a new job at Google". Needs a qualifier ("new",
 * "first"), a proper-noun complement, or a noun for family, pets, work and
 * possessions; "How was your weekend?" gives nothing.
 */
export function factFromQuestion(question: string, addressee: string): QuestionFact | undefined {
  const match = YOUR_PHRASE.exec(question);
  if (match === null) return undefined;
  const qualifier = match[1]?.toLowerCase();
  const noun = (match[2] ?? '').toLowerCase();
  const complement = match[4] === undefined ? '' : ` ${match[3]?.toLowerCase()} ${match[4]}`;
  if (qualifier === undefined && complement === '' && !KNOWN_NOUNS.has(noun)) return undefined;
  if (GENERIC_NOUNS.has(noun) || noun.endsWith('ing')) return undefined;
  const phrase = `${qualifier === undefined ? '' : `${qualifier} `}${noun}${complement}`;
  const plural = noun.endsWith('s') && !noun.endsWith('ss');
  const article = plural ? '' : /^[aeiou]/.test(phrase) ? 'an ' : 'a ';
  const verb = /\b(?:was|were|did|had)\b/i.test(question) ? 'had' : 'has';
  return {
    content: `${addressee} ${verb} ${article}${phrase}`,
    relation: { subject: addressee, relation: 'has', object: phrase },
  };
}
