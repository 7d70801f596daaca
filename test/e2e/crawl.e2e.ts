/**
 * A crawl of the staff application as every role, in the demo municipality ("Demokommune",
 * seeded by `seedDemo` exactly as `npm run demo` does, one demo user per role).
 *
 * Each role logs in (password + TOTP) and goes breadth-first from home through same-origin
 * links and GET forms (search, filters, the hidden-number query), at most PAGES_DA pages and
 * PER_PATTERN pages per URL pattern (links that differ only by ids are one pattern; which
 * examples, is spread over the list and differs from role to role, deterministically). When
 * every role is done, each switches to English with the header's language link and checks
 * PAGES_EN of the pages it found, patterns no earlier role was given first. On every page: status 200, axe WCAG 2.1 A/AA, no console
 * or script errors, failed requests or 5xx, `<html lang>` is the chosen language, no raw
 * message keys or `{placeholder}`s, no text from the other language's catalog, no Danish text
 * of bilingual content on an English page (and the reverse), and no clearly other-language
 * chrome written into a page (data, i.e. what the database holds and the demo's "DEMO" texts,
 * is left out). Files (CSV, PDF, attachments, JSON) are fetched with the session and must
 * answer 200 with a fitting content type. Server log errors count too. Everything is collected
 * and reported at once at the end, so one run shows every defect.
 *
 * Not followed: the language switch (`/sprog` stores the user's choice; it is used once, on
 * purpose), log-in/log-out, activation and setup pages, and external links. Two things are
 * added first, through the pages as a user would: the administrator starts a draft of the
 * citizen site (the editor's pages exist only for a draft), and the adviser attaches a small
 * text file to a case (the demo has none), so those pages and an attachment download are
 * checked too.
 * The first test doctors a page with one defect of each kind to prove the checks see them.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_SECTORS } from '../../src/features/darkfigure/demo.js';
import { seedDemo, type DemoCredential } from '../../src/features/demo/seed.js';
import type { Role } from '../../src/platform/access/roles.js';
import { catalogKeys, translator, type Lang } from '../../src/platform/i18n/index.js';
import { axeViolations, formatViolations, launchBrowser, logInAs, openPage, startE2eServer, type E2eServer, type TestUser } from './support/index.js';

/**
 * Pages per role, and examples per pattern. CRAWL_PAGES_DA=150 CRAWL_PAGES_EN=150
 * CRAWL_PER_PATTERN=8 crawls everything the demo links to (about three minutes); CRAWL_VERBOSE=1
 * prints every page, file, unreached pattern and full axe report.
 */
const PAGES_DA = Number(process.env.CRAWL_PAGES_DA ?? 40);
const PAGES_EN = Number(process.env.CRAWL_PAGES_EN ?? 15);
/** A variant by query string alone (a print view, ?version=) gets one example per role. */
const PER_PATTERN = Number(process.env.CRAWL_PER_PATTERN ?? 2);
const PER_QUERY_VARIANT = 1;
/** Roles crawled at the same time, each in its own browser context (axe is CPU-bound: more does not help on 2 cores). */
const CONCURRENCY = 3;

/** One demo user per role (src/features/demo/seed.ts). */
const CRAWLERS: { role: Role; username: string }[] = [
  { role: 'adviser', username: 'raadgiver' },
  { role: 'manager', username: 'leder' },
  { role: 'admin', username: 'admin' },
  { role: 'caseworker', username: 'sagsbehandler' },
  { role: 'professional', username: 'laerer' },
  { role: 'partner', username: 'partner' },
  { role: 'mentor', username: 'mentor' },
  { role: 'dpo', username: 'dpo' },
];

let server: E2eServer;
let browser: Browser;
let baseURL: string;
let credentials: DemoCredential[];
let tenantId: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]);
  const demo = await seedDemo(server.deps);
  credentials = demo.credentials;
  tenantId = demo.tenantId;
  // As `npm run demo` does: the demo municipality answers on every host name without one of its
  // own (here 127.0.0.1, which Node can resolve too, for the downloads fetched with page.request).
  server.deps.tenants.setDefault(demo.tenantSlug);
  baseURL = server.url;
  dataTexts = await loadDataTexts();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/**
 * Every text the municipality's rows hold in plain columns (team and user names, "do not"
 * items, vignettes, citizen-site texts …): data is shown as entered, in whatever language, so
 * it is taken out before a text is judged as UI chrome. Longest first, for removal.
 */
let dataTexts: { all: Set<string>; byLength: string[]; translated: Record<Lang, Set<string>> } = { all: new Set(), byLength: [], translated: { da: new Set(), en: new Set() } };

