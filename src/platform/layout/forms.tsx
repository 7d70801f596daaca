/**
 * DKFDS form controls. Every control shows its own error (from `errors`) and is linked to
 * its hint and error by aria-describedby; the ErrorSummary links to each failing field.
 */
import type { ComponentChildren } from 'preact';
import type { FieldError } from '../http/errors.js';
import type { Translate } from '../i18n/index.js';
import './messages.js';

export interface FormState {
  /** Submitted or stored values by field name. */
  values: Record<string, unknown>;
  errors: FieldError[];
  t: Translate;
}

export function fieldError(state: FormState, name: string): string | undefined {
  const error = state.errors.find((e) => e.field === name || e.field.startsWith(`${name}.`));
  return error ? state.t(error.messageKey, error.params) : undefined;
}

function valueOf(state: FormState, name: string): string {
  const value = state.values[name];
  return value === undefined || value === null ? '' : Array.isArray(value) ? value.join(', ') : String(value);
}

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return ids || undefined;
}

/** DKFDS error message under a label; the hidden prefix tells screen readers it is an error. */
function FieldErrorMessage(props: { id: string; text: string; t: Translate }) {
  return (
    <span class="form-error-message" id={`${props.id}-error`}>
      <span class="sr-only">{props.t('layout.errorPrefix')} </span>
      {props.text}
    </span>
  );
}

function FieldChrome(props: { id: string; label: string; hint?: string; error?: string; optional?: boolean; t: Translate; children: ComponentChildren }) {
  return (
    <div class={`form-group${props.error ? ' form-error' : ''}`}>
      <label class="form-label" for={props.id}>
        {props.label}
        {props.optional ? <span class="weight-normal"> {props.t('layout.optional')}</span> : null}
      </label>
      {props.hint ? <span class="form-hint" id={`${props.id}-hint`}>{props.hint}</span> : null}
      {props.error ? <FieldErrorMessage id={props.id} text={props.error} t={props.t} /> : null}
      {props.children}
    </div>
  );
}

export function TextField(props: {
  state: FormState; name: string; label: string; hint?: string; type?: string; optional?: boolean;
  autocomplete?: string; inputmode?: string; width?: 'xs' | 's' | 'm' | 'l' | 'xl'; value?: string;
}) {
  const id = `field-${props.name}`;
  const error = fieldError(props.state, props.name);
  return (
    <FieldChrome id={id} label={props.label} hint={props.hint} error={error} optional={props.optional} t={props.state.t}>
      <input
        class={`form-input${props.width ? ` input-width-${props.width}` : ''}`}
        id={id}
        name={props.name}
        type={(props.type ?? 'text') as 'text'}
        value={props.value ?? (props.type === 'password' ? '' : valueOf(props.state, props.name))}
        required={!props.optional}
        autocomplete={props.autocomplete}
        inputMode={props.inputmode as never}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, props.hint, error)}
      />
    </FieldChrome>
  );
}

export function TextArea(props: { state: FormState; name: string; label: string; hint?: string; optional?: boolean; rows?: number; maxLength?: number }) {
  const id = `field-${props.name}`;
  const error = fieldError(props.state, props.name);
  return (
    <FieldChrome id={id} label={props.label} hint={props.hint} error={error} optional={props.optional} t={props.state.t}>
      <textarea
        class="form-input"
        id={id}
        name={props.name}
        rows={props.rows ?? 5}
        required={!props.optional}
        maxLength={props.maxLength}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, props.hint, error)}
      >
        {valueOf(props.state, props.name)}
      </textarea>
    </FieldChrome>
  );
}

export interface Option {
  value: string;
  label: string;
  hint?: string;
}

export function SelectField(props: { state: FormState; name: string; label: string; options: Option[]; hint?: string; optional?: boolean; placeholder?: string }) {
  const id = `field-${props.name}`;
  const error = fieldError(props.state, props.name);
  const current = valueOf(props.state, props.name);
  return (
    <FieldChrome id={id} label={props.label} hint={props.hint} error={error} optional={props.optional} t={props.state.t}>
      <select class="form-select" id={id} name={props.name} required={!props.optional} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy(id, props.hint, error)}>
        {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : null}
        {props.options.map((option) => (
          <option value={option.value} selected={option.value === current}>{option.label}</option>
        ))}
      </select>
    </FieldChrome>
  );
}

