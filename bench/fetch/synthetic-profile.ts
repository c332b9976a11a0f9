import type { SeededRandom } from '../support/seeded-random.js';
import {
  ACTIVITIES,
  COMPANIES,
  FIRST_NAMES,
  FOODS,
  JOBS,
  PET_NAMES,
  PLACES,
  RELATIONS,
  SPECIES,
} from './synthetic-vocabulary.js';

/** A person in a user's life. */
export interface ProfilePerson {
  name: string;
  relation: string;
}

/** Who a synthetic user is: the people, places and tastes their memories talk about. */
export interface UserProfile {
  self: string;
  /** Most talked-about first ({@link skewedPick} favours the head). */
  people: ProfilePerson[];
  /** Home first, then places visited. */
  places: string[];
  job: string;
  company: string;
  pets: { name: string; species: string }[];
  foods: string[];
  activities: string[];
}

const SURNAMES = (
  'Moreno Silva Novak Schmidt Rossi Dubois Kowalski Jensen Larsen Murphy Walsh Costa Ferreira Haddad ' +
  'Tanaka Kim Chen Singh Patel Okafor Mensah Garcia Lopez Fischer Weber Bauer Nielsen Berg Petrov Ivanova ' +
  'Brown Taylor Wilson Evans Thomas Roberts Johnson Lewis Walker Hughes Green Hall Wood Harris Clarke ' +
  'Jackson Wright Turner Morgan Baker Young King Hill Scott Moore Allen Mitchell Carter Phillips Parker'
).split(' ');

/**
 * The element at a position drawn with a strong bias to the front (density
 * falling as the square root), so a few people and places are mentioned
 * often and most rarely, as in real conversations.
 */
export function skewedPick<Item>(random: SeededRandom, items: readonly Item[]): Item {
  const position = Math.floor(items.length * random.next() ** 2);
  return items[Math.min(position, items.length - 1)] as Item;
}

function distinct(random: SeededRandom, pool: readonly string[], count: number): string[] {
  const chosen = new Set<string>();
  const wanted = Math.min(count, pool.length);
  while (chosen.size < wanted) chosen.add(random.pick(pool));
  return [...chosen];
}

/**
 * A user's profile, its breadth growing with the user's memory count: about
 * ten people and six places for a typical user (~100 memories), thousands of
 * people (full names) for a user with tens of thousands of memories, so each
 * person stays mentioned a realistic number of times.
 */
export function userProfile(random: SeededRandom, memoryCount: number): UserProfile {
  const wanted = Math.max(6, Math.round(memoryCount / 12));
  const fullNames = wanted > FIRST_NAMES.length / 2;
  // Drawing distinct names at random: stay well below the number of possible names.
  const peopleCount = Math.min(
    wanted,
    Math.floor(FIRST_NAMES.length * (fullNames ? SURNAMES.length : 1) * 0.7),
  );
  const names = new Set<string>();
  while (names.size < peopleCount) {
    const first = random.pick(FIRST_NAMES);
    names.add(fullNames ? `${first} ${random.pick(SURNAMES)}` : first);
  }
  const self = random.pick(FIRST_NAMES);
  names.delete(self);
  const people = [...names].map((name, index) => ({
    name,
    relation: index < RELATIONS.length ? (RELATIONS[index] as string) : random.pick(['friend', 'colleague']),
  }));
  const placeCount = Math.max(5, Math.min(PLACES.length, Math.round(memoryCount / 20)));
  return {
    self,
    people,
    places: distinct(random, PLACES, placeCount),
    job: random.pick(JOBS),
    company: random.pick(COMPANIES),
    pets: Array.from({ length: 1 + random.below(memoryCount > 1000 ? 6 : 2) }, () => ({
      name: random.pick(PET_NAMES),
      species: random.pick(SPECIES),
    })),
    foods: distinct(random, FOODS, 4 + random.below(6)),
    activities: distinct(random, ACTIVITIES, 3 + random.below(5)),
  };
}
