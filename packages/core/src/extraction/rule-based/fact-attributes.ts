/** A contradiction-prone fact about the speaker ("lives_in" = "Boston"). */
export interface AttributeSignal {
  /** Normalised attribute name: lives_in, works_at, job, relationship_status, age, name, favourite_food, ... */
  attribute: string;
  value: string;
  /** Graph edge name for the same fact (has_child, owns_pet, ...). */
  relation: string;
  /** How long it holds: identity is perpetual, the rest changes. */
  perpetual: boolean;
}

const VALUE = '([^,.!?;:()]+)';
const JOB_NOUNS =
  'teacher|nurse|engineer|developer|designer|counselor|counsellor|artist|writer|doctor|lawyer|student|manager|chef|cook|musician|photographer|accountant|consultant|programmer|scientist|researcher|therapist|dancer|painter|singer|actor|actress|firefighter|banker|entrepreneur|freelancer|volunteer|mentor|coach|driver|pilot|architect|analyst|professor|intern|librarian|pharmacist|dentist|veterinarian|vet|mechanic|electrician|plumber|carpenter|farmer|soldier|officer|police officer|journalist|editor|author|poet|filmmaker|producer|director|barista|waiter|waitress|cashier|baker|tutor|paramedic|surgeon|psychologist|social worker|streamer|youtuber|gamer|athlete|player';
const PETS =
  'dog|dogs|cat|cats|puppy|puppies|kitten|kittens|pet|pets|hamster|rabbit|bunny|parrot|bird|fish|horse|turtle|guinea pig|snake|lizard';
const CHILDREN = 'kids|children|son|sons|daughter|daughters|baby|twins|child|little one|little ones';
const PARTNERS = 'husband|wife|partner|boyfriend|girlfriend|fiance|fiancé|fiancee|fiancée|spouse';
const NAME = String.raw`(?:\s*,?\s+(?:named\s+|called\s+)?([A-Z][a-z]+))?`;

type Rule = [RegExp, string, string, boolean, ((match: RegExpExecArray) => string | undefined)?];