async function loadDataTexts(): Promise<typeof dataTexts> {
  const db = server.deps.db;
  const columns = (await db.unsafeOwnerQuery<{ table_name: string; column_name: string; data_type: string }>(
    `select c.table_name, c.column_name, c.data_type from information_schema.columns c
      where c.table_schema = 'public' and c.data_type in ('text', 'character varying', 'jsonb', 'json') and c.column_name <> 'tenant_id'
        and exists (select 1 from information_schema.columns t where t.table_schema = 'public' and t.table_name = c.table_name and t.column_name = 'tenant_id')`,
  )).rows;
  const all = new Set<string>();
  // Content kept in both languages ({ da, en } in JSON: the screening instrument, action plans, …)
  // is not free data: each language must show its own version.
  const translated: Record<Lang, Set<string>> = { da: new Set(), en: new Set() };
  const collect = (value: unknown): void => {
    if (typeof value === 'string') {
      const text = normalize(value);
      if (text.length >= 3 && text.length <= 2000) all.add(text);
    } else if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (typeof record.da === 'string' && typeof record.en === 'string') {
        if (normalize(record.da) !== normalize(record.en)) {
          translated.da.add(normalize(record.da));
          translated.en.add(normalize(record.en));
        }
        for (const [key, other] of Object.entries(record)) if (key !== 'da' && key !== 'en') collect(other);
      } else Object.values(record).forEach(collect);
    }
  };
  for (const { table_name: table, column_name: column, data_type: type } of columns) {
    if (table.startsWith('audit') || table === 'sessions') continue;
    const { rows } = await db.unsafeOwnerQuery<{ value: unknown }>(`select distinct "${column}" as value from "${table}" where tenant_id = $1 and "${column}" is not null limit 5000`, [tenantId]);
    for (const { value } of rows) collect(type.startsWith('json') && typeof value === 'string' ? JSON.parse(value) : value);
  }
  collect('Demokommune');
  for (const lang of ['da', 'en'] as const) for (const text of translated[lang]) all.delete(text);
  return { all, byLength: [...all].sort((a, b) => b.length - a.length), translated };
}

/** Whether the text is a piece of a longer data text (a paragraph of a vignette, say). */
function partOfData(text: string): boolean {
  return dataTexts.byLength.some((data) => data.length > text.length && data.includes(text));
}

/** The text with every data string in it (from the database, or shown as data on the page) blanked out. */
function withoutData(text: string, pageData: string[]): string {
  let rest = text;
  for (const data of [...pageData, ...dataTexts.byLength]) if (data.length <= rest.length && rest.includes(data)) rest = rest.split(data).join(' ');
  return rest;
}

// ---------------------------------------------------------------------------------------------
// Links

/** Path segments that are ids: UUIDs, numbers, references such as H-2025-00001 or S-2025-00001. */
const ID_SEGMENT = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+|[A-Z]{1,3}-\d{4}-\d+)$/i;

/**
 * Routes whose parameters are names rather than ids (src/features/*\/routes.tsx): one pattern
 * each, or the eight professional groups' action plans would fill a role's whole budget.
 */
const NAMED_PARAMETER_ROUTES = [
  '/handleplaner/:group/:level',
  '/handleplaner/:group/:level/rediger',
  '/admin/regler/:key',
  '/admin/borgersite/hjaelpeliste/ny',
  '/admin/borgersite/hjaelpeliste/:entry',
  '/admin/borgersite/tekster/:lang/:section',
  // One pattern per citizen language: the five previews (Arabic right to left) differ in more than an id.
  ...['da', 'en', 'ar', 'so', 'tr'].map((lang) => `/admin/borgersite/forhaandsvisning/${lang}/:page`),
].map((route) => ({ route, pattern: new RegExp(`^${route.replace(/:\w+/g, '[^/]+')}$`) }));

/** Links that differ only by ids (in the path or in query values) are one pattern. */
function patternOf(url: URL): string {
  const path = NAMED_PARAMETER_ROUTES.find((candidate) => candidate.pattern.test(url.pathname))?.route
    ?? url.pathname.split('/').map((segment) => (ID_SEGMENT.test(decodeURIComponent(segment)) ? ':id' : segment)).join('/');
  const keys = [...new Set([...url.searchParams.keys()])].sort();
  return keys.length ? `${path}?${keys.map((key) => {
    const values = url.searchParams.getAll(key);
    return `${key}=${values.every((value) => ID_SEGMENT.test(value)) ? ':id' : values.join(',')}`;
  }).join('&')}` : path;
}

/**
 * Never followed: they change the session or stored settings, or are not the signed-in
 * application. Every other GET route only reads (src/features/*\/routes.tsx): pages such as
 * /sager/:id/luk or …/bilag/:id/fjern are confirmation forms, and acting on them takes a POST.
 */
