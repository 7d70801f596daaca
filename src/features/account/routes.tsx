/** The user's own account: details, password, second factor status, sessions, API keys. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { hashPassword, verifyPassword } from '../../platform/auth/password.js';
import { remainingRecoveryCodes } from '../../platform/auth/recovery-codes.js';
import type { AppDeps } from '../../platform/deps.js';
import { submitForm } from '../../platform/http/forms.js';
import { ValidationError } from '../../platform/http/errors.js';
import { page, redirect, view } from '../../platform/http/routes.js';
import { newPassword } from '../../platform/http/validation.js';
import type { Scope } from '../../platform/http/scope.js';
import { Alert, CsrfField, ErrorSummary, TextField, type FormState } from '../../platform/layout/forms.js';
import { registerNavItem } from '../../platform/layout/nav.js';
import { ROLES } from '../../platform/access/roles.js';
import './messages.js';

const PasswordChange = z
  .object({
    currentPassword: z.string().min(1, 'validation.required').max(200),
    newPassword: newPassword(),
    newPasswordRepeat: z.string().min(1, 'validation.required'),
  })
  .refine((value) => value.newPassword === value.newPasswordRepeat, { message: 'validation.passwordMismatch', path: ['newPasswordRepeat'] });

async function changePassword(scope: Scope, input: z.output<typeof PasswordChange>): Promise<void> {
  const actor = scope.user();
  const { rows } = await scope.tx.query<{ password_hash: string | null }>('select password_hash from users where id = $1', [actor.userId]);
  if (!(await verifyPassword(rows[0]?.password_hash ?? null, input.currentPassword))) {
    throw new ValidationError([{ field: 'currentPassword', messageKey: 'account.password.wrong' }]);
  }
  await scope.tx.query('update users set password_hash = $2, updated_at = now() where id = $1', [actor.userId, await hashPassword(input.newPassword)]);
  await scope.tx.query('delete from sessions where user_id = $1 and id <> $2', [actor.userId, actor.sessionId]);
  await scope.audit({ action: 'auth.password_change', entityType: 'user', entityId: actor.userId });
}

export function registerAccountRoutes(app: FastifyInstance, deps: AppDeps): void {
  registerNavItem({ href: '/account', labelKey: 'nav.account', roles: ROLES, order: 95 });

  const render = async (scope: Scope, state: FormState, status = 200, notice?: string) => {
    const actor = scope.user();
    const t = scope.t;
    const { rows } = await scope.tx.query<{ team: string | null; enrolled: boolean }>(
      'select t.name as team, u.totp_enrolled_at is not null as enrolled from users u left join teams t on t.id = u.team_id where u.id = $1',
      [actor.userId],
    );
    const remaining = rows[0]?.enrolled ? await remainingRecoveryCodes(scope.tx, actor.userId) : 0;
    return view(t('account.title'), (
      <div>
        <h1>{t('account.title')}</h1>
        {notice ? <Alert variant="success">{notice}</Alert> : null}
        <h2>{t('account.details')}</h2>
        <dl class="summary-list">
          <dt>{t('users.field.displayName')}</dt><dd>{actor.displayName}</dd>
          <dt>{t('users.field.username')}</dt><dd>{actor.username}</dd>
          <dt>{t('users.field.role')}</dt><dd>{t(`role.${actor.role}`)}</dd>
          <dt>{t('users.field.team')}</dt><dd>{rows[0]?.team ?? t('layout.none')}</dd>
          <dt>{t('account.secondFactor')}</dt>
          <dd>{rows[0]?.enrolled ? `${t('users.secondFactor.on')} (${t('account.recoveryLeft', { count: remaining })})` : t('users.secondFactor.off')}</dd>
        </dl>
        <p><a href="/account/tokens">{t('account.tokens')}</a></p>
        <h2>{t('account.password.title')}</h2>
        <ErrorSummary state={state} />
        <form method="post" action="/account/password" novalidate>
          <CsrfField token={actor.csrfToken} />
          <input type="text" name="username" value={actor.username} autocomplete="username" hidden readOnly />
          <TextField state={state} name="currentPassword" label={t('account.password.current')} type="password" autocomplete="current-password" />
          <TextField state={state} name="newPassword" label={t('account.password.new')} hint={t('validation.passwordLength')} type="password" autocomplete="new-password" />
          <TextField state={state} name="newPasswordRepeat" label={t('account.password.repeat')} type="password" autocomplete="new-password" />
          <button type="submit" class="button button-primary">{t('account.password.submit')}</button>
        </form>
        <h2>{t('account.sessions.title')}</h2>
        <p>{t('account.sessions.text')}</p>
        <form method="post" action="/account/logout-everywhere">
          <CsrfField token={actor.csrfToken} />
          <button type="submit" class="button button-secondary">{t('auth.logout.everywhere')}</button>
        </form>
      </div>
    ), { status, crumbs: [{ label: t('layout.home'), href: '/' }, { label: t('account.title') }] });
  };

  page(app, deps, { method: 'GET', url: '/account', auth: 'user' }, async (scope, req) => {
    const notice = (req.query as Record<string, string>).notice === 'password' ? scope.t('account.password.changed') : undefined;
    return render(scope, { values: {}, errors: [], t: scope.t }, 200, notice);
  });

  page(app, deps, { method: 'POST', url: '/account/password', auth: 'user' }, async (scope, req) => {
    const outcome = await submitForm(scope, req.body, PasswordChange, (input) => changePassword(scope, input), (state, status) =>
      render(scope, { ...state, values: {} }, status));
    return outcome.ok ? redirect('/account?notice=password') : outcome.page;
  });
}
