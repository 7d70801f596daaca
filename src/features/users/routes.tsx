/** Administration pages for users. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { PROFESSIONAL_GROUPS, ROLES } from '../../platform/access/roles.js';
import type { AppDeps } from '../../platform/deps.js';
import { submitForm } from '../../platform/http/forms.js';
import { page, redirect, view } from '../../platform/http/routes.js';
import type { Scope } from '../../platform/http/scope.js';
import { parseOrThrow, parsePath } from '../../platform/http/validation.js';
import type { Translate } from '../../platform/i18n/index.js';
import { Alert, CsrfField, ErrorSummary, SelectField, TextField, type FormState } from '../../platform/layout/forms.js';
import { registerNavItem } from '../../platform/layout/nav.js';
import type { Team } from '../teams/schemas.js';
import { listTeams } from '../teams/use-cases.js';
import './messages.js';
import { UserCreate, UserListQuery, UserUpdate, type User } from './schemas.js';
import { createUser, getUser, issueActivation, listUsers, resetSecondFactor, setUserActive, updateUser } from './use-cases.js';

const IdParams = z.object({ id: z.uuid() });

function crumbs(t: Translate, last?: { label: string; href?: string }, current?: string) {
  return [
    { label: t('layout.home'), href: '/' },
    { label: t('nav.admin') },
    { label: t('users.title'), href: current || last ? '/admin/users' : undefined },
    ...(last ? [last] : []),
  ];
}

function absoluteLink(scope: Scope, host: string | undefined, path: string): string {
  const base = scope.deps.config.PUBLIC_URL ?? `http://${host ?? 'localhost'}`;
  return new URL(path, base).href;
}

function UserFields(props: { state: FormState; t: Translate; teams: Team[]; withUsername: boolean }) {
  const { state, t } = props;
  return (
    <>
      {props.withUsername ? <TextField state={state} name="username" label={t('users.field.username')} hint={t('users.field.usernameHint')} autocomplete="off" /> : null}
      <TextField state={state} name="displayName" label={t('users.field.displayName')} autocomplete="off" />
      <TextField state={state} name="email" label={t('users.field.email')} hint={t('users.field.emailHint')} type="email" optional autocomplete="off" />
      <SelectField state={state} name="role" label={t('users.field.role')} options={ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }))} />
      <SelectField state={state} name="teamId" label={t('users.field.team')} optional placeholder={t('users.field.noTeam')} options={props.teams.map((team) => ({ value: team.id, label: team.name }))} />
      <SelectField state={state} name="professionalGroup" label={t('users.field.group')} hint={t('users.field.groupHint')} optional placeholder={t('users.field.noGroup')} options={PROFESSIONAL_GROUPS.map((group) => ({ value: group, label: t(`group.${group}`) }))} />
    </>
  );
}

function UserList(props: { t: Translate; users: User[]; query: { q?: string; includeInactive?: boolean }; notice?: string }) {
  const { t } = props;
  return (
    <div>
      <h1>{t('users.title')}</h1>
      {props.notice ? <Alert variant="success">{props.notice}</Alert> : null}
      <p>{t('users.intro')}</p>
      <p><a class="button button-primary" href="/admin/users/new">{t('users.new')}</a></p>
      <form method="get" action="/admin/users" class="filter-form">
        <div class="form-group">
          <label class="form-label" for="field-q">{t('users.filter')}</label>
          <input class="form-input" id="field-q" name="q" type="search" value={props.query.q ?? ''} />
        </div>
        <div class="form-group">
          <input class="form-checkbox" id="field-includeInactive" type="checkbox" name="includeInactive" value="true" checked={props.query.includeInactive} />
          <label for="field-includeInactive">{t('users.includeInactive')}</label>
        </div>
        <button class="button button-secondary" type="submit">{t('users.filterSubmit')}</button>
      </form>
      {props.users.length === 0 ? (
        <p>{t('users.none')}</p>
      ) : (
        <div class="table--responsive-scroll">
          <table class="table table--zebra">
            <thead>
              <tr>
                <th scope="col">{t('users.col.name')}</th>
                <th scope="col">{t('users.col.username')}</th>
                <th scope="col">{t('users.col.role')}</th>
                <th scope="col">{t('users.col.team')}</th>
                <th scope="col">{t('users.col.status')}</th>
                <th scope="col">{t('users.col.secondFactor')}</th>
              </tr>
            </thead>
            <tbody>
              {props.users.map((user) => (
                <tr>
                  <td><a href={`/admin/users/${user.id}`}>{user.displayName}</a></td>
                  <td>{user.username}</td>
                  <td>{t(`role.${user.role}`)}</td>
                  <td>{user.teamName ?? ''}</td>
                  <td>{!user.active ? t('users.status.inactive') : user.hasPassword || user.oidcLinked ? t('users.status.active') : t('users.status.notActivated')}</td>
                  <td>{user.secondFactorEnrolled ? t('users.secondFactor.on') : t('users.secondFactor.off')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function ActivationLinkPanel(props: { t: Translate; name: string; link: string }) {
  return (
    <div>
      <h1>{props.t('users.created.title')}</h1>
      <Alert variant="success">{props.t('users.created.text', { name: props.name })}</Alert>
      <p><code class="activation-link">{props.link}</code></p>
      <p><a href="/admin/users">{props.t('users.created.back')}</a></p>
    </div>
  );
}

function UserDetail(props: { t: Translate; user: User; teams: Team[]; state: FormState; csrf: string | null; notice?: string; self: boolean }) {
  const { t, user } = props;
  return (
    <div>
      <h1>{user.displayName}</h1>
      {props.notice ? <Alert variant="success">{props.notice}</Alert> : null}
      <ErrorSummary state={props.state} />
      <h2>{t('users.details')}</h2>
      <dl class="summary-list">
        <dt>{t('users.col.username')}</dt><dd>{user.username}</dd>
        <dt>{t('users.col.status')}</dt><dd>{user.active ? t('users.status.active') : t('users.status.inactive')}</dd>
        <dt>{t('users.col.secondFactor')}</dt><dd>{user.secondFactorEnrolled ? t('users.secondFactor.on') : t('users.secondFactor.off')}</dd>
      </dl>
      <h2>{t('users.edit.title')}</h2>
      <form method="post" action={`/admin/users/${user.id}`} novalidate>
        <CsrfField token={props.csrf} />
        <input type="hidden" name="version" value={String(user.version)} />
        <UserFields state={props.state} t={t} teams={props.teams} withUsername={false} />
        <button type="submit" class="button button-primary">{t('users.edit.submit')}</button>
      </form>
      <h2>{t('users.actions')}</h2>
      <ul class="nobullet-list action-list">
        <li>
          <form method="post" action={`/admin/users/${user.id}/activation`}>
            <CsrfField token={props.csrf} />
            <button type="submit" class="button button-secondary">{t('users.newActivation')}</button>
            <span class="form-hint">{t('users.newActivationHint')}</span>
          </form>
        </li>
        <li>
          <form method="post" action={`/admin/users/${user.id}/reset-second-factor`}>
            <CsrfField token={props.csrf} />
            <button type="submit" class="button button-secondary">{t('users.resetSecondFactor')}</button>
            <span class="form-hint">{t('users.resetSecondFactorHint')}</span>
          </form>
        </li>
        {props.self ? null : (
          <li>
            <form method="post" action={`/admin/users/${user.id}/${user.active ? 'deactivate' : 'reactivate'}`}>
              <CsrfField token={props.csrf} />
              <button type="submit" class={user.active ? 'button button-secondary button-danger' : 'button button-secondary'}>
                {user.active ? t('users.deactivate') : t('users.reactivate')}
              </button>
              {user.active ? <span class="form-hint">{t('users.deactivateHint')}</span> : null}
            </form>
          </li>
        )}
      </ul>
    </div>
  );
}

const NOTICES: Record<string, string> = {
  saved: 'users.saved', deactivated: 'users.deactivated', reactivated: 'users.reactivated', reset: 'users.secondFactorReset',
};

function userFormValues(user: User): Record<string, unknown> {
  return { displayName: user.displayName, email: user.email ?? '', role: user.role, teamId: user.teamId ?? '', professionalGroup: user.professionalGroup ?? '' };
}

export function registerUserPages(app: FastifyInstance, deps: AppDeps): void {
  registerNavItem({ href: '/admin/users', labelKey: 'nav.adminUsers', roles: ['admin'], order: 80 });
  const admin = { auth: 'user', roles: ['admin'] } as const;

  page(app, deps, { method: 'GET', url: '/admin/users', ...admin }, async (scope, req) => {
    const query = parseOrThrow(UserListQuery, req.query ?? {});
    const users = await listUsers(scope, query);
    const notice = (req.query as Record<string, string>).notice;
    return view(scope.t('users.title'), <UserList t={scope.t} users={users} query={query} notice={notice === 'created' ? scope.t('users.saved') : undefined} />, { crumbs: crumbs(scope.t) });
  });

  const renderNew = async (scope: Scope, state: FormState, status = 200) => {
    const teams = await listTeams(scope);
    return view(scope.t('users.new'), (
      <div>
        <h1>{scope.t('users.new')}</h1>
        <ErrorSummary state={state} />
        <form method="post" action="/admin/users/new" novalidate>
          <CsrfField token={scope.actor!.csrfToken} />
          <UserFields state={state} t={scope.t} teams={teams} withUsername />
          <button type="submit" class="button button-primary">{scope.t('users.create.submit')}</button>
        </form>
      </div>
    ), { status, crumbs: crumbs(scope.t, { label: scope.t('users.new') }) });
  };

  page(app, deps, { method: 'GET', url: '/admin/users/new', ...admin }, async (scope) => renderNew(scope, { values: { role: 'professional' }, errors: [], t: scope.t }));

  page(app, deps, { method: 'POST', url: '/admin/users/new', ...admin }, async (scope, req) => {
    const outcome = await submitForm(scope, req.body, UserCreate, (input) => createUser(scope, input), (state, status) => renderNew(scope, state, status));
    if (!outcome.ok) return outcome.page;
    const { user, activationToken } = outcome.value;
    const link = absoluteLink(scope, req.headers.host, `/activate/${activationToken}`);
    return view(scope.t('users.created.title'), <ActivationLinkPanel t={scope.t} name={user.displayName} link={link} />, { crumbs: crumbs(scope.t, { label: user.displayName }) });
  });

  const renderDetail = async (scope: Scope, user: User, state: FormState, notice?: string, status = 200) => {
    const teams = await listTeams(scope);
    return view(user.displayName, (
      <UserDetail t={scope.t} user={user} teams={teams} state={state} csrf={scope.actor!.csrfToken} notice={notice} self={user.id === scope.actor!.userId} />
    ), { status, crumbs: crumbs(scope.t, { label: user.displayName }) });
  };

  page(app, deps, { method: 'GET', url: '/admin/users/:id', ...admin }, async (scope, req) => {
    const { id } = parsePath(IdParams, req.params);
    const user = await getUser(scope, id);
    const notice = (req.query as Record<string, unknown>).notice;
    // Own keys only: `?notice=__proto__` must not reach the translator as an object.
    const noticeKey = typeof notice === 'string' && Object.hasOwn(NOTICES, notice) ? NOTICES[notice] : undefined;
    return renderDetail(scope, user, { values: userFormValues(user), errors: [], t: scope.t }, noticeKey ? scope.t(noticeKey) : undefined);
  });

  page(app, deps, { method: 'POST', url: '/admin/users/:id', ...admin }, async (scope, req) => {
    const { id } = parsePath(IdParams, req.params);
    const outcome = await submitForm(scope, req.body, UserUpdate, (input) => updateUser(scope, id, input), async (state, status) => {
      const current = await getUser(scope, id);
      // Keep the user's typed values but move the hidden version on, so saving again works.
      return renderDetail(scope, current, { ...state, values: { ...state.values, version: current.version } }, undefined, status);
    });
    if (!outcome.ok) return outcome.page;
    return redirect(`/admin/users/${id}?notice=saved`);
  });

  page(app, deps, { method: 'POST', url: '/admin/users/:id/deactivate', ...admin }, async (scope, req) => {
    const { id } = parsePath(IdParams, req.params);
    await setUserActive(scope, id, false);
    return redirect(`/admin/users/${id}?notice=deactivated`);
  });

  page(app, deps, { method: 'POST', url: '/admin/users/:id/reactivate', ...admin }, async (scope, req) => {
    const { id } = parsePath(IdParams, req.params);
    await setUserActive(scope, id, true);
    return redirect(`/admin/users/${id}?notice=reactivated`);
  });

  page(app, deps, { method: 'POST', url: '/admin/users/:id/reset-second-factor', ...admin }, async (scope, req) => {
    const { id } = parsePath(IdParams, req.params);
    await resetSecondFactor(scope, id);
    return redirect(`/admin/users/${id}?notice=reset`);
  });

  page(app, deps, { method: 'POST', url: '/admin/users/:id/activation', ...admin }, async (scope, req) => {
    const { id } = parsePath(IdParams, req.params);
    const token = await issueActivation(scope, id);
    const user = await getUser(scope, id);
    return view(scope.t('users.created.title'), <ActivationLinkPanel t={scope.t} name={user.displayName} link={absoluteLink(scope, req.headers.host, `/activate/${token}`)} />, { crumbs: crumbs(scope.t, { label: user.displayName }) });
  });
}