const SKIPPED_PATHS = [/^\/sprog$/, /^\/logout$/, /^\/login(\/|$)/, /^\/activate\//, /^\/setup\//, /^\/account\/logout-everywhere$/];

type LinkKind = { kind: 'page' } | { kind: 'download' } | { kind: 'skip'; why: string };

function classify(url: URL, origin: string, hasDownloadAttribute: boolean): LinkKind {
  if (url.origin !== origin) return { kind: 'skip', why: 'external' };
  if (SKIPPED_PATHS.some((pattern) => pattern.test(url.pathname))) return { kind: 'skip', why: 'session or settings' };
  if (hasDownloadAttribute || /\.(csv|pdf|json|zip|xlsx?|txt|svg|png)$/i.test(url.pathname)) return { kind: 'download' };
  if (/\/bilag\/[^/]+$/.test(url.pathname)) return { kind: 'download' }; // a case attachment
  if (url.pathname.startsWith('/api/') && url.pathname !== '/api/v1/docs') return { kind: 'download' };
  if (url.pathname.startsWith('/static/')) return { kind: 'download' };
  return { kind: 'page' };
}

/** What a download must be served as, by its path. */
function expectedContentType(url: URL): RegExp {
  if (/\.csv$/i.test(url.pathname)) return /^text\/csv\b/;
  if (/\.pdf$/i.test(url.pathname)) return /^application\/pdf\b/;
  if (/\.json$/i.test(url.pathname) || url.pathname.startsWith('/api/')) return /^application\/(?:[\w.+-]+\+)?json\b/;
  // An attachment is whatever was uploaded, but never our own HTML page (an error or login page).
  return /^(?!text\/html)[\w.+-]+\/[\w.+-]+/;
}

// ---------------------------------------------------------------------------------------------
// Language checks, built from the staff catalogs the server registered.

const normalize = (text: string) => text.replace(/\s+/g, ' ').trim();

interface LanguageIndex {
  keys: Set<string>;
  namespaces: Set<string>;
  /** Every text of each catalog (a text its own catalog has is never judged foreign). */
  values: Record<Lang, Set<string>>;
  /** Texts (or templates with {params}) only the other catalog has, per language shown. */
  foreign: Record<Lang, { exact: Map<string, string>; templates: { key: string; pattern: RegExp }[] }>;
}

let languageIndex: LanguageIndex | null = null;

function buildLanguageIndex(): LanguageIndex {
  const keys = new Set([...catalogKeys('da'), ...catalogKeys('en')]);
  const namespaces = new Set([...keys].map((key) => key.split('.')[0]));
  const raw = (lang: Lang) => {
    const t = translator(lang);
    // Render without params so `{name}` stays in the template.
    return new Map([...keys].map((key) => [key, normalize(t(key))] as const));
  };
  const texts: Record<Lang, Map<string, string>> = { da: raw('da'), en: raw('en') };
  const values: Record<Lang, Set<string>> = { da: new Set(texts.da.values()), en: new Set(texts.en.values()) };
  const foreignFor = (shown: Lang) => {
    const other: Lang = shown === 'da' ? 'en' : 'da';
    const exact = new Map<string, string>();
    const templates: { key: string; pattern: RegExp }[] = [];
    for (const [key, text] of texts[other]) {
      if (text === texts[shown].get(key) || values[shown].has(text) || text === key) continue;
      // Short or one-word texts ("Status", "OK", "Demo") are too often the same in both languages or in data.
      if (text.length < 4 || !/\s/.test(text.replace(/\{\w+\}/g, ''))) continue;
      if (/\{\w+\}/.test(text)) {
        const literal = text.replace(/\{\w+\}/g, '').trim();
        if (literal.length < 12) continue;
        const source = text.split(/\{\w+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+?');
        templates.push({ key, pattern: new RegExp(`^${source}$`) });
      } else {
        exact.set(text, key);
      }
    }
    return { exact, templates };
  };
  return { keys, namespaces, values, foreign: { da: foreignFor('da'), en: foreignFor('en') } };
}

/** Common English function words that are not Danish words too ("at", "by", "her", "send" are). */
const ENGLISH_WORDS = new Set(['the', 'and', 'of', 'to', 'your', 'you', 'with', 'this', 'are', 'was', 'not', 'be', 'from', 'has', 'have', 'will', 'which', 'there', 'their', 'been', 'please', 'must', 'should', 'into', 'these', 'those', 'cannot', 'than', 'no', 'yet', 'when', 'what', 'who', 'it', 'its', 'on']);
/** English one-word controls that Danish does not borrow ("Upload", "Download", "Print", "Send" are Danish too). */
const ENGLISH_CONTROLS = new Set(['save', 'cancel', 'back', 'edit', 'delete', 'next', 'previous', 'search', 'close', 'submit', 'open', 'remove', 'add', 'continue', 'show', 'hide', 'yes', 'settings', 'home', 'log out', 'log in', 'more', 'new', 'reset', 'apply', 'change', 'view', 'details', 'name', 'date', 'role', 'users', 'cases', 'tasks']);
/** Common Danish function words that are not English words too ("at", "her", "mine", "min" are). */
const DANISH_WORDS = new Set(['og', 'ikke', 'på', 'til', 'af', 'med', 'det', 'der', 'er', 'som', 'har', 'kan', 'skal', 'eller', 'fra', 'ved', 'om', 'hvis', 'når', 'du', 'din', 'dit', 'dine', 'vi', 'hvor', 'hvad', 'efter', 'før', 'også', 'være', 'været', 'bliver', 'sin', 'sit', 'sine', 'mere', 'alle', 'ingen', 'intet', 'ny', 'nye', 'jeres', 'denne', 'dette', 'disse', 'gem', 'annuller', 'tilbage', 'rediger', 'søg', 'luk', 'vis', 'skjul', 'opret']);
/** Danish one-word controls. */
const DANISH_CONTROLS = new Set(['gem', 'annuller', 'tilbage', 'rediger', 'slet', 'næste', 'forrige', 'søg', 'luk', 'fortsæt', 'vis', 'skjul', 'ja', 'nej', 'hent', 'eksporter', 'udskriv', 'indstillinger', 'forside', 'log ud', 'log ind', 'mere', 'ny', 'opret', 'fjern', 'tilføj', 'ændr', 'navn', 'dato', 'rolle', 'brugere', 'sager', 'opgaver', 'henvendelser']);

function words(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}]+/u).filter(Boolean);
}

/** What the page shows, read in the browser: texts by kind, not inside code samples or parts marked with another language. */
interface PageTexts {
  lang: string;
  title: string;
  /**
   * Every element's text (elements with a direct text node), with whether it is UI chrome.
   * Hidden text counts too: a closed <details>, the phone menu and screen-reader text are UI.
   */
  texts: { text: string; chrome: boolean; where: string }[];
  /** Accessible names given in attributes (aria-label, title, placeholder, alt, button values). */
  attributes: { text: string; where: string }[];
  /** GET forms (search, filters, the hidden-number query) as the URLs their submit button asks for. */
  forms: string[];
  /** Texts the page shows as data in lists the database holds encrypted. */
  data: string[];
  links: { href: string; download: boolean }[];
}

