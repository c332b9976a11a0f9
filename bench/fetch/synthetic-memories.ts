import type { EntityType, MemoryDetails, MemoryType, TemporalCategory } from '@engram/core';
import type { SeededRandom } from '../support/seeded-random.js';
import { skewedPick, type UserProfile } from './synthetic-profile.js';
import { ADJECTIVES, EMOTIONS, EVENTS, MONTHS, NOUNS, SEASONS } from './synthetic-vocabulary.js';

/** One generated memory, before ids and owners are attached. */
export interface SyntheticMemory {
  type: MemoryType;
  content: string;
  /** The chat line it was "extracted" from. */
  evidence: string;
  subject: string;
  attribute: string | undefined;
  value: string | undefined;
  /** ISO-8601, for memories that happened at a time. */
  eventDate: string | undefined;
  temporalCategory: TemporalCategory;
  confidence: number;
  details: MemoryDetails;
  /** Named entities the memory mentions (linked for a fraction of memories, as extraction finds them). */
  entities: { name: string; type: EntityType }[];
  /** A subject–relation–object fact between two of `entities`. */
  edge: { subject: string; relation: string; object: string } | undefined;
}

/** Dates fall between 2023-01-01 and the end of 2025. */
const FIRST_DAY = Date.UTC(2023, 0, 1);
const DAYS = 3 * 365;

interface Draft {
  type: MemoryType;
  content: string;
  subject: string;
  attribute?: string;
  value?: string;
  eventDate?: Date;
  entities: { name: string; type: EntityType }[];
  edge?: { subject: string; relation: string; object: string };
  details?: MemoryDetails;
}

type Template = (random: SeededRandom, profile: UserProfile) => Draft;

const person = (name: string) => ({ name, type: 'person' as const });
const place = (name: string) => ({ name, type: 'place' as const });

function randomDate(random: SeededRandom): Date {
  return new Date(FIRST_DAY + random.below(DAYS) * 86_400_000);
}

