// Word lists for the synthetic fetch corpus: names, places, dates and
// everyday topics, so that BM25 sees realistic term frequencies (a few
// common words, many rare ones) and GloVe vectors cluster by topic.

/** First names; each user's people are drawn from these, so names recur across users as they do in life. */
export const FIRST_NAMES: readonly string[] = (
  'Alice Bob Carol David Emma Frank Grace Henry Isabel Jack Karen Liam Maria Noah Olivia Peter Quinn ' +
  'Rachel Samuel Tara Umar Victor Wendy Xavier Yara Zoe Aaron Bianca Caleb Diana Ethan Fiona George ' +
  'Hannah Ivan Julia Kevin Laura Marcus Nina Oscar Paula Ryan Sofia Thomas Ursula Vera William Amir ' +
  'Beatrice Carlos Daniela Elena Felix Gabriel Helena Igor Jasmine Kai Leon Mia Nathan Omar Priya ' +
  'Rosa Simon Tessa Uma Vincent Wei Yusuf Zara Adrian Bella Chloe Dominic Eva Finn Gemma Hugo Iris ' +
  'Joel Kira Lucas Maya Nadia Owen Pablo Ruby Sara Theo Valerie Walter Alex Brooke Colin Daisy Erik ' +
  'Freya Greta Harvey Ines Jonas Klara Lena Mateo Nora Otto Petra Raul Selma Tobias Vivian Yuki'
).split(' ');

/** Cities and regions. */
export const PLACES: readonly string[] = (
  'Lisbon Paris London Berlin Madrid Rome Vienna Prague Budapest Warsaw Athens Dublin Edinburgh ' +
  'Amsterdam Brussels Copenhagen Stockholm Oslo Helsinki Reykjavik Zurich Geneva Munich Hamburg ' +
  'Barcelona Valencia Seville Porto Naples Florence Venice Milan Krakow Tallinn Riga Vilnius Istanbul ' +
  'Cairo Marrakech Nairobi Capetown Lagos Dubai Mumbai Delhi Bangalore Bangkok Singapore Jakarta ' +
  'Manila Tokyo Kyoto Osaka Seoul Beijing Shanghai Sydney Melbourne Auckland Toronto Vancouver ' +
  'Montreal Boston Chicago Denver Seattle Portland Austin Houston Miami Atlanta Nashville Phoenix ' +
  'Mexico Lima Bogota Santiago Havana Quito Montevideo Glasgow Bristol Manchester Liverpool Leeds ' +
  'Cork Galway Bordeaux Lyon Marseille Nice Strasbourg Salzburg Innsbruck Bergen Gothenburg Malmo'
).split(' ');

/** Foods and cuisines. */
export const FOODS: readonly string[] = (
  'sushi pizza pasta ramen tacos curry paella risotto dumplings falafel hummus kebab burgers steak ' +
  'salmon oysters lasagna gnocchi pho noodles pancakes waffles croissants bagels chocolate cheesecake ' +
  'tiramisu gelato sorbet popcorn avocado mango pineapple strawberries blueberries cherries olives ' +
  'mushrooms spinach broccoli cauliflower lentils chickpeas tofu tempeh quinoa couscous burritos ' +
  'nachos empanadas ceviche kimchi bibimbap biryani samosas shawarma goulash pierogi borscht baklava'
).split(' ');

/** Hobbies and weekend activities (gerunds or short phrases). */
export const ACTIVITIES: readonly string[] = (
  'hiking;surfing;cycling;running;swimming;climbing;skiing;sailing;kayaking;fishing;camping;painting;' +
  'drawing;pottery;knitting;baking;cooking;gardening;photography;birdwatching;chess;poker;yoga;' +
  'pilates;boxing;dancing;singing;karaoke;gaming;reading novels;writing poetry;playing guitar;' +
  'playing piano;playing violin;learning French;learning Japanese;volunteering at the shelter;' +
  'going to concerts;visiting museums;watching football;playing tennis;playing basketball;' +
  'playing volleyball;scuba diving;horse riding;woodworking;astronomy;meditation'
).split(';');

