/**
 * The citizen site's own page frame: no staff layout, no staff assets, no session. A neutral
 * title and favicon, the quick exit (a plain link to the neutral page, enhanced by exit.js),
 * the language switch with each language's own name, and `dir="rtl"` for Arabic.
 */
import type { ComponentChildren } from 'preact';
import type { CitizenKey, CitizenTranslate } from './catalogs/index.js';
import type { SiteDocument } from './document.js';
import { CITIZEN_LANGS, LANGUAGE_NAMES, textDirection, type CitizenLang } from './languages.js';

export const CITIZEN_PREFIX = '/hjaelp';
export const ASSETS = `${CITIZEN_PREFIX}/static`;

/** The site's pages: path segment after the language, and the menu label. */
export const PAGES = [
  { id: 'start', segment: '', nav: 'nav.start' },
  { id: 'rights', segment: 'rettigheder', nav: 'nav.rights' },
  { id: 'check', segment: 'test', nav: 'nav.check' },
  { id: 'help', segment: 'find-hjaelp', nav: 'nav.help' },
  { id: 'friends', segment: 'venner', nav: 'nav.friends' },
  { id: 'safety', segment: 'sikkerhed', nav: 'nav.safety' },
  { id: 'write', segment: 'skriv', nav: 'nav.write' },
  { id: 'read', segment: 'svar', nav: 'nav.read' },
] as const satisfies readonly { id: string; segment: string; nav: CitizenKey }[];

export type PageId = (typeof PAGES)[number]['id'];

export function pagePath(lang: CitizenLang, page: PageId): string {
  const segment = PAGES.find((candidate) => candidate.id === page)!.segment;
  return `${CITIZEN_PREFIX}/${lang}/${segment}`;
}

export interface CitizenFrame {
  lang: CitizenLang;
  t: CitizenTranslate;
  document: SiteDocument;
  /** The page shown (for the menu and the language switch); null on error pages. */
  page: PageId | null;
  /** Set in the editor's preview: links stay inside the preview. */
  linkBase?: (lang: CitizenLang, page: PageId) => string;
  /** A demo installation: a young person who lands here must know nobody real reads it. */
  demo?: boolean;
}

/** Paragraphs separated by blank lines; lines starting with "- " become a list. */
export function Prose({ text }: { text: string }) {
  const blocks = text.split(/\n\s*\n/).map((block) => block.trim()).filter(Boolean);
  return (
    <>
      {blocks.map((block) => {
        const lines = block.split('\n').map((line) => line.trim());
        if (lines.every((line) => line.startsWith('- '))) {
          return <ul>{lines.map((line) => <li>{line.slice(2)}</li>)}</ul>;
        }
        return <p>{lines.join(' ')}</p>;
      })}
    </>
  );
}

export function CitizenPage(props: { frame: CitizenFrame; children: ComponentChildren }) {
  const { frame } = props;
  const { t, lang, document } = frame;
  const link = frame.linkBase ?? pagePath;
  return (
    <html lang={lang} dir={textDirection(lang)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{document.settings.pageTitle}</title>
        <link rel="icon" href={`${ASSETS}/favicon.svg`} type="image/svg+xml" />
        <link rel="stylesheet" href={`${ASSETS}/site.css`} />
        <script src={`${ASSETS}/exit.js`} defer></script>
      </head>
      <body>
        <a class="skip" href="#content">{t('layout.skip')}</a>
        {frame.demo ? <p class="demo-note" role="note"><strong>{t('layout.demo')}</strong></p> : null}
        <div class="exit-bar">
          <span class="exit-hint" id="exit-hint">{t('layout.exitHint')}</span>
          <p id="exit-presses" class="exit-presses" role="status" data-template={t('layout.exitPresses')} hidden></p>
          <a id="quick-exit" class="quick-exit" href={document.settings.exitUrl} rel="noreferrer noopener" aria-describedby="exit-hint">
            {t('layout.exit')}
          </a>
        </div>
        <header class="site-header">
          <div class="wrap">
            <a class="site-name" href={link(lang, 'start')}>{document.settings.pageTitle}</a>
            <nav aria-label={t('layout.language')}>
              <ul class="languages">
                {CITIZEN_LANGS.map((other) => (
                  <li>
                    <a
                      href={link(other, frame.page ?? 'start')}
                      lang={other}
                      hrefLang={other}
                      dir={textDirection(other)}
                      aria-current={other === lang ? 'true' : undefined}
                    >
                      {LANGUAGE_NAMES[other]}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
        </header>
        <nav class="site-nav" aria-label={t('layout.menu')}>
          <div class="wrap">
            <ul>
              {PAGES.map((page) => (
                <li>
                  <a href={link(lang, page.id)} aria-current={frame.page === page.id ? 'page' : undefined}>{t(page.nav)}</a>
                </li>
              ))}
            </ul>
          </div>
        </nav>
        <main id="content" class="wrap">
          {props.children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p><strong>{t('layout.footer.emergency')}</strong></p>
            <p><a href={link(lang, 'safety')}>{t('layout.footer.safety')}</a></p>
            <p>{t('layout.footer.noTrace')}</p>
          </div>
        </footer>
      </body>
    </html>
  );
}
