/** Administration pages for teams. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { TEAM_KINDS } from '../../platform/access/roles.js';
import type { AppDeps } from '../../platform/deps.js';
import { submitForm } from '../../platform/http/forms.js';
import { page, redirect, view } from '../../platform/http/routes.js';
import type { Scope } from '../../platform/http/scope.js';
import { formCheckbox, parsePath } from '../../platform/http/validation.js';
import type { Translate } from '../../platform/i18n/index.js';
import { Alert, ChoiceGroup, CsrfField, ErrorSummary, SelectField, TextField, type FormState } from '../../platform/layout/forms.js';
import { registerNavItem } from '../../platform/layout/nav.js';
import './messages.js';
import { TeamInput, TeamUpdate, type Team } from './schemas.js';
import { createTeam, getTeam, listTeams, updateTeam } from './use-cases.js';

const IdParams = z.object({ id: z.uuid() });
const TeamUpdateForm = TeamUpdate.extend({ active: formCheckbox });

function crumbs(t: Translate, last?: string) {
  return [
    { label: t('layout.home'), href: '/' },
    { label: t('nav.admin') },
    { label: t('teams.title'), href: last ? '/admin/teams' : undefined },
    ...(last ? [{ label: last }] : []),
  ];
}

function TeamFields({ state, t }: { state: FormState; t: Translate }) {
  return (
    <>
      <TextField state={state} name="name" label={t('teams.field.name')} autocomplete="off" />
      <SelectField state={state} name="kind" label={t('teams.field.kind')} options={TEAM_KINDS.map((kind) => ({ value: kind, label: t(`teamKind.${kind}`) }))} />
    </>
  );
}

function TeamList(props: { t: Translate; teams: Team[]; state: FormState; csrf: string | null; notice?: string }) {
  const { t } = props;
  return (
    <div>
      <h1>{t('teams.title')}</h1>
      {props.notice ? <Alert variant="success">{props.notice}</Alert> : null}
      <p>{t('teams.intro')}</p>
      {props.teams.length === 0 ? (
        <p>{t('teams.none')}</p>
      ) : (
        <table class="table table--zebra">
          <thead>
            <tr>
              <th scope="col">{t('teams.field.name')}</th>
              <th scope="col">{t('teams.field.kind')}</th>
              <th scope="col">{t('teams.col.members')}</th>
            </tr>
          </thead>
          <tbody>
            {props.teams.map((team) => (
              <tr>
                <td>
                  <a href={`/admin/teams/${team.id}`}>{team.name}</a>
                  {team.active ? null : <span class="badge ml-3">{t('teams.inactive')}</span>}
                </td>
                <td>{t(`teamKind.${team.kind}`)}</td>
                <td>{team.members}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t('teams.new')}</h2>
      <ErrorSummary state={props.state} />
      <form method="post" action="/admin/teams" novalidate>
        <CsrfField token={props.csrf} />
        <TeamFields state={props.state} t={t} />
        <button type="submit" class="button button-primary">{t('teams.create.submit')}</button>
      </form>
    </div>
  );
}

export function registerTeamPages(app: FastifyInstance, deps: AppDeps): void {
  registerNavItem({ href: '/admin/teams', labelKey: 'nav.adminTeams', roles: ['admin'], order: 81 });
  const admin = { auth: 'user', roles: ['admin'] } as const;

  const renderList = async (scope: Scope, state: FormState, status = 200, notice?: string) => {
    const teams = await listTeams(scope, { includeInactive: true });
    return view(scope.t('teams.title'), <TeamList t={scope.t} teams={teams} state={state} csrf={scope.actor!.csrfToken} notice={notice} />, { status, crumbs: crumbs(scope.t) });
  };

  page(app, deps, { method: 'GET', url: '/admin/teams', ...admin }, async (scope, req) => {
    const notice = (req.query as Record<string, string>).notice === 'created' ? scope.t('teams.created') : undefined;
    return renderList(scope, { values: { kind: 'other' }, errors: [], t: scope.t }, 200, notice);
  });

  page(app, deps, { method: 'POST', url: '/admin/teams', ...admin }, async (scope, req) => {
    const outcome = await submitForm(scope, req.body, TeamInput, (input) => createTeam(scope, input), (state, status) => renderList(scope, state, status));
    return outcome.ok ? redirect('/admin/teams?notice=created') : outcome.page;
  });

  const renderEdit = (scope: Scope, team: Team, state: FormState, status = 200, notice?: string) =>
    view(team.name, (
      <div>
        <h1>{team.name}</h1>
        {notice ? <Alert variant="success">{notice}</Alert> : null}
        <ErrorSummary state={state} />
        <form method="post" action={`/admin/teams/${team.id}`} novalidate>
          <CsrfField token={scope.actor!.csrfToken} />
          <input type="hidden" name="version" value={String(state.values.version ?? team.version)} />
          <TeamFields state={state} t={scope.t} />
          <ChoiceGroup state={state} name="active" legend={scope.t('teams.field.active')} type="checkbox" optional options={[{ value: 'on', label: scope.t('teams.field.active') }]} />
          <button type="submit" class="button button-primary">{scope.t('teams.edit.submit')}</button>
        </form>
      </div>
    ), { status, crumbs: crumbs(scope.t, team.name) });

  page(app, deps, { method: 'GET', url: '/admin/teams/:id', ...admin }, async (scope, req) => {
    const { id } = parsePath(IdParams, req.params);
    const team = await getTeam(scope, id);
    const notice = (req.query as Record<string, string>).notice === 'saved' ? scope.t('teams.saved') : undefined;
    return renderEdit(scope, team, { values: { name: team.name, kind: team.kind, active: team.active ? 'on' : undefined, version: team.version }, errors: [], t: scope.t }, 200, notice);
  });

  page(app, deps, { method: 'POST', url: '/admin/teams/:id', ...admin }, async (scope, req) => {
    const { id } = parsePath(IdParams, req.params);
    const outcome = await submitForm(scope, req.body, TeamUpdateForm, (input) => updateTeam(scope, id, input), async (state, status) => {
      const current = await getTeam(scope, id);
      return renderEdit(scope, current, { ...state, values: { ...state.values, version: current.version } }, status);
    });
    return outcome.ok ? redirect(`/admin/teams/${id}?notice=saved`) : outcome.page;
  });
}