/** Occupations. */
export const JOBS: readonly string[] = (
  'nurse;teacher;software engineer;architect;accountant;chef;pilot;journalist;lawyer;pharmacist;' +
  'dentist;electrician;plumber;photographer;designer;data scientist;physiotherapist;veterinarian;' +
  'librarian;firefighter;police officer;musician;translator;researcher;professor;carpenter;baker;' +
  'barista;midwife;surgeon;paramedic;economist;geologist;biologist;product manager;sales manager;' +
  'social worker;counselor;real estate agent;mechanic'
).split(';');

/** Organisations. */
export const COMPANIES: readonly string[] = (
  'Acme;Globex;Initech;Umbrella;Hooli;Stark Industries;Wayne Enterprises;Wonka;Cyberdyne;Soylent;' +
  'Tyrell;Aperture;Vandelay;Dunder Mifflin;Oceanic;Monarch;Gringotts;Nakatomi;Pied Piper;Massive Dynamic;' +
  'Blue Sun;Virtucon;Gekko;Prestige Worldwide;Sterling Cooper;Bluth Company;Los Pollos;Krusty Krab'
).split(';');

/** Pet species. */
export const SPECIES: readonly string[] =
  'dog cat rabbit parrot hamster turtle horse goldfish lizard ferret'.split(' ');

/** Pet names (not people's names, so entity lookups stay distinct). */
export const PET_NAMES: readonly string[] = (
  'Biscuit Pepper Luna Milo Coco Rocky Simba Bella Max Charlie Nala Oreo Ziggy Mochi Pickles Waffles ' +
  'Noodle Peanut Shadow Ginger'
).split(' ');

/** Emotions for emotion memories. */
export const EMOTIONS: readonly string[] = (
  'happy sad anxious excited proud nervous grateful frustrated relieved lonely hopeful angry calm ' +
  'overwhelmed curious disappointed content embarrassed inspired worried thrilled exhausted confident'
).split(' ');

/** Life events. */
export const EVENTS: readonly string[] = (
  'wedding;job interview;graduation;birthday party;house move;marathon;concert;road trip;surgery;' +
  'promotion;exam;first date;family reunion;baby shower;art exhibition;book club meeting;conference talk;' +
  'camping trip;cooking class;charity run;piano recital;housewarming;farewell party;dentist appointment;' +
  'football match;anniversary dinner;school play;hackathon;yoga retreat;job offer'
).split(';');

/** Family and social relations, as a user would name them. */
export const RELATIONS: readonly string[] =
  'sister brother mother father partner cousin aunt uncle friend colleague boss neighbour roommate'.split(
    ' ',
  );

/** Everyday nouns and adjectives for filler clauses: they give BM25 its common and rare words. */
export const NOUNS: readonly string[] = (
  'weather traffic garden kitchen apartment office project meeting deadline budget holiday weekend ' +
  'morning evening coffee tea breakfast dinner lunch train flight hotel beach mountain lake river park ' +
  'museum library market bakery restaurant concert movie series podcast book album playlist recipe ' +
  'camera bicycle car phone laptop guitar piano sofa balcony neighbourhood school university course ' +
  'lecture exam thesis report presentation client contract salary rent mortgage doctor appointment ' +
  'medicine vaccine gym workout injury knee shoulder back diet sleep dream vacation passport visa ' +
  'ticket luggage souvenir postcard gift present surprise party wedding ceremony speech song dance'
).split(' ');

/** Adjectives for filler clauses. */
export const ADJECTIVES: readonly string[] = (
  'great terrible lovely awful quiet noisy busy relaxing stressful expensive cheap delicious bland ' +
  'beautiful crowded peaceful exciting boring surprising cosy huge tiny modern old fresh rainy sunny ' +
  'cold warm long short difficult easy strange wonderful disappointing memorable'
).split(' ');

/** Month names, for dates written the way people write them. */
export const MONTHS: readonly string[] =
  'January February March April May June July August September October November December'.split(' ');

/** Seasons. */
export const SEASONS: readonly string[] = ['spring', 'summer', 'autumn', 'winter'];
