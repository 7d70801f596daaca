/** How the page and the exports write counts, estimates, intervals and source names. */
import { formatNumber, type Lang, type Translate } from '../../platform/i18n/index.js';
import type { IntervalJson } from '../../stats/mse/index.js';
import { formatP } from '../../stats/mse/text.js';
import type { PairIndex } from './analysis.js';
import type { SourceSector } from './schemas.js';
import { shownText, type Shown } from './suppression.js';

/** Whole people (estimates are rounded: a hidden number of 86.4 people is "86"). */
export function formatCount(lang: Lang, value: number): string {
  return formatNumber(lang, Math.round(value), 0);
}

/**
 * An estimate or interval end in whole people, as the API and a stored bootstrap give it. The
 * engine's last decimals depend on the whole table (where its iterations start and stop), not
 * only on the shown counts, so exact values could be traced back to a small count.
 */
export function wholePeople(value: number | null): number | null {
  return value === null ? null : Math.round(value);
}

/** A count after suppression: the number, "<5" or "–". */
export function formatShown(lang: Lang, shown: Shown): string {
  return shownText(shown, (value) => formatCount(lang, value));
}

/** The two ends of an interval as text; an open upper end reads "no upper bound". */
export function formatInterval(lang: Lang, t: Translate, interval: IntervalJson | null): { low: string; high: string; both: string } {
  if (!interval) return { low: '–', high: '–', both: '–' };
  const low = interval[0] === null ? '0' : formatCount(lang, interval[0]);
  const high = interval[1] === null ? t('darkfigure.noUpper') : formatCount(lang, interval[1]);
  return { low, high, both: `${low} – ${high}` };
}

export function formatExpected(lang: Lang, value: number): string {
  return formatNumber(lang, value, 1);
}

export function formatPValue(lang: Lang, p: number): string {
  return formatP(p, lang);
}

export function sectorName(t: Translate, sector: SourceSector): string {
  return t(`sector.${sector}`);
}

/** "A og B" for a pair, by list positions. */
export function pairName(t: Translate, lists: readonly SourceSector[], [i, j]: PairIndex): string {
  return t('darkfigure.csv.both', { a: sectorName(t, lists[i]), b: sectorName(t, lists[j]) });
}

/** Several items as "A, B og C" in the page's language. */
export function joinList(lang: Lang, items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${lang === 'da' ? 'og' : 'and'} ${items[items.length - 1]}`;
}
