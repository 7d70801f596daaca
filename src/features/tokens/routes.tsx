/** The API keys page and the token endpoints. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { TOKEN_SCOPES } from '../../platform/access/roles.js';
import { api } from '../../platform/api/define.js';
import type { AppDeps } from '../../platform/deps.js';
import { submitForm } from '../../platform/http/forms.js';
import { page, redirect, view } from '../../platform/http/routes.js';
import type { Scope } from '../../platform/http/scope.js';
import { parsePath } from '../../platform/http/validation.js';
import { formatDateTime, type Translate } from '../../platform/i18n/index.js';
import { Alert, ChoiceGroup, CsrfField, ErrorSummary, TextField, type FormState } from '../../platform/layout/forms.js';
import './messages.js';
import { Token, TokenCreate } from './schemas.js';
import { createToken, listTokens, revokeToken } from './use-cases.js';

const IdParams = z.object({ id: z.uuid() });

function status(token: Token): 'active' | 'revoked' | 'expired' {
  if (token.revokedAt) return 'revoked';
  return new Date(token.expiresAt) <= new Date() ? 'expired' : 'active';
}

function TokensPage(props: { scope: Scope; tokens: Token[]; state: FormState; notice?: string; created?: string }) {
  const { scope } = props;
  const t: Translate = scope.t;
  const allowedScopes = TOKEN_SCOPES.filter((s) => s !== 'admin' || scope.actor?.role === 'admin');
  return (
    <div>
      <h1>{t('tokens.title')}</h1>
      {props.notice ? <Alert variant="success">{props.notice}</Alert> : null}
      {props.created ? (
        <Alert variant="warning" heading={t('tokens.created.title')}>
          <p>{t('tokens.created.text')}</p>
          <p><code class="token-secret">{props.created}</code></p>
        </Alert>
      ) : null}
      <p>{t('tokens.intro')}</p>
      {props.tokens.length === 0 ? <p>{t('tokens.none')}</p> : (
        <div class="table--responsive-scroll">
          <table class="table table--zebra">
            <thead>
              <tr>
                <th scope="col">{t('tokens.col.name')}</th>
                <th scope="col">{t('tokens.col.prefix')}</th>
                <th scope="col">{t('tokens.col.scopes')}</th>
                <th scope="col">{t('tokens.col.expires')}</th>
                <th scope="col">{t('tokens.col.lastUsed')}</th>
                <th scope="col">{t('tokens.col.status')}</th>
                <th scope="col"><span class="sr-only">{t('layout.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {props.tokens.map((token) => (
                <tr>
                  <td>{token.name}</td>
                  <td><code>{token.prefix}…</code></td>
                  <td>{token.scopes.map((s) => t(`tokens.scope.${s}`)).join(', ')}</td>
                  <td>{formatDateTime(scope.lang, token.expiresAt)}</td>
                  <td>{token.lastUsedAt ? formatDateTime(scope.lang, token.lastUsedAt) : t('tokens.never')}</td>
                  <td>{t(`tokens.status.${status(token)}`)}</td>
                  <td>
                    {status(token) === 'active' ? (
                      <form method="post" action={`/account/tokens/${token.id}/revoke`}>
                        <CsrfField token={scope.actor!.csrfToken} />
                        <button type="submit" class="button button-secondary button-small">{t('tokens.revoke')}<span class="sr-only"> {token.name}</span></button>
                      </form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t('tokens.new')}</h2>
      <ErrorSummary state={props.state} />
      <form method="post" action="/account/tokens" novalidate>
        <CsrfField token={scope.actor!.csrfToken} />
        <TextField state={props.state} name="name" label={t('tokens.field.name')} hint={t('tokens.field.nameHint')} autocomplete="off" />
        <ChoiceGroup state={props.state} name="scopes" legend={t('tokens.field.scopes')} type="checkbox" options={allowedScopes.map((s) => ({ value: s, label: t(`tokens.scope.${s}`) }))} />
        <TextField state={props.state} name="expiresInDays" label={t('tokens.field.days')} hint={t('tokens.field.daysHint')} inputmode="numeric" width="xs" />
        <button type="submit" class="button button-primary">{t('tokens.submit')}</button>
      </form>
    </div>
  );
}

export function registerTokenRoutes(app: FastifyInstance, deps: AppDeps): void {
  const crumbs = (t: Translate) => [{ label: t('layout.home'), href: '/' }, { label: t('nav.account'), href: '/account' }, { label: t('tokens.title') }];
  const render = async (scope: Scope, state: FormState, status = 200, extra: { notice?: string; created?: string } = {}) =>
    view(scope.t('tokens.title'), <TokensPage scope={scope} tokens={await listTokens(scope)} state={state} {...extra} />, { status, crumbs: crumbs(scope.t), wide: true });
  const defaults = { scopes: ['read'], expiresInDays: '90' };

  page(app, deps, { method: 'GET', url: '/account/tokens', auth: 'user' }, async (scope, req) => {
    const notice = (req.query as Record<string, string>).notice === 'revoked' ? scope.t('tokens.revoked') : undefined;
    return render(scope, { values: defaults, errors: [], t: scope.t }, 200, { notice });
  });

  page(app, deps, { method: 'POST', url: '/account/tokens', auth: 'user' }, async (scope, req) => {
    const outcome = await submitForm(scope, req.body, TokenCreate, (input) => createToken(scope, input), (state, status) => render(scope, state, status));
    if (!outcome.ok) return outcome.page;
    return render(scope, { values: defaults, errors: [], t: scope.t }, 201, { created: outcome.value.secret });
  });

  page(app, deps, { method: 'POST', url: '/account/tokens/:id/revoke', auth: 'user' }, async (scope, req) => {
    await revokeToken(scope, parsePath(IdParams, req.params).id);
    return redirect('/account/tokens?notice=revoked');
  });

  api(app, deps, {
    method: 'GET', url: '/api/v1/tokens', operationId: 'listTokens', tags: ['tokens'],
    summary: 'Your personal access tokens', access: { auth: 'user' }, response: z.object({ tokens: z.array(Token) }),
  }, async (scope) => ({ tokens: await listTokens(scope) }));

  api(app, deps, {
    method: 'POST', url: '/api/v1/tokens', operationId: 'createToken', tags: ['tokens'], status: 201,
    summary: 'Create a personal access token (browser session only); the secret is returned once',
    access: { auth: 'user', allowApiToken: false }, body: TokenCreate.strict(), response: z.object({ token: Token, secret: z.string() }),
  }, async (scope, { body }) => createToken(scope, body));

  api(app, deps, {
    method: 'DELETE', url: '/api/v1/tokens/:id', operationId: 'revokeToken', tags: ['tokens'],
    summary: 'Revoke a token', access: { auth: 'user' }, params: IdParams, response: z.object({ ok: z.literal(true) }),
  }, async (scope, { params }) => {
    await revokeToken(scope, params.id);
    return { ok: true as const };
  });
}
