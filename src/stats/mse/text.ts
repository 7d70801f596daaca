/**
 * Every sentence the MSE engine shows a person exists in Danish and English, so the command,
 * the web page and a PDF export can pick the language without asking the engine again.
 */

/** The report languages. Danish is the default everywhere in Selvbestemt. */
export type Lang = 'da' | 'en';

/** One sentence in both languages. */
export interface Text {
  da: string;
  en: string;
}

/** Narrows a user-supplied language code. */
export function isLang(value: unknown): value is Lang {
  return value === 'da' || value === 'en';
}

/**
 * Formats a number for people: Danish uses "." for thousands and "," for decimals, English the
 * reverse. Written out rather than with toLocaleString, whose first call loads the ICU locale
 * data and costs the command line ~15 ms.
 */
export function formatNumber(value: number, lang: Lang, fractionDigits = 0): string {
  if (!Number.isFinite(value)) return value > 0 ? '∞' : value < 0 ? '−∞' : '–';
  const [whole, fraction] = Math.abs(value).toFixed(fractionDigits).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'da' ? '.' : ',');
  const sign = value < 0 && Number(whole + (fraction ?? '')) !== 0 ? '-' : '';
  return sign + grouped + (fraction ? (lang === 'da' ? ',' : '.') + fraction : '');
}

/** Formats a p-value compactly (scientific notation below 0.001). */
export function formatP(p: number, lang: Lang): string {
  if (p >= 0.001) return formatNumber(p, lang, 3);
  const [mantissa, exponent] = p.toExponential(1).split('e');
  const m = lang === 'da' ? mantissa.replace('.', ',') : mantissa;
  return `${m}·10^${Number(exponent)}`;
}

/** Joins names as "A, B og C" / "A, B and C". */
export function joinNames(names: readonly string[], lang: Lang): string {
  if (names.length <= 1) return names.join('');
  const last = names[names.length - 1];
  return `${names.slice(0, -1).join(', ')} ${lang === 'da' ? 'og' : 'and'} ${last}`;
}

/** Builds a {@link Text} from one function of the language. */
export function bilingual(make: (lang: Lang) => string): Text {
  return { da: make('da'), en: make('en') };
}
