/**
 * The staff application's page frame in DKFDS 11 (Det Fælles Designsystem): skip link, the
 * demo banner, a header with the municipality's name (portal header), the solution header,
 * the menu for the user's role (a drawer on phones), breadcrumbs, main content and footer.
 *
 * Pages are complete without JavaScript: every action is a link or a form, and without
 * script `nojs.css` shows the menu as a list instead of the drawer. dkfds.js only enhances
 * (drawer, error summary focus). No inline style or script anywhere: the CSP forbids both.
 */
import type { ComponentChildren } from 'preact';
import type { Actor } from '../access/actor.js';
import type { Lang, Translate } from '../i18n/index.js';
import { Icon } from './icons.js';
import './messages.js';
import { navItemsFor, type NavItem } from './nav.js';

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

/** Whether a menu item is the current page (exact) or an ancestor of it (active). */
function menuState(item: NavItem, path: string): 'current' | 'active' | null {
  if (item.href === path) return 'current';
  if (item.href !== '/' && path.startsWith(`${item.href}/`)) return 'active';
  return null;
}

function MenuItems(props: { items: NavItem[]; path: string; t: Translate }) {
  return (
    <ul class="mainmenu">
      {props.items.map((item) => {
        const state = menuState(item, props.path);
        return (
          <li class={state === 'current' ? 'active current' : state === 'active' ? 'active' : undefined}>
            <a href={item.href} class="nav-link" aria-current={state === 'current' ? 'page' : state === 'active' ? 'true' : undefined}>
              <span>{props.t(item.labelKey)}</span>
            </a>
          </li>
        );
      })}
    </ul>
  );
}

function LanguageLink({ frame }: { frame: PageFrame }) {
  const { t } = frame;
  const other = t('layout.switchToLang');
  return (
    <a class="function-link language-switch d-print-none" href={`/sprog?lang=${other}&next=${encodeURIComponent(frame.path)}`} lang={other} hrefLang={other}>
      <Icon name="language" />
      {t('layout.switchTo')}
    </a>
  );
}

/** Log out ends the session, pending or complete, so it is shown whenever there is one. */
function LogoutButton({ frame }: { frame: PageFrame }) {
  if (!frame.csrfToken) return null;
  return (
    <form method="post" action="/logout" class="logout-form d-print-none">
      <input type="hidden" name="_csrf" value={frame.csrfToken} />
      <button type="submit" class="function-link log-off">
        <Icon name="lock" />
        {frame.t('layout.logout')}
      </button>
    </form>
  );
}

function UserName({ frame }: { frame: PageFrame }) {
  const { actor, t } = frame;
  if (!actor) return null;
  return (
    <p class="user">
      <span class="sr-only">{t('layout.loggedInAsPrefix')} </span>
      <span class="user-name">{actor.displayName}</span>
      <span class="user-role">{t(`role.${actor.role}`)}</span>
    </p>
  );
}

function Header({ frame, nav }: { frame: PageFrame; nav: NavItem[] }) {
  const { t } = frame;
  const municipality = frame.tenantName ?? t('app.name');
  const hasMenu = nav.length > 0;
  return (
    <header class="header">
      <div class="portal-info">
        <div class="portal-info-inner container">
          <a href="/" class="logo logo-text" aria-label={t('layout.homeLinkLabel', { name: municipality })}>
            <span>{municipality}</span>
          </a>
          {hasMenu ? (
            <button type="button" class="function-link button-menu-open js-menu-open ml-auto d-print-none" aria-haspopup="dialog">
              <Icon name="menu" />
              {t('layout.menu')}
            </button>
          ) : null}
          {/* Without a menu (before login) there is no drawer, so these stay visible on phones too. */}
          <div class={hasMenu ? 'portal-user' : 'portal-user portal-user-always'}>
            <UserName frame={frame} />
            <LanguageLink frame={frame} />
            <LogoutButton frame={frame} />
          </div>
        </div>
      </div>
      <div class="solution-info">
        <div class="solution-info-inner container">
          <div class="solution-heading">
            <a href="/">{t('app.name')}</a>
          </div>
          <div class="additional-info">
            <p>{t('app.tagline')}</p>
          </div>
        </div>
      </div>
      {hasMenu ? (
        <div class="navigation-menu">
          <div class="navigation-menu-inner container">
            {/* dkfds.js moves items that do not fit into a "more" menu; app.js gives it this label. */}
            <nav class="nav" aria-label={t('layout.mainMenu')} data-more-label={t('layout.moreMenu')}>
              <MenuItems items={nav} path={frame.path} t={t} />
            </nav>
          </div>
        </div>
      ) : null}
      {hasMenu ? (
        <div class="mobile-drawer" role="dialog" aria-modal="true" aria-labelledby="menu-heading">
          <div class="menu-top">
            <h2 id="menu-heading" class="menu-heading">{t('layout.menu')}</h2>
            <button type="button" class="function-link button-menu-close js-menu-close">
              <Icon name="close" />
              {t('layout.closeMenu')}
            </button>
          </div>
          <div class="solution-info-mobile">
            <p><strong class="authority-name">{municipality}</strong></p>
            <p>{t('app.tagline')}</p>
          </div>
          <nav class="navigation-menu-mobile" aria-label={t('layout.mainMenu')}>
            <MenuItems items={nav} path={frame.path} t={t} />
          </nav>
          <div class="portal-info-mobile">
            <h2 class="sr-only">{t('layout.userHeading')}</h2>
            <UserName frame={frame} />
            <p><LanguageLink frame={frame} /></p>
            <LogoutButton frame={frame} />
          </div>
        </div>
      ) : null}
    </header>
  );
}