const READ_PAGE = `(() => {
  const lang = document.documentElement.getAttribute('lang') || '';
  const CHROME = 'h1,h2,h3,h4,h5,h6,button,label,legend,th,caption,summary,dt,nav a,header a,footer a,footer p,.breadcrumbs,a.button,.button,.function-link,.form-hint,.alert-heading,.alert-text,.tag,.badge,.skipnav,.demo-banner';
  const describe = (element) => {
    const parts = [];
    for (let node = element; node && node !== document.body && parts.length < 3; node = node.parentElement) {
      parts.unshift(node.tagName.toLowerCase() + (node.id ? '#' + node.id : node.classList.length ? '.' + [...node.classList].slice(0, 2).join('.') : ''));
    }
    return parts.join(' > ');
  };
  const foreign = (element) => {
    const marked = element.closest('[lang]');
    return marked && marked !== document.documentElement && marked.getAttribute('lang') !== lang;
  };
  // The citizen-site text editor labels each field with the citizen catalog's key and shows the
  // default text (placeholders and all) as its hint: that is what is being edited, not UI text.
  const EDITOR = 'form[action^="/admin/borgersite/tekster/"]';
  const excluded = (element) => element.closest('code,pre,kbd,samp,script,style,noscript,textarea,template,svg')
    || element.closest(EDITOR + ' .form-label,' + EDITOR + ' .form-hint') || foreign(element);
  const texts = [];
  const seen = new Set();
  for (const element of document.body.querySelectorAll('*')) {
    if (excluded(element)) continue;
    const own = [...element.childNodes].some((node) => node.nodeType === 3 && node.textContent.trim());
    if (!own) continue;
    const text = (element.innerText || element.textContent || '').replace(/\\s+/g, ' ').trim();
    if (!text || seen.has(text + '|' + element.tagName)) continue;
    seen.add(text + '|' + element.tagName);
    // Options are often names (teams, users): only the catalog check applies to them.
    texts.push({ text, chrome: !element.closest('option') && !!element.closest(CHROME), where: describe(element) });
  }
  const attributes = [];
  for (const element of document.querySelectorAll('[aria-label],[title],[placeholder],img[alt],input[type=submit][value],input[type=button][value],[data-more-label]')) {
    if (excluded(element)) continue;
    for (const name of ['aria-label', 'title', 'placeholder', 'alt', 'value', 'data-more-label']) {
      if (name === 'value' && !(element.tagName === 'INPUT' && /^(submit|button)$/.test(element.type))) continue;
      const value = element.getAttribute(name);
      if (value && value.trim()) attributes.push({ text: value.replace(/\\s+/g, ' ').trim(), where: describe(element) + '[' + name + ']' });
    }
  }
  // Items of lists that are data even where they sit in chrome (the case's "do not" list, stored encrypted).
  const data = [...document.querySelectorAll('.do-not-list li')].map((element) => (element.innerText || '').replace(/\\s+/g, ' ').trim()).filter(Boolean);
  const links = [...document.querySelectorAll('a[href]')].map((a) => ({ href: a.href, download: a.hasAttribute('download') }));
  // GET forms as a user would send them: every checkbox ticked (all sources for the hidden number,
  // inactive users too), the first radio of a group when none is chosen, "demo" in an empty search.
  const forms = [...document.querySelectorAll('form')].filter((form) => (form.getAttribute('method') || 'get').toLowerCase() === 'get').map((form) => {
    const url = new URL(form.action, location.href);
    url.search = '';
    const radios = new Set();
    for (const field of form.elements) {
      if (!field.name || field.disabled) continue;
      if (field.type === 'checkbox') url.searchParams.append(field.name, field.value || 'on');
      else if (field.type === 'radio') {
        if (radios.has(field.name)) continue;
        const chosen = form.querySelector('input[type=radio][name="' + field.name + '"]:checked') || field;
        radios.add(field.name);
        url.searchParams.append(field.name, chosen.value);
      } else if (field.tagName === 'SELECT') url.searchParams.append(field.name, field.value);
      else if (field.type === 'search' || field.type === 'text') url.searchParams.append(field.name, field.value || 'demo');
      else if (field.type === 'hidden') url.searchParams.append(field.name, field.value);
    }
    return url.href;
  });
  return { lang, title: document.title, texts, attributes, data, forms, links };
})()`;

const RAW_KEY = /(?<![\w@/.-])([a-z][a-zA-Z0-9]*)((?:\.[a-zA-Z0-9_]+)+)(?![\w@/-])/g;
const PLACEHOLDER = /(?<![/\w$])\{[a-zA-Z_][\w]*\}/g;

/** The API reference lists each endpoint's OpenAPI summary, written in English in the route definitions (src/features/*\/api.ts) on purpose. */
const isApiSummary = (path: string, where: string) => path === '/api/v1/docs' && /(^| )td( |$)/.test(where);

/** Texts equal to the other catalog's but left alone because they are data (printed with CRAWL_VERBOSE, to review the filter). */
const suppressedAsData = new Set<string>();

/** The citizen-site editor's preview: /admin/borgersite/forhaandsvisning/<citizen language>/<page>. */
const CITIZEN_PREVIEW = /^\/admin\/borgersite\/forhaandsvisning\/([a-z]{2})\//;

