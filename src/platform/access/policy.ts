/**
 * Policies decide whether an actor may do an action on a resource: one file per entity
 * (`<feature>/policy.ts`), each a pure function tested role × action. Use cases call
 * `authorize`, which throws an AccessDeniedError (answered as 404 and audited) on refusal.
 */
import { AccessDeniedError } from '../http/errors.js';
import type { Actor } from './actor.js';

export type Policy<Action extends string, Resource> = (actor: Actor, action: Action, resource: Resource) => boolean;

export function authorize<Action extends string, Resource>(
  policy: Policy<Action, Resource>,
  actor: Actor,
  action: Action,
  resource: Resource,
  audit: { entityType: string; entityId?: string },
): void {
  if (!policy(actor, action, resource)) {
    throw new AccessDeniedError({ action: `${audit.entityType}.${action}`, entityType: audit.entityType, entityId: audit.entityId });
  }
}
