/**
 * The staff application's page frame in DKFDS: skip link, header with the municipality's
 * name, the menu for the user's role, language switch, breadcrumbs, main content, footer.
 * Pages are complete without JavaScript; dkfds.js only enhances (mobile menu, accordions).
 */
import type { ComponentChildren } from 'preact';
import type { Actor } from '../access/actor.js';
import type { Lang, Translate } from '../i18n/index.js';
import { Icon } from './icons.js';
import { navItemsFor } from './nav.js';

export interface Crumb {
  label: string;
  href?: string;
}

export interface PageFrame {
  lang: Lang;
  t: Translate;
  tenantName: string | null;
  isDemo: boolean;
  actor: Actor | null;
  /** The path of this page (for the active menu item and the language switch's return). */
  path: string;
  csrfToken: string | null;
  /** Set when a second-factor step is pending: the menu is hidden until login completes. */
  limited?: boolean;
}

export function Page(props: { frame: PageFrame; title: string; crumbs?: Crumb[]; children: ComponentChildren; wide?: boolean }) {
  const { frame } = props;
  const { t } = frame;
  const nav = frame.limited ? [] : navItemsFor(frame.actor?.role ?? null);
  const otherLang = t('layout.switchToLang');
  const title = `${props.title} – ${t('app.name')}${frame.tenantName ? ` – ${frame.tenantName}` : ''}`;
  return (
    <html lang={frame.lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <link rel="icon" href="/static/app/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/static/dkfds/css/dkfds.min.css" />
        <link rel="stylesheet" href="/static/app/app.css" />
        <script src="/static/dkfds/js/dkfds.min.js" defer></script>
        <script src="/static/app/app.js" defer></script>
      </head>
      <body>
        <a class="skipnav" href="#main-content">{t('layout.skipLink')}</a>
        {frame.isDemo ? (
          <div class="demo-banner" role="note">
            <strong>{t('layout.demoBanner')}</strong>
          </div>
        ) : null}
        <header class="header">
          <div class="portal-header">
            <div class="portal-header-inner container">
              <a href="/" class="logo-link" aria-label={`${frame.tenantName ?? t('app.name')} – ${t('layout.home')}`}>
                <span class="municipality-name">{frame.tenantName ?? t('app.name')}</span>
              </a>
              <div class="portal-info">
                {frame.actor ? (
                  <p class="user">{t('layout.loggedInAs', { name: frame.actor.displayName })}</p>
                ) : null}
                <a class="function-link language-switch" href={`/sprog?lang=${otherLang}&next=${encodeURIComponent(frame.path)}`} lang={otherLang} hrefLang={otherLang}>
                  <Icon name="language" />
                  {t('layout.switchTo')}
                </a>
                {frame.actor?.sessionId ? (
                  <form method="post" action="/logout" class="logout-form">
                    <input type="hidden" name="_csrf" value={frame.csrfToken ?? ''} />
                    <button type="submit" class="function-link">
                      <Icon name="lock" />
                      {t('layout.logout')}
                    </button>
                  </form>
                ) : null}
              </div>
            </div>
          </div>
          <div class="solution-header">
            <div class="solution-header-inner container">
              <div class="solution-heading">
                <a href="/">{t('app.name')}</a>
              </div>
              <div class="additional-info">
                <p class="form-hint">{t('app.tagline')}</p>
              </div>
            </div>
          </div>
          {nav.length > 0 ? (
            <nav class="navigation-menu" aria-label={t('layout.mainMenu')}>
              <div class="navigation-menu-inner container">
                <ul class="mainmenu">
                  {nav.map((item) => {
                    const current = item.href === '/' ? frame.path === '/' : frame.path.startsWith(item.href);
                    return (
                      <li class={current ? 'active current' : undefined}>
                        <a href={item.href} class="nav-link" aria-current={current ? 'page' : undefined}>
                          <span>{t(item.labelKey)}</span>
                        </a>
                      </li>
                    );
                  })}
                </ul>
              </div>
            </nav>
          ) : null}
        </header>
        <div class="container page-container">
          {props.crumbs && props.crumbs.length > 0 ? (
            <nav class="breadcrumbs" aria-label={t('layout.breadcrumbs')}>
              <ol class="breadcrumbs__list">
                {props.crumbs.map((crumb) =>
                  crumb.href ? (
                    <li class="breadcrumbs__list-item">
                      <a class="breadcrumbs__link" href={crumb.href}>{crumb.label}</a>
                    </li>
                  ) : (
                    <li class="breadcrumbs__list-item" aria-current="page">{crumb.label}</li>
                  ),
                )}
              </ol>
            </nav>
          ) : null}
          <main id="main-content" class={props.wide ? 'page-main page-main-wide' : 'page-main'}>
            {props.children}
          </main>
        </div>
        <footer>
          <div class="footer">
            <div class="container">
              <p class="footer-text">{t('layout.footer.text')}</p>
              <ul class="align-text-left unstyled-list inline-list">
                <li><a href="/om">{t('layout.footer.about')}</a></li>
                <li><a href="/tilgaengelighed">{t('layout.footer.accessibility')}</a></li>
                <li><a href="/privatliv">{t('layout.footer.privacy')}</a></li>
                <li><a href="/api/v1/docs">{t('layout.footer.api')}</a></li>
              </ul>
            </div>
          </div>
        </footer>
      </body>
    </html>
  );
}
