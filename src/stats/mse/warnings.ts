/**
 * Honesty built in: the plain-language warnings that go with an estimate, and the method notes
 * that say what the estimate rests on. Every text is in Danish and English.
 */
import { overlapCount, type CellCounts } from './capture-table.js';
import { allPairs, pairMask, pairName, type Pair } from './design.js';
import type { ModelSelection } from './stepwise.js';
import { bilingual, formatNumber, formatP, joinNames, type Lang, type Text } from './text.js';

/** One warning: a stable code for programs, and the sentence for people. */
export interface MseWarning {
  code:
    | 'small_counts'
    | 'empty_overlaps'
    | 'edge_of_existence'
    | 'estimate_over_ten_times_observed'
    | 'unbounded_interval'
    | 'bootstrap_not_estimable'
    | 'bootstrap_no_bca';
  text: Text;
}

/** Overlaps below this many people are "small": one or two more found would move the estimate. */
export const SMALL_OVERLAP = 5;
/** Fewer people than this observed in all is "few". */
export const FEW_OBSERVED = 50;
/** A pair in the model resting on this many people or fewer would be −∞ without one or two of them. */
const EDGE_OVERLAP = 2;

const MAX_NAMED = 6;

function nameList(names: string[], lang: Lang): string {
  if (names.length <= MAX_NAMED) return joinNames(names, lang);
  const rest = names.length - MAX_NAMED;
  return `${names.slice(0, MAX_NAMED).join(', ')} ${lang === 'da' ? `og ${rest} andre` : `and ${rest} more`}`;
}

/** What {@link estimateWarnings} looks at. */
export interface WarningContext {
  lists: readonly string[];
  counts: CellCounts;
  observed: number;
  selection: ModelSelection;
  totalEstimate: number;
  profileHigh: number;
}