/** `shown` null: a language without staff catalogs (a citizen-site preview); only keys and placeholders are checked. */
function languageProblems(shown: Lang | null, page: PageTexts, path: string): string[] {
  const index = (languageIndex ??= buildLanguageIndex());
  const found: string[] = [];
  const report = (problem: string) => {
    if (!found.includes(problem)) found.push(problem);
  };
  const all = [...page.texts.map((entry) => ({ ...entry })), ...page.attributes.map((entry) => ({ ...entry, chrome: true })), { text: page.title, chrome: true, where: 'title' }];
  for (const { text, chrome, where } of all) {
    // Raw message keys: "cases.list.title", or any dotted name in a namespace the catalogs use.
    for (const match of text.matchAll(RAW_KEY)) {
      const candidate = match[0];
      if (index.keys.has(candidate) || (index.namespaces.has(match[1]) && /^\.[a-z]/.test(match[2]) && !/\.(dk|com|org|net|example|test|json|csv|pdf)$/.test(candidate))) {
        report(`raw message key "${candidate}" in ${where}: "${text.slice(0, 120)}"`);
      }
    }
    for (const match of text.matchAll(PLACEHOLDER)) report(`unfilled placeholder ${match[0]} in ${where}: "${text.slice(0, 120)}"`);
    // Demo free texts are data: they start with "DEMO:" or end with "(DEMO – fiktiv)" (ADR 0112).
    if (shown === null || /\bDEMO\b/.test(text) || isApiSummary(path, where)) continue;
    // A text the other language's catalog has (and this one does not).
    const foreign = index.foreign[shown];
    const otherLang: Lang = shown === 'da' ? 'en' : 'da';
    if (dataTexts.translated[otherLang].has(text) && !dataTexts.translated[shown].has(text)) {
      report(`${shown === 'da' ? 'English' : 'Danish'} version of bilingual content in ${where}: "${text.slice(0, 120)}"`);
      continue;
    }
    const isData = dataTexts.all.has(text) || page.data.includes(text);
    const key = foreign.exact.get(text) ?? foreign.templates.find((template) => template.pattern.test(text))?.key;
    const other = shown === 'da' ? 'English' : 'Danish';
    if (key && isData) suppressedAsData.add(`${shown} ${where}: "${text.slice(0, 100)}" (= ${key}, but data)`);
    else if (key) report(`${other} catalog text (${key}) in ${where}: "${text.slice(0, 120)}"`);
    if (key || isData || index.values[shown].has(text)) continue;
    // Clear other-language text that is in no catalog (hard-coded), once the data in it is taken out:
    // in chrome two function words of the other language and none of this one (or a one-word
    // control such as "Save"), elsewhere three, since running text holds more data.
    const otherLanguage = (candidate: string) => {
      const list = words(candidate);
      const hits = new Set(list.filter((word) => (shown === 'da' ? ENGLISH_WORDS : DANISH_WORDS).has(word)));
      const ownHits = list.filter((word) => (shown === 'da' ? DANISH_WORDS : ENGLISH_WORDS).has(word)).length;
      if (!chrome) return hits.size >= 3 && ownHits === 0;
      const control = (shown === 'da' ? ENGLISH_CONTROLS : DANISH_CONTROLS).has(normalize(candidate).toLowerCase());
      return (hits.size >= 2 && ownHits === 0) || control;
    };
    if (otherLanguage(text) && otherLanguage(withoutData(text, page.data)) && !partOfData(text)) report(`${other} ${chrome ? 'UI ' : ''}text in ${where}: "${text.slice(0, 120)}"`);
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// The crawl

const IGNORED_PROBLEMS = [
  /The Cross-Origin-Opener-Policy header has been ignored, because the URL's origin was untrustworthy/,
];
const EXPECTED_4XX = /Failed to load resource: the server responded with a status of 4\d\d/;

interface Finding {
  role: Role | 'server';
  lang: Lang;
  url: string;
  problem: string;
}

interface CrawlStats {
  pages: string[];
  downloads: string[];
  skipped: Map<string, string>;
  unvisited?: string[];
}

async function evaluateStable<T>(page: Page, script: string): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return (await page.evaluate(script)) as T;
    } catch (error) {
      if (attempt >= 3 || !(error instanceof Error && /Execution context was destroyed|navigation/i.test(error.message))) throw error;
      await page.waitForLoadState('load');
    }
  }
}

interface CrawlOptions {
  role: Role;
  lang: Lang;
  max: number;
  origin: string;
}

/** Opens one page and runs every check on it; returns what it shows, or null when the crawl must stop. */
async function checkPage(page: Page, problems: string[], target: string, options: CrawlOptions, add: (url: string, problem: string) => void): Promise<{ texts: PageTexts; landed: URL } | null | 'failed'> {
  const shown = target.slice(options.origin.length);
  const before = problems.length;
  let response;
  try {
    response = await page.goto(target, { waitUntil: 'load' });
  } catch (error) {
    add(shown, `navigation failed: ${(error as Error).message.split('\n')[0]}`);
    return 'failed';
  }
  const status = response?.status() ?? 0;
  const landed = new URL(page.url());
  if (landed.pathname.startsWith('/login')) {
    add(shown, `ended on ${landed.pathname}: the session was lost; crawl stopped`);
    return null;
  }
  // A GET form answered with its error summary (a choice the data cannot support) is the form working.
  const formError = formSubmissions.has(target) && status === 400 && (await page.locator('.error-summary').count()) > 0;
  if (status !== 200 && !formError) add(shown, `status ${status}${landed.href !== target ? ` (after redirect to ${landed.pathname}${landed.search})` : ''}`);

  const { texts, found } = await inspect(page, options.lang, problems.slice(before), status);
  for (const problem of found) add(shown, problem);
  return { texts, landed };
}

/**
 * The checks on the page as it is now: axe, `<html lang>`, message keys and placeholders, the
 * other language's texts, and what the browser recorded (`recorded`) while it loaded.
 */
