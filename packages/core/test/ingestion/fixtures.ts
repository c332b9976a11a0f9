/** Small hand-written documents for the ingestion tests (no benchmark data). */

/** A Wednesday evening. */
export const CREATED_AT = '2024-05-15T18:00:00.000Z';

/** A two-person chat touching every memory type, with greetings and filler around it. */
export const CHAT = [
  'Priya: Hi Daniel! How are you?',
  "Daniel: Hey Priya! Good, thanks. How's your new job at Spotify?",
  'Priya: It is going well. I started there last Monday and I love my team.',
  "Daniel: That's awesome!",
  'Priya: I went to a pottery workshop yesterday and I was so proud of my first bowl. [shares a photo: a photo of a blue ceramic bowl]',
  'Daniel: Wow, looks great!',
  'Priya: Thanks! I live in Lisbon now. I moved here in 2021.',
  'Daniel: I think I might visit Lisbon next month.',
  'Priya: My favorite food is pastel de nata. I kind of like sardines too.',
  'Daniel: I hate waiting in long lines, it makes me so frustrated.',
  'Priya: Haha',
  'Daniel: My daughter Mia turns 6 next Friday, we are planning a party.',
  'Priya: Bye, talk soon!',
].join('\n');

/** The lines of {@link CHAT} that say something worth remembering. */
export const INFORMATIVE_LINES = [
  "Daniel: Hey Priya! Good, thanks. How's your new job at Spotify?",
  'Priya: It is going well. I started there last Monday and I love my team.',
  'Priya: I went to a pottery workshop yesterday and I was so proud of my first bowl. [shares a photo: a photo of a blue ceramic bowl]',
  'Priya: Thanks! I live in Lisbon now. I moved here in 2021.',
  'Daniel: I think I might visit Lisbon next month.',
  'Priya: My favorite food is pastel de nata. I kind of like sardines too.',
  'Daniel: I hate waiting in long lines, it makes me so frustrated.',
  'Daniel: My daughter Mia turns 6 next Friday, we are planning a party.',
];

/** The lines of {@link CHAT} that are greetings, reactions and filler. */
export const FILLER_LINES = [
  'Priya: Hi Daniel! How are you?',
  "Daniel: That's awesome!",
  'Daniel: Wow, looks great!',
  'Priya: Haha',
  'Priya: Bye, talk soon!',
];