function Breadcrumbs({ crumbs, t }: { crumbs: Crumb[]; t: Translate }) {
  return (
    <nav class="breadcrumbs" aria-label={t('layout.breadcrumbs')}>
      <ol class="breadcrumbs__list">
        {crumbs.map((crumb, index) =>
          crumb.href ? (
            <li class="breadcrumbs__list-item">
              {index > 0 ? <Icon name="chevron-right" /> : null}
              <a class="breadcrumbs__link" href={crumb.href}>{crumb.label}</a>
            </li>
          ) : (
            <li class="breadcrumbs__list-item" aria-current={index === crumbs.length - 1 ? 'page' : undefined}>
              {index > 0 ? <Icon name="chevron-right" /> : null}
              {crumb.label}
            </li>
          ),
        )}
      </ol>
    </nav>
  );
}

function Footer({ frame }: { frame: PageFrame }) {
  const { t } = frame;
  return (
    <footer>
      <div class="footer">
        <div class="container">
          <div class="row">
            <div class="col-12 col-md-7 footer-col">
              <section>
                <h2 class="h4 footer-heading">{frame.tenantName ?? t('app.name')}</h2>
                <p class="footer-text">{t('layout.footer.text')}</p>
              </section>
            </div>
            <div class="col-12 col-md-5 footer-col">
              <section>
                <h2 class="sr-only">{t('layout.footer.links')}</h2>
                <ul class="unstyled-list footer-links">
                  <li><a class="function-link" href="/om">{t('layout.footer.about')}</a></li>
                  <li><a class="function-link" href="/tilgaengelighed">{t('layout.footer.accessibility')}</a></li>
                  <li><a class="function-link" href="/privatliv">{t('layout.footer.privacy')}</a></li>
                  <li><a class="function-link" href="/api/v1/docs">{t('layout.footer.api')}</a></li>
                </ul>
              </section>
            </div>
          </div>
        </div>
      </div>
    </footer>
  );
}

export function Page(props: { frame: PageFrame; title: string; crumbs?: Crumb[]; children: ComponentChildren; wide?: boolean }) {
  const { frame } = props;
  const { t } = frame;
  const nav = frame.limited ? [] : navItemsFor(frame.actor?.role ?? null);
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
        {/* A stylesheet, not inline CSS: the CSP allows only files from our own origin. */}
        <noscript><link rel="stylesheet" href="/static/app/nojs.css" /></noscript>
        <script src="/static/dkfds/js/dkfds.min.js" defer></script>
        <script src="/static/app/app.js" defer></script>
      </head>
      <body>
        <a class="skipnav" href="#main-content">{t('layout.skipLink')}</a>
        {frame.isDemo ? (
          <div class="demo-banner" role="note">
            <div class="container">
              <p><strong>{t('layout.demoBanner')}</strong></p>
            </div>
          </div>
        ) : null}
        <Header frame={frame} nav={nav} />
        <div class="overlay"></div>
        <div class="container page-container">
          {props.crumbs && props.crumbs.length > 0 ? <Breadcrumbs crumbs={props.crumbs} t={t} /> : null}
          <main id="main-content" tabIndex={-1} class={props.wide ? 'page-main page-main-wide' : 'page-main'}>
            {props.children}
          </main>
        </div>
        <Footer frame={frame} />
      </body>
    </html>
  );
}