async function inspect(page: Page, lang: Lang, recorded: string[], status: number): Promise<{ texts: PageTexts; found: string[] }> {
  const found: string[] = [];
  const violations = await axeViolations(page);
  for (const violation of violations) {
    const targets = violation.nodes.map((node) => JSON.stringify(node.target)).slice(0, 4).join(', ');
    const more = violation.nodes.length > 4 ? ` (+${violation.nodes.length - 4} more)` : '';
    found.push(`axe ${violation.id} (${violation.impact}): ${violation.help} at ${targets}${more}, e.g. ${violation.nodes[0]?.html.slice(0, 200)}`);
  }
  if (violations.length > 0 && process.env.CRAWL_VERBOSE) console.log(formatViolations(page.url(), violations));

  const texts = await evaluateStable<PageTexts>(page, READ_PAGE);
  const path = new URL(page.url()).pathname;
  // The citizen-site preview is the citizen site's own page in its language, with a staff banner marked as such.
  const pageLang = CITIZEN_PREVIEW.exec(path)?.[1] ?? lang;
  if (texts.lang !== pageLang) found.push(`<html lang="${texts.lang}">, expected "${pageLang}"`);
  found.push(...languageProblems(pageLang === 'da' || pageLang === 'en' ? pageLang : null, texts, path));

  // Console errors, script errors, failed requests and 5xx while this page loaded and was scanned.
  for (const problem of recorded) {
    if (IGNORED_PROBLEMS.some((pattern) => pattern.test(problem))) continue;
    if (status >= 400 && status < 500 && EXPECTED_4XX.test(problem)) continue; // the page's own 4xx, reported above
    found.push(problem);
  }
  return { texts, found };
}

/** URLs that came from GET forms (they may answer 400 with an error summary). */
const formSubmissions = new Set<string>();

/**
 * A GET form as READ_PAGE filled it (every checkbox ticked), and for the hidden-number query
 * also the demo's own sources, the choice that shows an estimate (test/e2e/darkfigure.e2e.ts).
 */
function formVariants(url: URL): URL[] {
  if (url.pathname !== '/moerketal') return [url];
  const demo = new URL(url);
  demo.searchParams.delete('sectors');
  for (const sector of DEMO_SECTORS) demo.searchParams.append('sectors', sector);
  return [demo, url];
}

/**
 * Sorts a page's links (and GET forms) into pages to visit and files to fetch. Each URL pattern
 * gets at most PER_PATTERN places in the breadth-first queue. Which example fills a place is
 * chosen when it comes up, spread over the examples seen (first, last, second, second to last
 * …) and, from role to role, started further along that order: the roles see different cases.
 */
class Frontier {
  private readonly queue: string[] = [];
  private readonly examples = new Map<string, string[]>();
  readonly downloads: string[] = [];
  private readonly known = new Set<string>();
  private readonly taken = new Set<string>();
  private readonly perPattern = new Map<string, number>();
  private readonly served = new Map<string, number>();

  constructor(private readonly origin: string, private readonly stats: CrawlStats, private readonly offset: number) {}

  offer(href: string, download = false): void {
    let url: URL;
    try {
      url = new URL(href);
    } catch {
      return;
    }
    if (!/^https?:$/.test(url.protocol)) return;
    url.hash = '';
    if (this.known.has(url.href)) return;
    this.known.add(url.href);
    const kind = classify(url, this.origin, download);
    const pattern = patternOf(url);
    if (kind.kind === 'skip') {
      this.stats.skipped.set(url.origin === this.origin ? pattern : url.origin, kind.why);
      return;
    }
    if (kind.kind === 'page') this.examples.set(pattern, [...(this.examples.get(pattern) ?? []), url.href]);
    const count = this.perPattern.get(`${kind.kind}:${pattern}`) ?? 0;
    if (count >= (kind.kind === 'page' && url.search && this.examples.has(patternOf(new URL(url.pathname, url))) ? PER_QUERY_VARIANT : PER_PATTERN)) return;
    this.perPattern.set(`${kind.kind}:${pattern}`, count + 1);
    if (kind.kind === 'download') this.downloads.push(url.href);
    else this.queue.push(pattern);
  }

  offerAll(texts: PageTexts, landed: URL): void {
    this.known.add(landed.href);
    for (const link of texts.links) this.offer(link.href, link.download);
    for (const form of texts.forms) {
      for (const variant of formVariants(new URL(form))) {
        formSubmissions.add(variant.href);
        this.offer(variant.href);
      }
    }
  }

  /** The next page to visit, or undefined when the queue is empty. */
  next(): string | undefined {
    for (let pattern = this.queue.shift(); pattern !== undefined; pattern = this.queue.shift()) {
      const examples = this.examples.get(pattern) ?? [];
      const spread = examples.map((_, i) => examples[i % 2 === 0 ? i / 2 : examples.length - 1 - (i - 1) / 2]);
      const served = this.served.get(pattern) ?? 0;
      this.served.set(pattern, served + 1);
      for (let i = 0; i < spread.length; i += 1) {
        const href = spread[(this.offset + served + i) % spread.length];
        if (this.taken.has(href)) continue;
        this.taken.add(href);
        return href;
      }
    }
    return undefined;
  }

  /** Patterns still queued (for CRAWL_VERBOSE). */
  pending(): string[] {
    return [...this.queue];
  }
}

/** Public pages, the same for everyone: checked once per language, by the first role. */
const PUBLIC_PAGES = new Set(['/om', '/tilgaengelighed', '/privatliv', '/api/v1/docs']);

/** One role's browser session through both crawls. */
interface Session {
  crawler: { role: Role; username: string };
  index: number;
  page: Page;
  context: BrowserContext;
  problems: string[];
  stats: CrawlStats;
  findings: Finding[];
  /** The pages the Danish crawl checked, in order. */
  danish: string[];
}

