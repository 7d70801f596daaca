/** Static information pages and the API documentation. */
import type { FastifyInstance } from 'fastify';
import { apiRoutes } from '../../platform/api/define.js';
import { buildOpenApiDocument } from '../../platform/api/openapi.js';
import type { AppDeps } from '../../platform/deps.js';
import { page, view } from '../../platform/http/routes.js';
import './messages.js';

export function registerInfoRoutes(app: FastifyInstance, deps: AppDeps): void {
  const simple = (url: string, prefix: string) =>
    page(app, deps, { method: 'GET', url, auth: 'public' }, async (scope) => {
      const t = scope.t;
      return view(t(`${prefix}.title`), (
        <div>
          <h1>{t(`${prefix}.title`)}</h1>
          <p>{t(`${prefix}.text1`)}</p>
          <p>{t(`${prefix}.text2`)}</p>
        </div>
      ), { crumbs: [{ label: t('layout.home'), href: '/' }, { label: t(`${prefix}.title`) }] });
    });
  simple('/om', 'info.about');
  simple('/tilgaengelighed', 'info.a11y');
  simple('/privatliv', 'info.privacy');

  let document: Record<string, unknown> | null = null;
  app.get('/api/v1/openapi.json', async (_req, reply) => {
    document ??= buildOpenApiDocument(deps.config.PUBLIC_URL ?? '/');
    return reply.header('cache-control', 'no-cache').send(document);
  });

  page(app, deps, { method: 'GET', url: '/api/v1/docs', auth: 'public' }, async (scope) => {
    const t = scope.t;
    return view(t('info.api.title'), (
      <div>
        <h1>{t('info.api.title')}</h1>
        <p>{t('info.api.intro')} <a href="/api/v1/openapi.json">/api/v1/openapi.json</a></p>
        <p>{t('info.api.auth')}</p>
        <h2>{t('info.api.endpoints')}</h2>
        <div class="table--responsive-scroll">
          <table class="table table--zebra">
            <thead><tr><th scope="col">{t('info.api.method')}</th><th scope="col">{t('info.api.path')}</th><th scope="col">{t('info.api.summary')}</th></tr></thead>
            <tbody>
              {[...apiRoutes()].sort((a, b) => a.url.localeCompare(b.url)).map((route) => (
                <tr><td><code>{route.method}</code></td><td><code>{route.url.replace(/:(\w+)/g, '{$1}')}</code></td><td>{route.summary}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    ), { wide: true, crumbs: [{ label: t('layout.home'), href: '/' }, { label: t('info.api.title') }] });
  });
}
