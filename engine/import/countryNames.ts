/**
 * Country name → ISO 3166 alpha-2, for Meta's country-mapping file when it has no ISO column.
 * English names come from `Intl.DisplayNames` for the codes of a market mapping (pure ECMA-402,
 * no I/O); the aliases add the spellings Meta's pricing page uses that differ from those names
 * (research notes: `Ivory Coast`, `Swaziland`, `Czech Republic`,
 * `Republic of the Congo (Brazzaville)`…) and other common ones.
 */

const ALIASES: Readonly<Record<string, string>> = {
  'ivory coast': 'CI',
  'cote d ivoire': 'CI',
  swaziland: 'SZ',
  eswatini: 'SZ',
  'czech republic': 'CZ',
  czechia: 'CZ',
  'republic of the congo brazzaville': 'CG',
  'republic of the congo': 'CG',
  'congo brazzaville': 'CG',
  'democratic republic of the congo': 'CD',
  'democratic republic of congo': 'CD',
  'dr congo': 'CD',
  'congo kinshasa': 'CD',
  'north macedonia': 'MK',
  macedonia: 'MK',
  turkey: 'TR',
  turkiye: 'TR',
  russia: 'RU',
  'russian federation': 'RU',
  'south korea': 'KR',
  'korea republic of': 'KR',
  'hong kong': 'HK',
  macau: 'MO',
  macao: 'MO',
  myanmar: 'MM',
  burma: 'MM',
  palestine: 'PS',
  'palestinian territories': 'PS',
  'vatican city': 'VA',
  'cape verde': 'CV',
  'east timor': 'TL',
  'timor leste': 'TL',
  laos: 'LA',
  vietnam: 'VN',
  syria: 'SY',
  iran: 'IR',
  brunei: 'BN',
  moldova: 'MD',
  tanzania: 'TZ',
  bolivia: 'BO',
  venezuela: 'VE',
  usa: 'US',
  'united states of america': 'US',
  uk: 'GB',
  'great britain': 'GB',
  gambia: 'GM',
  'the gambia': 'GM',
  bahamas: 'BS',
  'the bahamas': 'BS',
  micronesia: 'FM',
  uae: 'AE',
};

/** Lower case, no diacritics, `&` → `and`, punctuation → space, single spaces. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** A lookup from normalised country names to ISO alpha-2, for the given codes. */
export function countryNameIndex(isoCodes: Iterable<string>): (name: string) => string | null {
  const index = new Map<string, string>();
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  } catch {
    names = null; // a runtime without display names: aliases and ISO codes only
  }
  for (const iso of isoCodes) {
    index.set(iso.toLowerCase(), iso);
    const name = names?.of(iso);
    if (name !== undefined && name !== iso) {
      index.set(normaliseName(name), iso);
      // "Myanmar (Burma)", "Hong Kong SAR China": also the part before.
      const head = name.split(/ \(| SAR /)[0];
      if (head !== undefined && head !== name && !index.has(normaliseName(head)))
        index.set(normaliseName(head), iso);
    }
  }
  for (const [alias, iso] of Object.entries(ALIASES)) index.set(alias, iso);
  return (name: string) => index.get(normaliseName(name)) ?? null;
}