/** The warnings for one estimate. */
export function estimateWarnings(context: WarningContext): MseWarning[] {
  const { lists, counts, observed, selection } = context;
  const warnings: MseWarning[] = [];
  const pairs = allPairs(lists.length).map((pair) => ({ pair, count: overlapCount(counts, pairMask(pair)) }));

  const smallPairs = pairs.filter((p) => p.count > 0 && p.count < SMALL_OVERLAP);
  const smallLists = lists.filter((_, i) => overlapCount(counts, 1 << i) < SMALL_OVERLAP);
  if (observed < FEW_OBSERVED || smallPairs.length > 0 || smallLists.length > 0) {
    const pairNames = smallPairs.map((p) => `${pairName(p.pair, lists)} (${p.count})`);
    warnings.push({
      code: 'small_counts',
      text: bilingual((lang) => {
        const parts: string[] = [];
        const da = lang === 'da';
        if (observed < FEW_OBSERVED) parts.push(da ? `kun ${observed} personer er observeret i alt` : `only ${observed} people were observed in all`);
        if (smallLists.length > 0) parts.push(da ? `under ${SMALL_OVERLAP} personer på ${nameList(smallLists, lang)}` : `fewer than ${SMALL_OVERLAP} people on ${nameList(smallLists, lang)}`);
        if (pairNames.length > 0) parts.push(da ? `under ${SMALL_OVERLAP} personer fælles for ${nameList(pairNames, lang)}` : `fewer than ${SMALL_OVERLAP} people in common for ${nameList(pairNames, lang)}`);
        return da
          ? `Små tal: ${parts.join('; ')}. Skønnet hviler på få personer og kan flytte sig meget, hvis blot nogle få flere findes.`
          : `Small counts: ${parts.join('; ')}. The estimate rests on few people and can move a lot if only a few more are found.`;
      }),
    });
  }

  const emptyPairs = pairs.filter((p) => p.count === 0).map((p) => p.pair);
  if (emptyPairs.length > 0) {
    const inModel = new Set(selection.fit.design.emptyPairs.map((p) => pairName(p, lists)));
    const names = emptyPairs.map((p) => pairName(p, lists));
    const modelled = names.filter((n) => inModel.has(n));
    warnings.push({
      code: 'empty_overlaps',
      text: bilingual((lang) => {
        const da = lang === 'da';
        const base = da
          ? `Tomme overlap: ingen personer står på begge lister i ${names.length === 1 ? 'parret' : 'parrene'} ${nameList(names, lang)}. Det kan betyde, at listerne udelukker hinanden (fx forskellige aldersgrupper), eller blot at tallene er små.`
          : `Empty overlaps: nobody is on both lists of the ${names.length === 1 ? 'pair' : 'pairs'} ${nameList(names, lang)}. It can mean the lists exclude each other (for example different age groups), or only that the numbers are small.`;
        if (modelled.length === 0) return base;
        return base + (da
          ? ` Modellen behandler ${nameList(modelled, lang)} som udelukkende hinanden (parameter −∞), og skønnet afhænger af det valg.`
          : ` The model treats ${nameList(modelled, lang)} as excluding each other (parameter −∞), and the estimate depends on that choice.`);
      }),
    });
  }

  const refused = uniqueRefused(selection);
  const thinPairs = selection.fit.design.finitePairs
    .map((pair) => ({ pair, count: overlapCount(counts, pairMask(pair)) }))
    .filter((p) => p.count <= EDGE_OVERLAP);
  const atEdge = selection.fit.design.emptyPairs.length > 0 || refused.length > 0 || thinPairs.length > 0;
  if (atEdge) {
    warnings.push({
      code: 'edge_of_existence',
      text: bilingual((lang) => {
        const da = lang === 'da';
        const reasons: string[] = [];
        if (refused.length > 0) {
          const names = refused.map((r) => `${pairName(r.pair, lists)} (p = ${formatP(r.p, lang)})`);
          reasons.push(da
            ? `data peger på en sammenhæng mellem ${nameList(names, lang)}, men den kan ikke tages med, fordi skønnet så ikke ville findes eller ikke kunne bestemmes`
            : `the data point to a dependence between ${nameList(names, lang)}, but it cannot be included because the estimate would then not exist or not be determined`);
        }
        if (selection.fit.design.emptyPairs.length > 0) {
          reasons.push(da ? 'modellen indeholder tomme overlap (parametre på −∞)' : 'the model contains empty overlaps (parameters at −∞)');
        }
        if (thinPairs.length > 0) {
          const names = thinPairs.map((p) => `${pairName(p.pair, lists)} (${p.count})`);
          reasons.push(da
            ? `samspillet ${nameList(names, lang)} hviler på højst ${EDGE_OVERLAP} fælles personer; uden dem ville parameteren være −∞`
            : `the interaction ${nameList(names, lang)} rests on at most ${EDGE_OVERLAP} people in common; without them its parameter would be −∞`);
        }
        return da
          ? `Modellen er på kanten af, hvad data kan bære: ${reasons.join('; ')}. Læs skønnet med forsigtighed.`
          : `The model is at the edge of what the data can carry: ${reasons.join('; ')}. Read the estimate with care.`;
      }),
    });
  }

  if (context.totalEstimate > 10 * observed) {
    const ratio = context.totalEstimate / observed;
    warnings.push({
      code: 'estimate_over_ten_times_observed',
      text: bilingual((lang) =>
        lang === 'da'
          ? `Skønnet er ${formatNumber(ratio, lang, 1)} gange det observerede antal. Så store mørketal bygger på en lang ekstrapolation fra få overlap; tjek antagelserne, før tallet bruges.`
          : `The estimate is ${formatNumber(ratio, lang, 1)} times the number observed. A hidden number that large is a long extrapolation from few overlaps; check the assumptions before the number is used.`,
      ),
    });
  }

  if (!Number.isFinite(context.profileHigh)) {
    warnings.push({
      code: 'unbounded_interval',
      text: bilingual((lang) =>
        lang === 'da'
          ? 'Profil-likelihood-intervallet har ingen øvre grænse: data udelukker ikke et vilkårligt stort mørketal.'
          : 'The profile-likelihood interval has no upper bound: the data do not rule out an arbitrarily large hidden number.',
      ),
    });
  }
  return warnings;
}

function uniqueRefused(selection: ModelSelection): { pair: Pair; p: number }[] {
  const byName = new Map<string, { pair: Pair; p: number }>();
  for (const refused of selection.refused) {
    const key = `${refused.pair[0]}:${refused.pair[1]}`;
    const seen = byName.get(key);
    if (!seen || refused.p < seen.p) byName.set(key, { pair: refused.pair, p: refused.p });
  }
  return [...byName.values()];
}

