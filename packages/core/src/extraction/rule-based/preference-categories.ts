/** Keyword stems per preference category; the first category with a hit wins. */
const CATEGORIES: ReadonlyArray<[string, RegExp]> = [
  [
    'food',
    /\b(?:food|foods|eat|eating|cook|cooking|bake|baking|recipe|recipes|restaurant|dish|dishes|meal|pizza|pasta|sushi|burger|taco|tacos|chocolate|cake|cookies|dessert|ice cream|coffee|tea|wine|beer|vegan|vegetarian|spicy|cheese|bread|breakfast|lunch|dinner|snack|fruit|salad|soup|steak|chicken|seafood|curry|noodles|ramen|bbq|barbecue)\b/,
  ],
  [
    'music',
    /\b(?:music|song|songs|band|bands|album|concert|concerts|sing|singing|guitar|piano|violin|drums|jazz|rock|pop|hip hop|rap|classical|playlist|musician|opera|choir|ukulele|cello)\b/,
  ],
  [
    'travel',
    /\b(?:travel|travelling|traveling|trip|trips|vacation|holiday|beach|beaches|flight|flights|abroad|road trip|camping|cruise|tour|hotel|destination|explore|exploring|sightseeing|backpacking)\b/,
  ],
  [
    'fitness',
    /\b(?:run|running|gym|yoga|workout|exercise|swim|swimming|hike|hiking|biking|cycling|soccer|football|basketball|tennis|golf|climbing|surfing|skiing|marathon|pilates|dance|dancing|martial arts|boxing|sport|sports)\b/,
  ],
  [
    'art',
    /\b(?:art|paint|painting|paintings|draw|drawing|drawings|sketch|pottery|ceramics|sculpt|sculpture|museum|gallery|photography|crafts?|knitting|sewing|design)\b/,
  ],
  [
    'reading',
    /\b(?:book|books|read|reading|novel|novels|author|poetry|poems|library|fiction|comics|manga)\b/,
  ],
  [
    'entertainment',
    /\b(?:movie|movies|film|films|show|shows|series|tv|netflix|watch|watching|anime|cinema|theater|theatre)\b/,
  ],
  [
    'games',
    /\b(?:game|games|gaming|video games|board games|chess|puzzle|puzzles|console|playstation|xbox|nintendo)\b/,
  ],
  [
    'animals',
    /\b(?:dog|dogs|cat|cats|pet|pets|puppy|puppies|kitten|horse|horses|animal|animals|bird|birds)\b/,
  ],
  [
    'nature',
    /\b(?:nature|outdoors|garden|gardening|flowers|plants|forest|mountains|lake|ocean|sunset|sunrise|park|parks|wildlife)\b/,
  ],
  [
    'fashion',
    /\b(?:clothes|clothing|dress|dresses|shoes|fashion|style|outfit|outfits|jewelry|makeup|sneakers)\b/,
  ],
  [
    'technology',
    /\b(?:tech|technology|coding|programming|computer|computers|software|app|apps|gadgets|ai|robotics)\b/,
  ],
  [
    'work',
    /\b(?:job|work|working|career|office|boss|project|projects|meetings|business|startup|clients?|team|colleagues|coworkers)\b/,
  ],
  [
    'learning',
    /\b(?:learn|learning|study|studying|school|class|classes|course|courses|education|language|languages)\b/,
  ],
  ['communication', /\b(?:email|emails|call|calls|phone|text|texts|message|messages|chat|video calls?)\b/],
  [
    'social',
    /\b(?:friends|family|kids|children|party|parties|hanging out|people|community|volunteering|volunteer)\b/,
  ],
  ['shopping', /\b(?:shopping|shop|store|stores|buy|buying|mall)\b/],
];

/**
 * A preference category ("food", "music", "travel", ...) for a preference's object,
 * falling back to the whole sentence, then to "general". Input lower-case.
 */
export function preferenceCategory(object: string, sentence: string): string {
  for (const text of [object, sentence]) {
    for (const [category, pattern] of CATEGORIES) if (pattern.test(text)) return category;
  }
  return 'general';
}