/** A group of radio buttons or checkboxes in a fieldset with a legend. */
export function ChoiceGroup(props: {
  state: FormState; name: string; legend: string; options: Option[]; type: 'radio' | 'checkbox'; hint?: string; optional?: boolean;
}) {
  const id = `field-${props.name}`;
  const error = fieldError(props.state, props.name);
  const raw = props.state.values[props.name];
  const selected = new Set((Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw]).map(String));
  return (
    <div class={`form-group${error ? ' form-error' : ''}`}>
      <fieldset aria-describedby={describedBy(id, props.hint, error)}>
        <legend class="form-label">
          {props.legend}
          {props.optional ? <span class="weight-normal"> {props.state.t('layout.optional')}</span> : null}
        </legend>
        {props.hint ? <span class="form-hint" id={`${id}-hint`}>{props.hint}</span> : null}
        {error ? <FieldErrorMessage id={id} text={error} t={props.state.t} /> : null}
        <ul class="nobullet-list" id={id}>
          {props.options.map((option, index) => {
            const optionId = `${id}-${index}`;
            return (
              <li>
                <input
                  id={optionId}
                  type={props.type}
                  name={props.name}
                  value={option.value}
                  class={props.type === 'radio' ? 'form-radio' : 'form-checkbox'}
                  checked={selected.has(option.value)}
                  aria-describedby={option.hint ? `${optionId}-hint` : undefined}
                />
                <label for={optionId}>{option.label}</label>
                {option.hint ? <span class="form-hint" id={`${optionId}-hint`}>{option.hint}</span> : null}
              </li>
            );
          })}
        </ul>
      </fieldset>
    </div>
  );
}

/**
 * The summary at the top of a form: one link per failing field, in the page's language.
 * dkfds.js focuses it on load (`data-module="error-summary"`) and moves focus to the field
 * when a link is followed; without script the links still jump to the fields.
 */
export function ErrorSummary({ state }: { state: FormState }) {
  if (state.errors.length === 0) return null;
  return (
    <div class="alert alert-error error-summary" role="alert" aria-labelledby="error-summary-heading" tabIndex={-1} id="error-summary" data-module="error-summary">
      <AlertIcon variant="error" t={state.t} />
      <div class="alert-body">
        <h2 class="alert-heading" id="error-summary-heading">{state.t('layout.errorSummary')}</h2>
        <ul class="alert-text nobullet-list">
          {state.errors.map((error) =>
            error.field === '_form' || error.field === '' ? (
              <li>{state.t(error.messageKey, error.params)}</li>
            ) : (
              <li>
                <a class="function-link" href={`#field-${error.field.split('.')[0]}`}>{state.t(error.messageKey, error.params)}</a>
              </li>
            ),
          )}
        </ul>
      </div>
    </div>
  );
}

export function CsrfField({ token }: { token: string | null }) {
  return token ? <input type="hidden" name="_csrf" value={token} /> : null;
}

type AlertVariant = 'info' | 'success' | 'warning' | 'error';

/** The DKFDS 11 alert icon, labelled so the kind of message is not told by colour alone. */
function AlertIcon(props: { variant: AlertVariant; t?: Translate }) {
  const label = props.t ? props.t(`layout.alert.${props.variant}`) : undefined;
  return (
    <svg class="icon-svg alert-icon" focusable="false" aria-hidden={label ? undefined : 'true'} aria-label={label} role={label ? 'img' : undefined}>
      <use href={`/static/dkfds/img/all-svg-icons.svg#${props.variant}`}></use>
    </svg>
  );
}

/** A DKFDS alert. Pass `t` to label the icon for screen readers (in the page's language). */
export function Alert(props: { variant: AlertVariant; heading?: string; t?: Translate; children?: ComponentChildren }) {
  return (
    <div class={`alert alert-${props.variant}`} role={props.variant === 'error' || props.variant === 'warning' ? 'alert' : undefined}>
      <AlertIcon variant={props.variant} t={props.t} />
      <div class="alert-body">
        {props.heading ? <p class="alert-heading">{props.heading}</p> : null}
        <div class="alert-text">{props.children}</div>
      </div>
    </div>
  );
}