/** One method note: what the estimate rests on. */
export interface MseMethodNote {
  code: string;
  text: Text;
}

/** The method notes for an estimate made with the given model choice. */
export function methodNotes(selection: ModelSelection): MseMethodNote[] {
  const notes: MseMethodNote[] = [];
  notes.push({
    code: 'method',
    text: bilingual((lang) => {
      const da = lang === 'da';
      if (selection.method === 'independence') {
        return da
          ? 'Metode: log-lineær Poisson-model med hovedeffekter (listerne antages uafhængige), tilpasset med iterativt vægtede mindste kvadraters metode. Mørketallet er exp(skæringsled).'
          : 'Method: Poisson log-linear model with main effects (the lists are assumed independent), fitted by iteratively reweighted least squares. The hidden number is exp(intercept).';
      }
      const threshold = formatNumber(selection.threshold ?? 0, lang, 2);
      return da
        ? `Metode: trinvis modelvalg efter Chan, Silverman & Vincent (2021), som i R-pakken SparseMSE, med tærskel ${threshold}. Der startes med hovedeffekter; ét listepar ad gangen tilføjes, hvis dets overlap er usandsynligt under den hidtidige model (Poisson-p-værdi under tærsklen), og kun hvis skønnet stadig findes og kan bestemmes (Fienberg–Rinaldo-lineærprogram og designmatricens rang).`
        : `Method: stepwise model choice after Chan, Silverman & Vincent (2021), as in the R package SparseMSE, with threshold ${threshold}. It starts from main effects and adds one pair of lists at a time if their overlap is unlikely under the model so far (Poisson p-value below the threshold), and only if the estimate still exists and is determined (Fienberg–Rinaldo linear program and the rank of the design matrix).`;
    }),
  });
  notes.push({
    code: 'closed_population',
    text: bilingual((lang) =>
      lang === 'da'
        ? 'Antagelse: lukket population. De samme personer kunne i princippet stå på alle lister i hele perioden; ingen flytter til eller fra, og alle er lige længe i perioden.'
        : 'Assumption: a closed population. The same people could in principle be on every list over the whole period; nobody moves in or out, and everyone is there for the whole period.',
    ),
  });
  notes.push({
    code: 'dependence',
    text: bilingual((lang) =>
      lang === 'da'
        ? 'Antagelse: afhængighed mellem listerne fanges kun gennem de parvise samspil, modellen har med. Samspil mellem tre eller flere lister og samspil, modellen ikke valgte, antages at være nul.'
        : 'Assumption: dependence between the lists is captured only through the pairwise interactions in the model. Interactions among three or more lists, and those the model did not choose, are assumed to be zero.',
    ),
  });
  notes.push({
    code: 'heterogeneity',
    text: bilingual((lang) =>
      lang === 'da'
        ? 'Antagelse: forskelle mellem personer i, hvor let de ses (heterogenitet), modelleres ikke ud over det, de parvise samspil opfanger. Er nogle grupper næsten usynlige for alle lister, undervurderer skønnet mørketallet.'
        : 'Assumption: differences between people in how easily they are seen (heterogeneity) are not modelled beyond what the pairwise interactions absorb. If some groups are almost invisible to every list, the estimate understates the hidden number.',
    ),
  });
  notes.push({
    code: 'matching',
    text: bilingual((lang) =>
      lang === 'da'
        ? 'Antagelse: samme person genkendes sikkert på tværs af listerne (pseudonym personnøgle), og ingen står der to gange under forskellige nøgler.'
        : 'Assumption: the same person is recognised reliably across the lists (pseudonymous person key), and nobody appears twice under different keys.',
    ),
  });
  notes.push({
    code: 'intervals',
    text: bilingual((lang) =>
      lang === 'da'
        ? '95 %-intervaller: profil-likelihood (hovedintervallet) og Wald (til sammenligning) er betingede af den valgte model. Bootstrap-intervallet (percentil og BCa) gentager modelvalget i hver genudtrækning og tager derfor også usikkerheden ved modelvalget med.'
        : '95 % intervals: profile likelihood (the main interval) and Wald (for comparison) are conditional on the chosen model. The bootstrap interval (percentile and BCa) repeats the model choice in every resample and so also carries the uncertainty of choosing the model.',
    ),
  });
  return notes;
}