/**
 * Checks pages until `max`: in Danish breadth-first from home through the Frontier, in English
 * the planned list. Then fetches the files the pages linked to.
 */
async function crawl(session: Session, lang: Lang, max: number, plan: string[] = []): Promise<string[]> {
  const { page, problems, stats, crawler } = session;
  const origin = new URL(baseURL).origin;
  const options: CrawlOptions = { role: crawler.role, lang, max, origin };
  const add = (url: string, problem: string) => session.findings.push({ role: crawler.role, lang, url, problem });
  const frontier = new Frontier(origin, stats, session.index * PER_PATTERN);
  const visited: string[] = [];
  const planned = [...plan];
  frontier.offer(`${origin}/`);
  const next = () => (lang === 'da' ? frontier.next() : planned.shift());

  for (let target = next(); target !== undefined && visited.length < max; target = next()) {
    if (visited.includes(target)) continue;
    if (lang === 'da' && session.index > 0 && PUBLIC_PAGES.has(new URL(target).pathname)) continue;
    visited.push(target);
    stats.pages.push(`${lang} ${target.slice(origin.length)}`);
    const result = await checkPage(page, problems, target, options, add);
    if (result === null) break;
    if (result !== 'failed') frontier.offerAll(result.texts, result.landed);
  }

  // Files, fetched with this session's cookies but not as navigations.
  for (const href of frontier.downloads) {
    const url = new URL(href);
    const shown = href.slice(origin.length);
    stats.downloads.push(`${lang} ${shown}`);
    const response = await page.request.get(href, { maxRedirects: 0, failOnStatusCode: false });
    const type = response.headers()['content-type'] ?? '';
    if (response.status() !== 200) add(shown, `download: status ${response.status()}${response.headers().location ? ` (redirect to ${response.headers().location})` : ''}`);
    else if (!expectedContentType(url).test(type)) add(shown, `download: content-type "${type}"`);
    await response.dispose();
  }
  if (process.env.CRAWL_VERBOSE && lang === 'da') stats.unvisited = frontier.pending();
  return visited;
}

/**
 * The demo's citizen site has no draft, and the editor's pages (settings, texts in five
 * languages, previews) exist only for a draft: the administrator starts one, as she would.
 */
async function startCitizenSiteDraft(page: Page): Promise<void> {
  await page.goto('/admin/borgersite');
  const start = page.locator('main form[action="/admin/borgersite/kladde"] button[type="submit"]').first();
  if ((await start.count()) > 0 && !(await page.locator('main a[href="/admin/borgersite/indstillinger"]').count())) {
    await Promise.all([page.waitForEvent('load'), start.click()]);
  }
}

/** The demo's cases have no attachments: the adviser adds a small text file to one, so the crawl downloads it. */
async function attachFileToFirstCase(page: Page): Promise<void> {
  await page.goto('/sager');
  await Promise.all([page.waitForEvent('load'), page.locator('main table a[href^="/sager/"]').first().click()]);
  await page.locator('#field-file').setInputFiles({ name: 'DEMO-notat.txt', mimeType: 'text/plain', buffer: Buffer.from('DEMO: et fiktivt notat til crawl-testen.\n') });
  await Promise.all([page.waitForEvent('load'), page.locator('form[action*="/bilag"] button[type="submit"]').click()]);
}

/** Logs the role's demo user in, adds its bit of data, and crawls in Danish. The session stays open for English. */
async function crawlDanish(crawler: { role: Role; username: string }, index: number): Promise<Session> {
  const credential = credentials.find((candidate) => candidate.username === crawler.username);
  if (!credential) throw new Error(`no demo user ${crawler.username}`);
  const user: TestUser = {
    id: '', tenantId, username: credential.username, displayName: credential.displayName, role: credential.role,
    teamId: null, password: credential.password, totpSecret: credential.totpSecret,
  };
  const { page, context, problems } = await openPage(browser, { baseURL });
  const session: Session = { crawler, index, page, context, problems, stats: { pages: [], downloads: [], skipped: new Map() }, findings: [], danish: [] };
  await logInAs(page, user);
  if (crawler.role === 'admin') await startCitizenSiteDraft(page);
  if (crawler.role === 'adviser') await attachFileToFirstCase(page);
  session.danish = await crawl(session, 'da', PAGES_DA);
  return session;
}

/**
 * Which pages each role checks in English: home, then the pages its Danish crawl checked whose
 * pattern no earlier role has been given yet, then the rest; the public pages go to the first.
 */
function planEnglish(sessions: Session[]): string[][] {
  const origin = new URL(baseURL).origin;
  const given = new Set<string>();
  return sessions.map((session) => {
    const candidates = [...session.danish.slice(1), ...(session.index === 0 ? [...PUBLIC_PAGES].map((path) => `${origin}${path}`) : [])];
    const fresh = candidates.filter((href) => !given.has(patternOf(new URL(href))));
    const plan = [`${origin}/`, ...fresh, ...candidates.filter((href) => !fresh.includes(href))].filter((href, i, all) => all.indexOf(href) === i).slice(0, PAGES_EN);
    for (const href of plan) given.add(patternOf(new URL(href)));
    return plan;
  });
}

