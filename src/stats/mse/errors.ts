/**
 * The two ways the engine refuses to give a number: the input is wrong ({@link MseInputError},
 * always naming the line when there is one), or the input is fine but the model's
 * maximum-likelihood estimate does not exist or is not identifiable ({@link MseNotEstimableError}).
 * Both carry the message in Danish and English so every caller can show it as it is.
 */
import { bilingual, type Lang, type Text } from './text.js';

/** What is wrong with an input table. */
export type MseInputErrorKey =
  | 'empty_file'
  | 'csv_syntax'
  | 'too_few_lists'
  | 'too_many_lists'
  | 'empty_column_name'
  | 'duplicate_column'
  | 'wrong_field_count'
  | 'not_binary'
  | 'bad_count'
  | 'negative_count'
  | 'fractional_count'
  | 'all_zero_row'
  | 'no_rows'
  | 'nobody_observed'
  | 'empty_list'
  | 'file_unreadable'
  | 'file_too_large';

/** Values a message is built from; also exposed for callers that build their own text. */
export interface MseInputErrorDetails {
  column?: string;
  value?: string;
  expected?: number;
  found?: number;
  lists?: number;
  detail?: string;
}

/** Input the engine cannot use. `line` is the 1-based line in the file (the header is line 1). */
export class MseInputError extends Error {
  readonly key: MseInputErrorKey;
  readonly line: number | null;
  readonly details: MseInputErrorDetails;
  readonly text: Text;

  constructor(key: MseInputErrorKey, line: number | null, details: MseInputErrorDetails = {}) {
    const text = bilingual((lang) => inputErrorMessage(key, line, details, lang));
    super(text.en);
    this.name = 'MseInputError';
    this.key = key;
    this.line = line;
    this.details = details;
    this.text = text;
  }
}

function inputErrorMessage(key: MseInputErrorKey, line: number | null, d: MseInputErrorDetails, lang: Lang): string {
  const where = line === null ? '' : lang === 'da' ? `Linje ${line}: ` : `Line ${line}: `;
  const da = lang === 'da';
  const col = d.column ?? '';
  const value = d.value ?? '';
  switch (key) {
    case 'empty_file':
      return where + (da
        ? 'filen er tom. Første linje skal være en overskrift med et navn for hver liste og "count".'
        : 'the file is empty. The first line must be a header naming each list, then "count".');
    case 'csv_syntax':
      return where + (da ? `filen kan ikke læses som CSV (${d.detail ?? ''}).` : `the file cannot be read as CSV (${d.detail ?? ''}).`);
    case 'too_few_lists':
      return where + (da
        ? `der skal være mindst 2 lister (kolonner med 0/1), men der er ${d.lists ?? 0}. Med én liste kan intet skønnes.`
        : `there must be at least 2 lists (0/1 columns), but there are ${d.lists ?? 0}. Nothing can be estimated from one list.`);
    case 'too_many_lists':
      return where + (da
        ? `der er ${d.lists ?? 0} lister; højst 10 er understøttet. Slå lister sammen eller udelad nogle.`
        : `there are ${d.lists ?? 0} lists; at most 10 are supported. Merge or leave out some lists.`);
    case 'empty_column_name':
      return where + (da ? 'en kolonne i overskriften har intet navn.' : 'a column in the header has no name.');
    case 'duplicate_column':
      return where + (da ? `kolonnen "${col}" står to gange i overskriften.` : `the column "${col}" appears twice in the header.`);
    case 'wrong_field_count':
      return where + (da
        ? `der skal være ${d.expected} felter som i overskriften, men der er ${d.found}.`
        : `there must be ${d.expected} fields as in the header, but there are ${d.found}.`);
    case 'not_binary':
      return where + (da
        ? `listen "${col}" skal være 0 eller 1, men er "${value}".`
        : `list "${col}" must be 0 or 1, but is "${value}".`);
    case 'bad_count':
      return where + (da ? `antallet "${value}" er ikke et tal.` : `the count "${value}" is not a number.`);
    case 'negative_count':
      return where + (da ? `antallet ${value} er negativt.` : `the count ${value} is negative.`);
    case 'fractional_count':
      return where + (da ? `antallet ${value} er ikke et helt tal.` : `the count ${value} is not a whole number.`);
    case 'all_zero_row':
      return where + (da
        ? 'rækken har 0 på alle lister. Personer, der ikke er på nogen liste, kan ikke tælles: det er dem, der skønnes over.'
        : 'the row has 0 on every list. People on no list cannot be counted: they are what is being estimated.');
    case 'no_rows':
      return where + (da ? 'filen har en overskrift, men ingen rækker.' : 'the file has a header but no rows.');
    case 'nobody_observed':
      return where + (da ? 'alle antal er 0: ingen er observeret.' : 'every count is 0: nobody was observed.');
    case 'empty_list':
      return where + (da
        ? `listen "${col}" har ingen personer. Den bidrager ikke med noget; fjern kolonnen.`
        : `list "${col}" has nobody on it. It adds nothing; remove the column.`);
    case 'file_unreadable':
      return where + (da ? `filen kan ikke læses (${d.detail ?? ''}).` : `the file cannot be read (${d.detail ?? ''}).`);
    case 'file_too_large':
      return where + (da ? `filen er for stor (${d.detail ?? ''}).` : `the file is too large (${d.detail ?? ''}).`);
  }
}

/** Why a model has no estimate. */
export type MseNotEstimableKey = 'estimate_does_not_exist' | 'not_identifiable';

/**
 * The data and the model are valid, but the maximum-likelihood estimate of the unseen number
 * does not exist (the Fienberg–Rinaldo linear program has optimum 0: some cell is forced to be
 * empty, so a parameter runs off to ±∞) or the model is not identifiable (rank-deficient design).
 */
export class MseNotEstimableError extends Error {
  readonly key: MseNotEstimableKey;
  readonly text: Text;

  /** The pairs in the model, as "A:B". */
  readonly interactions: string[];

  constructor(key: MseNotEstimableKey, interactions: readonly string[]) {
    const text = bilingual((lang) =>
      notEstimableMessage(key, [lang === 'da' ? 'hovedeffekter' : 'main effects', ...interactions].join(' + '), lang),
    );
    super(text.en);
    this.name = 'MseNotEstimableError';
    this.key = key;
    this.text = text;
    this.interactions = [...interactions];
  }
}

function notEstimableMessage(key: MseNotEstimableKey, model: string, lang: Lang): string {
  if (lang === 'da') {
    return key === 'estimate_does_not_exist'
      ? `Mørketallet kan ikke skønnes: for modellen ${model} findes der ikke et endeligt maksimum-likelihood-skøn med disse data ` +
          '(fx ingen personer på to lister samtidig, når der kun er to lister, eller en liste, som alle observerede står på).'
      : `Mørketallet kan ikke skønnes: modellen ${model} har flere parametre, end disse data kan bestemme.`;
  }
  return key === 'estimate_does_not_exist'
    ? `The hidden number cannot be estimated: for the model ${model} no finite maximum-likelihood estimate exists with these data ` +
        '(for example nobody on both lists when there are only two, or a list that every observed person is on).'
    : `The hidden number cannot be estimated: the model ${model} has more parameters than these data can determine.`;
}
