import type { SeededRandom } from '../support/seeded-random.js';
import { skewedPick, type UserProfile } from './synthetic-profile.js';
import { EVENTS, FOODS, NOUNS, PLACES, SEASONS } from './synthetic-vocabulary.js';

type Question = (random: SeededRandom, profile: UserProfile) => string;

/**
 * Questions an agent asks about a user, over the same vocabulary as the
 * memories: names and places the user's memories mention (entity and BM25
 * hits), topic words (vectors), time phrases (accurate mode's time
 * filtering), a few about things the user never mentioned, and one made of
 * common words only.
 */
const QUESTIONS: readonly Question[] = [
  (random, profile) => `Where does ${skewedPick(random, profile.people).name} live?`,
  (random, profile) => `What does ${skewedPick(random, profile.people).name} do for work?`,
  (_random, profile) => `What food does ${profile.self} like?`,
  (random, profile) => `When did ${profile.self} visit ${random.pick(profile.places)}?`,
  (random, profile) =>
    `What did ${profile.self} do with ${skewedPick(random, profile.people).name} last ${random.pick(SEASONS)}?`,
  (random, profile) => `How did ${profile.self} feel after the ${random.pick(EVENTS)}?`,
  (random, profile) => `What is the name of ${profile.self}'s ${random.pick(profile.pets).species}?`,
  (_random, profile) => `Which hobbies does ${profile.self} enjoy on weekends?`,
  (random, profile) => `Who moved to ${random.pick(profile.places)} and when?`,
  (random) => `Has the user ever been to ${random.pick(PLACES)} or eaten ${random.pick(FOODS)}?`,
  (random) => `Tell me about the ${random.pick(NOUNS)} and the ${random.pick(NOUNS)}`,
  (random, profile) => `What events are planned with ${skewedPick(random, profile.people).name} in 2025?`,
  () => 'What did they say about it the other day?',
];

/** One question about `profile`, uniformly over the question templates. */
export function syntheticQuestion(random: SeededRandom, profile: UserProfile): string {
  return random.pick(QUESTIONS)(random, profile);
}