const RULES: ReadonlyArray<Rule> = [
  [
    new RegExp(
      String.raw`\bi\s+(?:now\s+|currently\s+|still\s+)?(?:live|'m living|am living|reside)\s+in\s+${VALUE}`,
      'i',
    ),
    'lives_in',
    'lives_in',
    false,
  ],
  [
    new RegExp(String.raw`\bi\s+(?:just\s+|recently\s+|finally\s+)?moved\s+(?:back\s+)?to\s+${VALUE}`, 'i'),
    'lives_in',
    'moved_to',
    false,
  ],
  [new RegExp(String.raw`\bi(?:'m| am)\s+(?:originally\s+)?from\s+${VALUE}`, 'i'), 'from', 'from', true],
  [new RegExp(String.raw`\bi\s+grew\s+up\s+in\s+${VALUE}`, 'i'), 'grew_up_in', 'grew_up_in', true],
  [
    new RegExp(String.raw`\bi\s+(?:now\s+|currently\s+|still\s+)?work(?:ed)?\s+(?:at|for)\s+${VALUE}`, 'i'),
    'works_at',
    'works_at',
    false,
  ],
  [
    new RegExp(String.raw`\bi(?:'m| am)\s+(?:now\s+|currently\s+)?working\s+(?:at|for)\s+${VALUE}`, 'i'),
    'works_at',
    'works_at',
    false,
  ],
  [
    new RegExp(
      String.raw`\bi\s+(?:just\s+|finally\s+)?(?:got|landed|started|accepted|took)\s+(?:a|my|the)\s+(?:new\s+)?(?:job|position|role|internship)\s+(?:at|with)\s+${VALUE}`,
      'i',
    ),
    'works_at',
    'works_at',
    false,
  ],
  [new RegExp(String.raw`\bi\s+work\s+as\s+(?:a|an)\s+${VALUE}`, 'i'), 'job', 'works_as', false],
  [
    new RegExp(
      String.raw`\bi(?:'m| am)\s+(?:now\s+|currently\s+|still\s+)?(?:a|an)\s+((?:[a-z-]+\s+)?(?:${JOB_NOUNS}))\b`,
      'i',
    ),
    'job',
    'works_as',
    false,
  ],
  [
    /\bi(?:'m| am)\s+(?:now\s+|happily\s+|recently\s+|still\s+)?(single|married|engaged|divorced|separated|widowed|dating someone|in a relationship|seeing someone)\b/i,
    'relationship_status',
    'relationship_status',
    false,
  ],
  [
    /\bi\s+(?:just\s+|recently\s+|finally\s+)?got\s+(married|engaged|divorced)\b/i,
    'relationship_status',
    'relationship_status',
    false,
  ],
  [
    /\bi(?:'m| am)\s+(\d{1,2})(?:\s+years?\s+old)?(?=\s*(?:[,.!?;]|$|and\b|now\b|years?\b))/i,
    'age',
    'age',
    false,
  ],
  [/\bi\s+(?:just\s+)?turned\s+(\d{1,3})\b/i, 'age', 'age', false],
  [/\bmy name is\s+([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?)/, 'name', 'named', true],
  [
    /\bmy\s+(?:all[- ]time\s+)?favou?rite\s+([a-z][a-z ]{0,25}?)\s+(?:is|are|was|has to be|would be)\s+([^,.!?;]+)/i,
    'favourite',
    'favourite',
    false,
    (match) => match[2],
  ],
  [
    new RegExp(String.raw`\bi(?:'m| am)\s+(?:currently\s+|now\s+)?(?:studying|majoring in)\s+${VALUE}`, 'i'),
    'studies',
    'studies',
    false,
  ],
  [
    /\bi\s+play\s+(?:the\s+)?(guitar|piano|violin|drums|bass|cello|flute|saxophone|ukulele|trumpet|harp|clarinet|soccer|football|basketball|baseball|tennis|golf|chess|hockey|volleyball)\b/i,
    'plays',
    'plays',
    false,
  ],
  [/\bmy birthday is\s+([^,.!?;]+)/i, 'birthday', 'birthday', true],
  [
    new RegExp(
      String.raw`\bi\s+(?:have|own|adopted|got|rescued)\s+(?:a|an|two|three|four|\d+)?\s*(?:new\s+|little\s+|cute\s+|sweet\s+)?(${PETS})\b${NAME}`,
      'i',
    ),
    'owns_pet',
    'owns_pet',
    false,
  ],
  [
    new RegExp(String.raw`\b(?:my|our)\s+(?:new\s+|little\s+|old\s+)?(${PETS})\b${NAME}`, 'i'),
    'owns_pet',
    'owns_pet',
    false,
  ],
  [
    new RegExp(
      String.raw`\b(?:my|our)\s+(?:two\s+|three\s+|little\s+|youngest\s+|oldest\s+|eldest\s+)?(${CHILDREN})\b${NAME}`,
      'i',
    ),
    'has_child',
    'has_child',
    true,
  ],
  [
    new RegExp(String.raw`\bi\s+have\s+(?:a|an|one|two|three|four|five|\d+)\s+(${CHILDREN})\b`, 'i'),
    'has_child',
    'has_child',
    true,
  ],
  [new RegExp(String.raw`\bmy\s+(${PARTNERS})\b${NAME}`, 'i'), 'has_partner', 'has_partner', false],
];

const VALUE_END =
  /\s+(?:and|but|because|with|since|for|so|when|which|who|where|last|yesterday|now|recently|this|next|after|before|until|while|though|too|already|again|lately|anymore|every|as)\b.*$/i;

function cleanValue(value: string): string {
  return value
    .replace(VALUE_END, '')
    .replace(/^(?:the|a|an)\s+/i, '')
    .split(/\s+/)
    .slice(0, 6)
    .join(' ')
    .trim();
}

/**
 * Contradiction-prone first-person facts (where the speaker lives and works,
 * job, relationship status, age, name, favourites, pets, children, partner) with
 * a normalised attribute name and value, for supersession. Pets, children and
 * partners keep a given name when one follows ("my dog, Max" → "dog Max").
 * Expects the sentence before person rewriting.
 */
export function detectAttributes(sentence: string): AttributeSignal[] {
  const text = sentence.replace(/’/g, "'");
  const found: AttributeSignal[] = [];
  for (const [pattern, attribute, relation, perpetual, pick] of RULES) {
    const match = pattern.exec(text);
    if (match === null) continue;
    const raw = pick === undefined ? (match[1] ?? '') : (pick(match) ?? '');
    let value = cleanValue(raw);
    if (value === '' || value.length > 60) continue;
    let name = attribute;
    if (attribute === 'favourite')
      name = `favourite_${cleanValue(match[1] ?? 'thing')
        .toLowerCase()
        .replace(/\s+/g, '_')}`;
    // The patterns are case-insensitive, but only a capitalised word after the noun is its name.
    if (match[2] !== undefined && attribute !== 'favourite' && /^[A-Z]/.test(match[2]))
      value = `${value} ${match[2]}`;
    if (found.some((signal) => signal.attribute === name)) continue;
    found.push({
      attribute: name,
      value,
      relation: name.startsWith('favourite_') ? name : relation,
      perpetual,
    });
  }
  return found;
}