/** Switches to English with the header's own language link, as a user would, and checks the planned pages. */
async function crawlEnglish(session: Session, plan: string[]): Promise<void> {
  const { page, problems, crawler } = session;
  try {
    await page.goto('/');
    const before = problems.length;
    await Promise.all([page.waitForEvent('load'), page.locator('a.language-switch:visible').first().click()]);
    const lang = await page.evaluate('document.documentElement.lang');
    if (lang !== 'en') {
      session.findings.push({ role: crawler.role, lang: 'en', url: '/sprog?lang=en', problem: `the language link did not switch to English (<html lang="${String(lang)}">)` });
      return;
    }
    problems.splice(before);
    await crawl(session, 'en', PAGES_EN, plan);
  } finally {
    await session.context.close();
  }
}

async function pool<T, R>(items: T[], size: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  }));
  return results;
}

function formatFindings(findings: Finding[]): string {
  // Same problem on the same URL pattern for several roles: one line, roles listed.
  const grouped = new Map<string, { roles: Set<string>; urls: Set<string>; lang: Lang; problem: string }>();
  for (const finding of findings) {
    const pattern = patternOf(new URL(finding.url, 'http://x'));
    const problem = finding.problem.replaceAll(finding.url, '<page>').replace(/http:\/\/[^/\s]+/g, '');
    const key = `${finding.lang}|${pattern}|${problem}`;
    const entry = grouped.get(key) ?? { roles: new Set(), urls: new Set(), lang: finding.lang, problem };
    entry.roles.add(finding.role);
    entry.urls.add(finding.url);
    grouped.set(key, entry);
  }
  return [...grouped.values()]
    .sort((a, b) => [...a.urls][0].localeCompare([...b.urls][0]) || a.lang.localeCompare(b.lang))
    .map((entry) => `[${entry.lang}] ${[...entry.urls].slice(0, 2).join(', ')} (${[...entry.roles].join(', ')}): ${entry.problem}`)
    .join('\n');
}

it('the crawl\'s checks catch what they are meant to catch (a doctored page)', async () => {
  // A public page, doctored in the browser with one defect of each kind the crawl looks for.
  const { page, context, problems } = await openPage(browser, { baseURL });
  try {
    await page.goto('/om');
    const before = problems.length;
    const key = catalogKeys('da').find((candidate) => candidate.startsWith('cases.'))!;
    const englishCatalogText = normalize(translator('en')('layout.footer.text'));
    await page.evaluate(`(() => {
      const main = document.querySelector('main');
      const add = (html) => main.insertAdjacentHTML('beforeend', html);
      add('<p>${key}</p>');
      add('<p>Hej {name}, velkommen</p>');
      add('<h2>${englishCatalogText.replace(/'/g, "\\'")}</h2>');
      add('<a class="button" href="/">Back to the overview</a>');
      add('<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">');
      console.error('canary console error');
    })()`);
    const { found } = await inspect(page, 'da', problems.slice(before), 200);
    const expected = [
      /^axe image-alt /,
      new RegExp(`raw message key "${key.replace(/\./g, '\\.')}"`),
      /unfilled placeholder \{name\}/,
      /English catalog text \(layout\.footer\.text\)/,
      /English UI text .*"Back to the overview"/,
      /console error .*canary console error/,
    ];
    for (const pattern of expected) expect(found.some((problem) => pattern.test(problem)), `${pattern} in:\n${found.join('\n')}`).toBe(true);
    await page.evaluate(`document.documentElement.lang = 'en'`);
    expect((await inspect(page, 'da', [], 200)).found).toContain('<html lang="en">, expected "da"');
    // Judged as an English page, the Danish page's own texts are Danish chrome.
    const asEnglish = (await inspect(page, 'en', [], 200)).found;
    expect(asEnglish.some((problem) => /^Danish catalog text \(layout\.skipLink\)/.test(problem)), asEnglish.join('\n')).toBe(true);
  } finally {
    await context.close();
  }
});

it('every role can use every page it reaches, in Danish and in English', async () => {
  const started = Date.now();
  const logBefore = server.logLines.length;
  const sessions = await pool(CRAWLERS, CONCURRENCY, crawlDanish);
  const plans = planEnglish(sessions);
  await pool(sessions, CONCURRENCY, (session, index) => crawlEnglish(session, plans[index]));
  const findings = sessions.flatMap((session) => session.findings);

  const serverErrors = server.logLines.slice(logBefore).filter((line) => (JSON.parse(line) as { level: number }).level >= 50);
  for (const line of serverErrors) {
    const entry = JSON.parse(line) as { msg?: string; url?: string; req?: { url?: string }; err?: { message?: string } };
    findings.push({ role: 'server', lang: 'da', url: entry.req?.url ?? entry.url ?? '(server)', problem: `server logged an error: ${entry.err?.message ?? entry.msg ?? line.slice(0, 200)}` });
  }

  const summary = sessions.map(({ crawler, stats }) =>
    `${crawler.role}: ${stats.pages.filter((p) => p.startsWith('da')).length} da + ${stats.pages.filter((p) => p.startsWith('en')).length} en pages, ${stats.downloads.length} files`,
  ).join('; ');
  console.log(`crawl: ${summary}; ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (process.env.CRAWL_VERBOSE) {
    console.log(`taken as data:\n  ${[...suppressedAsData].join('\n  ')}`);
    for (const { crawler, stats: s } of sessions) console.log(`${crawler.role}\n  ${s.pages.join('\n  ')}\n  files: ${s.downloads.join(', ')}\n  not reached: ${(s.unvisited ?? []).join(', ')}\n  skipped: ${[...new Set(s.skipped.keys())].filter((p) => !p.startsWith('/sprog')).map((p) => `${p} (${s.skipped.get(p)})`).join(', ')}`);
  }
  expect(findings.length, `${findings.length} problems found by the crawl:\n${formatFindings(findings)}`).toBe(0);
});
