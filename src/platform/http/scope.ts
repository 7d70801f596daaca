/**
 * The request scope a use case works in: one database transaction with the tenant and user
 * set, the authenticated actor, the language, and an audit writer bound to all of them.
 */
import type { FastifyRequest } from 'fastify';
import type { Tx } from '../../db/database.js';
import type { Actor } from '../access/actor.js';
import { recordAudit, type AuditEvent } from '../audit/events.js';
import type { AppDeps } from '../deps.js';
import type { Lang, Translate } from '../i18n/index.js';
import type { Tenant } from '../tenants.js';
import { AppError } from './errors.js';

export type ScopedAuditEvent = Omit<AuditEvent, 'tenantId' | 'actorKind' | 'actorUserId' | 'requestId'>;

export interface Scope {
  tx: Tx;
  deps: AppDeps;
  tenant: Tenant;
  actor: Actor | null;
  lang: Lang;
  t: Translate;
  requestId: string;
  /** The login stage of the session (null without a session, 'complete' for API tokens). */
  sessionStage: 'second_factor' | 'enrolment' | 'complete' | null;
  /** The client's address, for throttling only; never stored or logged in plain form. */
  clientAddress: string;
  /** Writes an audit row in this request's transaction, attributed to the actor. */
  audit(event: ScopedAuditEvent): Promise<void>;
  /** The actor, or a 401 when the route was public (use on routes with auth: 'user'). */
  user(): Actor;
  /**
   * Runs `work` after this request's transaction has committed (never if it rolls back):
   * sending queue messages, invalidating caches. Failures are logged, not answered.
   */
  afterCommit(work: () => Promise<unknown> | unknown): void;
  /** Callbacks registered with afterCommit (read by the request pipeline). */
  readonly committedCallbacks: (() => Promise<unknown> | unknown)[];
}

export function createScope(input: {
  tx: Tx; deps: AppDeps; tenant: Tenant; actor: Actor | null; lang: Lang; t: Translate; requestId: string;
  sessionStage: Scope['sessionStage']; clientAddress: string;
}): Scope {
  const { tx, tenant, actor, requestId } = input;
  const committedCallbacks: (() => Promise<unknown> | unknown)[] = [];
  return {
    ...input,
    committedCallbacks,
    afterCommit(work) {
      committedCallbacks.push(work);
    },
    audit(event) {
      return recordAudit(tx, {
        ...event,
        tenantId: tenant.id,
        actorKind: actor ? actor.kind : 'anonymous',
        actorUserId: actor?.userId ?? null,
        requestId,
      });
    },
    user() {
      if (!actor) throw new AppError('unauthenticated', 'error.unauthenticated');
      return actor;
    },
  };
}

/** What the request has revealed so far, kept on the request for the error pages. */
export interface RequestState {
  tenant: Tenant | null;
  actor: Actor | null;
  lang: Lang;
  api: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    selvbestemt?: RequestState;
  }
}

export function requestState(req: FastifyRequest): RequestState | undefined {
  return req.selvbestemt;
}
