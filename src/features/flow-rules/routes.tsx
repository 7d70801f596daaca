/** Administration pages for the case flow's rules ("Regler for frister og efterværn"). */
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../platform/deps.js';
import { NotFoundError } from '../../platform/http/errors.js';
import { submitForm } from '../../platform/http/forms.js';
import { page, redirect, view, type PageResult } from '../../platform/http/routes.js';
import type { Scope } from '../../platform/http/scope.js';
import type { Translate } from '../../platform/i18n/index.js';
import type { FormState } from '../../platform/layout/forms.js';
import { registerNavItem } from '../../platform/layout/nav.js';
import { changeFromForm, formValues, RestoreForm, RuleForm } from './form.js';
import './messages.js';
import { FlowRuleKeyParams, type FlowRule, type FlowRuleKey } from './schemas.js';
import { changeFlowRule, getFlowRule, listFlowRules, restoreNationalDefault } from './use-cases.js';
import { RuleEditor, ruleName, RulesOverview } from './views.js';
import { noticeFrom } from '../../platform/http/validation.js';

const LIST = '/admin/regler';
const admin = { auth: 'user', roles: ['admin'] } as const;
const NOTICES: Record<string, string> = { saved: 'flowrules.saved', restored: 'flowrules.restored' };

function crumbs(t: Translate, last?: string) {
  return [
    { label: t('layout.home'), href: '/' },
    { label: t('nav.admin') },
    { label: t('flowrules.title'), href: last ? LIST : undefined },
    ...(last ? [{ label: last }] : []),
  ];
}

/** A page address names a rule by its key; any other key is a page that does not exist. */
function keyOf(params: unknown): FlowRuleKey {
  const parsed = FlowRuleKeyParams.safeParse(params);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data.key;
}

function noticeOf(scope: Scope, query: unknown): string | undefined {
  const key = noticeFrom(NOTICES, query);
  return key ? scope.t(key) : undefined;
}

function renderEditor(scope: Scope, rule: FlowRule, state: FormState, status = 200): PageResult {
  const title = scope.t('flowrules.edit.title', { name: ruleName(scope.t, rule.key) });
  return view(title, <RuleEditor t={scope.t} lang={scope.lang} rule={rule} state={state} csrf={scope.actor!.csrfToken} />, {
    status, crumbs: crumbs(scope.t, ruleName(scope.t, rule.key)),
  });
}

/**
 * The form again after a refusal, with what the person typed. After a conflict the form is
 * based on the version now in force, so saving again is a deliberate choice made after seeing it.
 */
async function rerender(scope: Scope, key: FlowRuleKey, state: FormState, status: number): Promise<PageResult> {
  const current = await getFlowRule(scope, key);
  const values = status === 409 ? { ...state.values, basedOnVersion: current.version } : state.values;
  return renderEditor(scope, current, { ...state, values }, status);
}

export function registerFlowRulePages(app: FastifyInstance, deps: AppDeps): void {
  registerNavItem({ href: LIST, labelKey: 'nav.adminFlowRules', roles: ['admin'], order: 85 });

  page(app, deps, { method: 'GET', url: LIST, ...admin }, async (scope, req) => {
    const rules = await listFlowRules(scope);
    return view(scope.t('flowrules.title'), <RulesOverview t={scope.t} lang={scope.lang} rules={rules} notice={noticeOf(scope, req.query)} />, { crumbs: crumbs(scope.t) });
  });

  page(app, deps, { method: 'GET', url: `${LIST}/:key`, ...admin }, async (scope, req) => {
    const rule = await getFlowRule(scope, keyOf(req.params));
    return renderEditor(scope, rule, { values: formValues(rule.value, rule.version), errors: [], t: scope.t });
  });

  page(app, deps, { method: 'POST', url: `${LIST}/:key`, ...admin }, async (scope, req) => {
    const key = keyOf(req.params);
    const outcome = await submitForm(scope, req.body, RuleForm, (form) => changeFlowRule(scope, key, changeFromForm(key, form)),
      (state, status) => rerender(scope, key, state, status));
    return outcome.ok ? redirect(`${LIST}?notice=saved#rule-${key}`) : outcome.page;
  });

  page(app, deps, { method: 'POST', url: `${LIST}/:key/standard`, ...admin }, async (scope, req) => {
    const key = keyOf(req.params);
    const outcome = await submitForm(scope, req.body, RestoreForm, (form) => restoreNationalDefault(scope, key, form), async (state, status) => {
      // The restore form has no value fields: show the value fields as they are in force.
      const current = await getFlowRule(scope, key);
      return renderEditor(scope, current, { ...state, values: formValues(current.value, current.version) }, status);
    });
    return outcome.ok ? redirect(`${LIST}?notice=restored#rule-${key}`) : outcome.page;
  });
}
