/** The first-administrator page reached from the link printed at first start. */
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../platform/deps.js';
import { preSessionCsrfToken } from '../../platform/http/cookies.js';
import { submitForm } from '../../platform/http/forms.js';
import { page, redirect, view } from '../../platform/http/routes.js';
import type { Translate } from '../../platform/i18n/index.js';
import { Alert, CsrfField, ErrorSummary, TextField, type FormState } from '../../platform/layout/forms.js';
import { createFirstAdmin, findFirstAdminLink, FirstAdminForm } from './first-admin.js';
import './messages.js';

function SetupForm(props: { t: Translate; state: FormState; csrf: string; token: string }) {
  const { t, state } = props;
  return (
    <div class="narrow-form">
      <h1>{t('setup.title')}</h1>
      <ErrorSummary state={state} />
      <p>{t('setup.intro')}</p>
      <form method="post" action={`/setup/${props.token}`} novalidate>
        <CsrfField token={props.csrf} />
        <TextField state={state} name="tenantName" label={t('setup.tenantName')} hint={t('setup.tenantNameHint')} autocomplete="organization" />
        <TextField state={state} name="displayName" label={t('users.field.displayName')} autocomplete="name" />
        <TextField state={state} name="username" label={t('users.field.username')} hint={t('users.field.usernameHint')} autocomplete="username" />
        <TextField state={state} name="email" label={t('users.field.email')} type="email" optional autocomplete="email" />
        <TextField state={state} name="password" label={t('auth.activate.password')} hint={t('validation.passwordLength')} type="password" autocomplete="new-password" />
        <TextField state={state} name="passwordRepeat" label={t('auth.activate.passwordRepeat')} type="password" autocomplete="new-password" />
        <button type="submit" class="button button-primary">{t('setup.submit')}</button>
      </form>
    </div>
  );
}

export function registerSetupRoutes(app: FastifyInstance, deps: AppDeps): void {
  const invalid = (t: Translate) => view(t('setup.title'), <div><h1>{t('setup.title')}</h1><Alert variant="error">{t('setup.invalid')}</Alert></div>, { status: 404 });

  page(app, deps, { method: 'GET', url: '/setup/:token', auth: 'public' }, async (scope, req, reply) => {
    const { token } = req.params as { token: string };
    if (!(await findFirstAdminLink(scope, token))) return invalid(scope.t);
    return view(scope.t('setup.title'), <SetupForm t={scope.t} state={{ values: { tenantName: scope.tenant.name }, errors: [], t: scope.t }} csrf={preSessionCsrfToken(req, reply)} token={token} />);
  });

  page(app, deps, { method: 'POST', url: '/setup/:token', auth: 'public' }, async (scope, req, reply) => {
    const { token } = req.params as { token: string };
    const link = await findFirstAdminLink(scope, token);
    if (!link) return invalid(scope.t);
    const outcome = await submitForm(scope, req.body, FirstAdminForm, (input) => createFirstAdmin(scope, link.id, input), (state, status) => {
      const values = { ...state.values, password: undefined, passwordRepeat: undefined };
      return view(scope.t('setup.title'), <SetupForm t={scope.t} state={{ ...state, values }} csrf={preSessionCsrfToken(req, reply)} token={token} />, { status });
    });
    return outcome.ok ? redirect('/login?activated=1') : outcome.page;
  });
}
