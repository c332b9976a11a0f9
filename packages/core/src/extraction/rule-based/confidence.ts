/** What {@link statementConfidence} knows about a sentence. */
export interface ConfidenceInput {
  /** The sentence before person rewriting. */
  sentence: string;
  /** Whether the document names who is speaking. */
  hasSpeaker: boolean;
  firstPerson: boolean;
  secondPerson: boolean;
  /** The speaker is an AI role ("Assistant"): it restates and suggests more than it knows. */
  assistant: boolean;
}

const HEDGE =
  /\b(?:i think|i guess|i believe|i suppose|i feel like|maybe|perhaps|probably|possibly|might|not sure|kind of|kinda|sort of|seems?|apparently|i heard|supposedly|hopefully|i hope|i wonder|could be)\b/i;
const CONDITIONAL = /^\s*(?:if|unless|whenever)\b|\bif\s+(?:i|you|we)\b/i;

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * Calibrated confidence of a statement: an explicit first-person statement 0.9,
 * a statement in a speaker-less document 0.85, about others 0.8, about the
 * addressee ("you're a great painter") 0.7; hedges ("I think", "maybe") ×0.7,
 * conditionals ×0.8, assistant turns ×0.7.
 */
export function statementConfidence(input: ConfidenceInput): number {
  let confidence = !input.hasSpeaker ? 0.85 : input.firstPerson ? 0.9 : input.secondPerson ? 0.7 : 0.8;
  if (HEDGE.test(input.sentence)) confidence *= 0.7;
  if (CONDITIONAL.test(input.sentence)) confidence *= 0.8;
  if (input.assistant) confidence *= 0.7;
  return round(confidence);
}

/** Confidence of a fact read off a question ("How's your new job?"): low, it is presupposed. */
export const QUESTION_FACT_CONFIDENCE = 0.5;

/** Whether a speaker label is an AI role rather than a person. */
export function isAssistantSpeaker(speaker: string | undefined): boolean {
  return speaker !== undefined && /^(?:assistant|ai|bot|system|chatbot|model|gpt|claude)\b/i.test(speaker);
}
