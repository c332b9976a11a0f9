import type { StoredMessage } from '../../../src/domain/conversation.js';

/** One turn of a fixture: who, what, and on which day (ISO date; defaults to the previous turn's day). */
export interface FixtureTurn {
  speaker: string;
  text: string;
  day?: string;
}

/**
 * Stored messages for fixture turns: the first speaker is the user, the
 * others the assistant; content is "Speaker: text" (as an integration that
 * records named speakers would send it); turns of a day are a minute apart.
 */
export function toStoredMessages(
  turns: readonly FixtureTurn[],
  options: { firstSequence?: number; prefix?: boolean } = {},
): StoredMessage[] {
  const first = turns[0]?.speaker;
  let day = '2024-03-04';
  let minute = 0;
  return turns.map((turn, position) => {
    if (turn.day !== undefined && turn.day !== day) {
      day = turn.day;
      minute = 0;
    }
    const sequence = (options.firstSequence ?? 1) + position;
    const recordedAt = new Date(Date.parse(`${day}T09:00:00Z`) + minute++ * 60_000).toISOString();
    return {
      messageId: `m-${sequence}`,
      instanceId: 'inst_test',
      conversationId: '00000000-0000-4000-8000-000000000001',
      role: turn.speaker === first ? 'user' : 'assistant',
      content: options.prefix === false ? turn.text : `${turn.speaker}: ${turn.text}`,
      userId: 'user-1',
      customerId: 'user-1',
      sessionId: 'session-1',
      metadata: {},
      recordedAt,
      sequence,
    };
  });
}

/** A short planning conversation with decisions, preferences, constraints and a last open question. */
export const PLANNING_TURNS: FixtureTurn[] = [
  {
    speaker: 'Alice',
    text: "Hi Bob, I'm planning the Lisbon offsite for our team of 12 people.",
    day: '2024-03-04',
  },
  { speaker: 'Bob', text: 'Great. Which dates are you considering for the offsite?' },
  { speaker: 'Alice', text: 'We decided on April 15 to April 18. The budget is 9,000 euros in total.' },
  { speaker: 'Bob', text: 'Noted. Do you have preferences for the hotel?' },
  { speaker: 'Alice', text: "I prefer boutique hotels near Alfama. I don't like big chain hotels." },
  { speaker: 'Bob', text: 'Understood. Are there any dietary restrictions in the team?' },
  {
    speaker: 'Alice',
    text: 'Two people are vegetarian and Maria is allergic to peanuts, so the caterer must avoid nuts.',
  },
  { speaker: 'Bob', text: "I'll shortlist three boutique hotels by Friday." },
  {
    speaker: 'Alice',
    text: 'Yesterday I talked to Maria and she wants a day trip to Sintra.',
    day: '2024-03-06',
  },
  { speaker: 'Bob', text: "Let's book the Sintra day trip for April 16 then." },
  { speaker: 'Alice', text: 'Agreed. We can only spend 1,500 euros on activities.' },
  { speaker: 'Bob', text: 'Should we rent a private bus or take the train to Sintra?' },
];

const CITIES = ['Porto', 'Kyoto', 'Nairobi', 'Quito', 'Oslo', 'Hanoi', 'Tallinn', 'Cusco', 'Dakar', 'Perth'];
const PEOPLE = ['Priya', 'Tomas', 'Keiko', 'Omar', 'Lena', 'Diego', 'Amara', 'Jonas'];
const ITEMS = ['a ceramic bowl', 'hiking boots', 'a film camera', 'a wool scarf', 'a cookbook', 'a kite'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September'];
const FILLERS = [
  'That sounds lovely, tell me more!',
  'Haha, I know what you mean.',
  'Wow, that is so cool.',
  'I totally agree with you on that.',
  'Oh nice, glad you had a good time.',
];

/**
 * A long, deterministic two-person chat over `days` days: each day mixes
 * fact-bearing turns (cities, people, amounts, dates) with small talk, so
 * compaction has something to keep and something to drop.
 */
export function longChatTurns(days = 12): FixtureTurn[] {
  const turns: FixtureTurn[] = [];
  for (let day = 0; day < days; day++) {
    const date = new Date(Date.UTC(2024, 0, 2 + day * 3)).toISOString().slice(0, 10);
    for (let turn = 0; turn < 10; turn++) {
      const index = day * 10 + turn;
      const speaker = turn % 2 === 0 ? 'Nora' : 'Felix';
      const city = CITIES[index % CITIES.length]!;
      const person = PEOPLE[(index * 3) % PEOPLE.length]!;
      const item = ITEMS[(index * 5) % ITEMS.length]!;
      const month = MONTHS[index % MONTHS.length]!;
      const text =
        turn % 3 === 2
          ? FILLERS[index % FILLERS.length]!
          : `I visited ${city} on ${1 + (index % 27)} ${month} with ${person} and spent ${20 + index * 7} dollars on ${item}. ` +
            `The ${city} trip taught me a lot about ${['photography', 'cooking', 'history', 'sailing'][index % 4]}.`;
      turns.push({ speaker, text, ...(turn === 0 ? { day: date } : {}) });
    }
  }
  return turns;
}

/** The fixed instant tests compact at. */
export const NOW = new Date('2024-06-01T12:00:00Z');
