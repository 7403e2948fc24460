/**
 * Names of a generated feature: one singular noun in, every spelling the code needs out.
 *
 * `pnpm gen feature line-item` (or `lineItem`, `line_item`, `"line item"`) gives
 * `line-item`/`line-items` (files, URLs), `lineItem`/`lineItems` (variables, Prisma client),
 * `LineItem`/`LineItems` (types, schemas, message namespaces) and `line_item`/`line_items`
 * (tables, audit actions). An irregular plural the rules below get wrong is given after a colon:
 * `person:people`.
 */

/** Plural forms the rules get wrong. */
const IRREGULAR = {
  person: 'people',
  child: 'children',
  man: 'men',
  woman: 'women',
  mouse: 'mice',
  goose: 'geese',
  foot: 'feet',
  tooth: 'teeth',
  ox: 'oxen',
  leaf: 'leaves',
  knife: 'knives',
  life: 'lives',
  wife: 'wives',
  half: 'halves',
  shelf: 'shelves',
  wolf: 'wolves',
  thief: 'thieves',
  loaf: 'loaves',
  calf: 'calves',
  hero: 'heroes',
  potato: 'potatoes',
  tomato: 'tomatoes',
  echo: 'echoes',
  veto: 'vetoes',
  criterion: 'criteria',
  phenomenon: 'phenomena',
  analysis: 'analyses',
  basis: 'bases',
  crisis: 'crises',
  thesis: 'theses',
  index: 'indexes',
  matrix: 'matrices',
  vertex: 'vertices',
  quiz: 'quizzes',
};

/**
 * Nouns whose plural is the singular: a list and one of its rows would share a name (`series` the
 * page, `series` the row), so the generator asks for another word instead.
 */
const UNCOUNTABLE = new Set([
  'equipment',
  'information',
  'news',
  'series',
  'species',
  'sheep',
  'fish',
  'deer',
  'data',
  'metadata',
  'feedback',
  'software',
  'hardware',
  'money',
  'rice',
  'staff',
  'media',
  'moose',
  'aircraft',
  'offspring',
]);

/** The plural of one lowercase English noun. */
export function pluralize(word) {
  if (Object.hasOwn(IRREGULAR, word)) return IRREGULAR[word];
  if (UNCOUNTABLE.has(word)) return word;
  if (/(s|x|z|ch|sh)$/.test(word)) return `${word}es`;
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  return `${word}s`;
}

/** Whether `word` already looks like a plural (so the caller probably meant the singular). */
function looksPlural(word) {
  if (Object.values(IRREGULAR).includes(word) && !Object.hasOwn(IRREGULAR, word)) return true;
  // widgets, projects, invoices — but not status, class, analysis, bus, news.
  return /[^siu]s$/.test(word) && !UNCOUNTABLE.has(word);
}

/** Splits `lineItem`, `line-item`, `line_item`, `Line Item` into `['line', 'item']`. */
export function splitWords(text) {
  return text
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_-]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

const cap = (w) => w.charAt(0).toUpperCase() + w.slice(1);

function forms(words) {
  return {
    kebab: words.join('-'),
    camel: words[0] + words.slice(1).map(cap).join(''),
    pascal: words.map(cap).join(''),
    snake: words.join('_'),
    /** Sentence case for prose: `Line item`. */
    title: cap(words.join(' ')),
    /** Lowercase words for prose inside a sentence: `line item`. */
    lower: words.join(' '),
  };
}

/** Longest singular name: keeps `<plural>_organization_id_created_at_idx` within PostgreSQL's 63. */
export const MAX_NAME_LENGTH = 30;

export class NameError extends Error {
  constructor(message) {
    super(message);
    this.name = 'NameError';
  }
}

/**
 * Every spelling of the feature called `input` (`widget`, `line-item`, `person:people`), or a
 * NameError saying what is wrong with it.
 */
export function featureNames(input) {
  const raw = String(input ?? '').trim();
  if (!raw)
    throw new NameError('Give the feature a name: pnpm gen feature <name>, e.g. pnpm gen feature project');
  const [singularText, pluralText, ...rest] = raw.split(':');
  if (rest.length > 0 || pluralText === '') {
    throw new NameError(`"${raw}": use <singular> or <singular>:<plural>, e.g. person:people`);
  }
  const shape = /^[A-Za-z][A-Za-z0-9]*(?:[ _-][A-Za-z0-9]+)*$/;
  for (const part of [singularText, pluralText].filter((p) => p !== undefined)) {
    if (!shape.test(part.trim())) {
      throw new NameError(
        `"${part}" is not a valid name: use letters and digits, starting with a letter, with words ` +
          'separated by "-", "_", a space or camelCase (e.g. project, line-item, apiToken)',
      );
    }
  }
  const words = splitWords(singularText);
  const kebab = words.join('-');
  if (kebab.length < 2 || kebab.length > MAX_NAME_LENGTH) {
    throw new NameError(`"${kebab}" must be 2 to ${MAX_NAME_LENGTH} characters long`);
  }
  const last = words.at(-1);
  let pluralWords;
  if (pluralText !== undefined) {
    pluralWords = splitWords(pluralText);
  } else {
    if (looksPlural(last)) {
      throw new NameError(
        `"${kebab}" looks plural: give the singular (e.g. ${kebab.replace(/s$/, '')}), the generator ` +
          'derives the plural; for an unusual plural write <singular>:<plural>',
      );
    }
    pluralWords = [...words.slice(0, -1), pluralize(last)];
  }
  const one = forms(words);
  const many = forms(pluralWords);
  if (one.kebab === many.kebab) {
    throw new NameError(
      `"${kebab}" has no distinct plural, so a list and one of its items would share a name: ` +
        'choose a countable noun (e.g. item instead of data) or give one, e.g. series:series-list',
    );
  }
  if (many.kebab.length > MAX_NAME_LENGTH + 3) {
    throw new NameError(`"${many.kebab}" is too long: at most ${MAX_NAME_LENGTH + 3} characters`);
  }
  return {
    /** As typed, for messages. */
    input: raw,
    name: one.kebab,
    names: many.kebab,
    camel: one.camel,
    camelPlural: many.camel,
    pascal: one.pascal,
    pascalPlural: many.pascal,
    snake: one.snake,
    snakePlural: many.snake,
    title: one.title,
    titlePlural: many.title,
    lower: one.lower,
    lowerPlural: many.lower,
    /** The path parameter naming one row: `widgetId`. */
    idParam: `${one.camel}Id`,
  };
}