function spokenDate(date: Date): string {
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

function filler(random: SeededRandom): string {
  if (!random.chance(0.5)) return '';
  return random.chance(0.5)
    ? ` The ${random.pick(NOUNS)} was ${random.pick(ADJECTIVES)}.`
    : ` It was a ${random.pick(ADJECTIVES)} ${random.pick(NOUNS)} overall.`;
}

const FACTS: readonly Template[] = [
  (random, profile) => {
    const who = skewedPick(random, profile.people);
    const where = skewedPick(random, profile.places);
    return {
      type: 'fact',
      content: `${profile.self}'s ${who.relation} ${who.name} lives in ${where}.${filler(random)}`,
      subject: who.name,
      attribute: 'lives_in',
      value: where,
      entities: [person(who.name), place(where)],
      edge: { subject: who.name, relation: 'lives_in', object: where },
    };
  },
  (random, profile) => {
    const who = skewedPick(random, profile.people);
    const company = random.pick([profile.company, 'a startup', 'the hospital', 'the university']);
    return {
      type: 'fact',
      content: `${who.name} works as a ${random.pick(['nurse', 'teacher', 'designer', 'chef', 'lawyer', 'engineer'])} at ${company}.`,
      subject: who.name,
      attribute: 'works_at',
      value: company,
      entities: [person(who.name), { name: company, type: 'organization' }],
      edge: { subject: who.name, relation: 'works_at', object: company },
    };
  },
  (random, profile) => ({
    type: 'fact',
    content: `${profile.self} works as a ${profile.job} at ${profile.company} in ${profile.places[0]}.${filler(random)}`,
    subject: profile.self,
    attribute: 'job',
    value: profile.job,
    entities: [{ name: profile.company, type: 'organization' }, place(profile.places[0] as string)],
  }),
  (random, profile) => {
    const pet = random.pick(profile.pets);
    return {
      type: 'fact',
      content: `${profile.self} has a ${pet.species} named ${pet.name} who loves the ${random.pick(NOUNS)}.`,
      subject: profile.self,
      attribute: 'pet',
      value: pet.name,
      entities: [{ name: pet.name, type: 'thing' }],
    };
  },
  (random, profile) => {
    const who = skewedPick(random, profile.people);
    const where = random.pick(profile.places);
    const date = randomDate(random);
    return {
      type: 'fact',
      content: `${who.name} moved to ${where} in ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}.`,
      subject: who.name,
      attribute: 'moved_to',
      value: where,
      eventDate: date,
      entities: [person(who.name), place(where)],
      edge: { subject: who.name, relation: 'moved_to', object: where },
    };
  },
  (random, profile) => {
    const who = skewedPick(random, profile.people);
    return {
      type: 'fact',
      content: `${who.name} is ${profile.self}'s ${who.relation} and they talk about the ${random.pick(NOUNS)} a lot.`,
      subject: who.name,
      attribute: 'relation',
      value: who.relation,
      entities: [person(who.name)],
    };
  },
  (random, profile) => ({
    type: 'fact',
    content: `${profile.self} said the ${random.pick(NOUNS)} near the ${random.pick(NOUNS)} was ${random.pick(ADJECTIVES)} this ${random.pick(SEASONS)}.`,
    subject: profile.self,
    entities: [],
  }),
];

const PREFERENCES: readonly Template[] = [
  (random, profile) => {
    const food = random.pick(profile.foods);
    const where = random.pick(profile.places);
    return {
      type: 'preference',
      content: `${profile.self} loves ${food}, especially at a ${random.pick(ADJECTIVES)} restaurant in ${where}.`,
      subject: profile.self,
      attribute: 'likes',
      value: food,
      entities: [place(where)],
      details: { category: 'food', strength: 0.8 },
    };
  },
  (random, profile) => ({
    type: 'preference',
    content: `${profile.self} does not like ${random.pick(profile.foods)} and avoids it when eating out.`,
    subject: profile.self,
    attribute: 'dislikes',
    entities: [],
    details: { category: 'food', strength: 0.6 },
  }),
  (random, profile) => {
    const who = skewedPick(random, profile.people);
    const activity = random.pick(profile.activities);
    return {
      type: 'preference',
      content: `${profile.self} enjoys ${activity} on weekends with ${who.name}.${filler(random)}`,
      subject: profile.self,
      attribute: 'hobby',
      value: activity,
      entities: [person(who.name)],
      details: { category: 'hobby', strength: 0.7 },
    };
  },
];

const EPISODES: readonly Template[] = [
  (random, profile) => {
    const who = skewedPick(random, profile.people);
    const where = random.pick(profile.places);
    const date = randomDate(random);
    return {
      type: 'episode',
      content: `On ${spokenDate(date)}, ${profile.self} went ${random.pick(profile.activities)} with ${who.name} in ${where}; the ${random.pick(NOUNS)} was ${random.pick(ADJECTIVES)}.`,
      subject: profile.self,
      eventDate: date,
      entities: [person(who.name), place(where)],
    };
  },
  (random, profile) => {
    const who = skewedPick(random, profile.people);
    const where = random.pick(profile.places);
    const date = randomDate(random);
    return {
      type: 'episode',
      content: `${profile.self} visited ${where} with ${who.name} in ${SEASONS[Math.floor(date.getUTCMonth() / 3)]} ${date.getUTCFullYear()} and tried the local ${random.pick(profile.foods)}.${filler(random)}`,
      subject: profile.self,
      eventDate: date,
      entities: [person(who.name), place(where)],
      edge: { subject: who.name, relation: 'visited', object: where },
    };
  },
  (random, profile) => {
    const who = skewedPick(random, profile.people);
    const date = randomDate(random);
    return {
      type: 'episode',
      content: `${profile.self} had dinner with ${who.name} at a ${random.pick(profile.foods)} place on ${spokenDate(date)} and talked about the ${random.pick(NOUNS)}.`,
      subject: profile.self,
      eventDate: date,
      entities: [person(who.name)],
    };
  },
];

const EMOTION_TEMPLATES: readonly Template[] = [
  (random, profile) => {
    const who = skewedPick(random, profile.people);
    const emotion = random.pick(EMOTIONS);
    return {
      type: 'emotion',
      content: `${profile.self} felt ${emotion} after the ${random.pick(EVENTS)} with ${who.name}.${filler(random)}`,
      subject: profile.self,
      entities: [person(who.name)],
      details: { emotionType: emotion, intensity: 0.7 },
    };
  },
  (random, profile) => {
    const emotion = random.pick(EMOTIONS);
    return {
      type: 'emotion',
      content: `${profile.self} was ${emotion} about the ${random.pick(NOUNS)} at ${profile.company}.`,
      subject: profile.self,
      entities: [{ name: profile.company, type: 'organization' }],
      details: { emotionType: emotion, intensity: 0.5 },
    };
  },
];

const TEMPORAL: readonly Template[] = [
  (random, profile) => {
    const who = skewedPick(random, profile.people);
    const date = randomDate(random);
    return {
      type: 'temporal_event',
      content: `${profile.self} has a ${random.pick(EVENTS)} with ${who.name} on ${spokenDate(date)}.`,
      subject: profile.self,
      eventDate: date,
      entities: [person(who.name)],
    };
  },
  (random, profile) => {
    const who = skewedPick(random, profile.people);
    const where = random.pick(profile.places);
    const date = randomDate(random);
    return {
      type: 'temporal_event',
      content: `${who.name}'s ${random.pick(EVENTS)} is planned for ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()} in ${where}.`,
      subject: who.name,
      eventDate: date,
      entities: [person(who.name), place(where)],
    };
  },
];

/** Type mix close to what the rule-based extractor produced on LoCoMo. */
const MIX: readonly [number, readonly Template[]][] = [
  [0.45, FACTS],
  [0.1, PREFERENCES],
  [0.15, EPISODES],
  [0.15, EMOTION_TEMPLATES],
  [0.15, TEMPORAL],
];

/** Share of memories whose entities are linked (extraction misses some). */
const LINKED_SHARE = 0.7;

/** One memory about `profile`'s life, drawn from the templates by the type mix. */
export function syntheticMemory(random: SeededRandom, profile: UserProfile): SyntheticMemory {
  let roll = random.next();
  let templates = FACTS;
  for (const [share, group] of MIX) {
    templates = group;
    if (roll < share) break;
    roll -= share;
  }
  const draft = random.pick(templates)(random, profile);
  const linked = random.chance(LINKED_SHARE);
  const eventDate = draft.eventDate?.toISOString();
  const details: MemoryDetails = { ...draft.details };
  if (draft.type === 'episode') {
    Object.assign(details, {
      summary: draft.content,
      occurredAt: eventDate,
      significance: 0.6,
      participants: [profile.self],
    });
  }
  return {
    type: draft.type,
    content: draft.content,
    evidence: `${profile.self}: ${draft.content}`,
    subject: draft.subject,
    attribute: draft.attribute,
    value: draft.value,
    eventDate,
    temporalCategory:
      draft.type === 'episode' || draft.type === 'temporal_event'
        ? 'episode'
        : draft.attribute === undefined
          ? 'temporal_fact'
          : 'perpetual',
    confidence: 0.6 + random.below(36) / 100,
    details,
    entities: linked ? draft.entities : [],
    edge: linked ? draft.edge : undefined,
  };
}

/** A client-wide memory (product and policy knowledge every user fetch also reads). */
export function syntheticClientMemory(random: SeededRandom): SyntheticMemory {
  const noun = random.pick(NOUNS);
  const content = random.chance(0.5)
    ? `Customers can return a ${noun} within ${random.pick([14, 30, 60])} days with the receipt.`
    : `The support team answers questions about the ${noun} ${random.pick(['by email', 'by phone', 'in the app'])} within two days.`;
  return {
    type: 'fact',
    content,
    evidence: `Policy: ${content}`,
    subject: 'support',
    attribute: undefined,
    value: undefined,
    eventDate: undefined,
    temporalCategory: 'perpetual',
    confidence: 0.9,
    details: {},
    entities: [],
    edge: undefined,
  };
}
