/**
 * The request scope a use case works in: one database transaction with the tenant and user
 * set, the authenticated actor, the language, and an audit writer bound to all of them.
 */
import type { FastifyRequest } from 'fastify';
import type { Tx } from '../../db/database.js';
import type { Actor } from '../access/actor.js';
import { recordAuditBatch, type AuditEvent } from '../audit/events.js';
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
  /**
   * Records an audit row in this request's transaction, attributed to the actor. Rows are
   * buffered and written in one statement before the transaction commits (`flushAudit`);
   * rows recorded after a savepoint that is rolled back are dropped with it.
   */
  audit(event: ScopedAuditEvent): Promise<void>;
  /** Writes the buffered audit rows now (the request pipeline calls it before committing). */
  flushAudit(): Promise<void>;
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
  const { tenant, actor, requestId } = input;
  const committedCallbacks: (() => Promise<unknown> | unknown)[] = [];
  const pendingAudit: AuditEvent[] = [];
  const savepointMarks = new Map<string, number>();
  // One insert per request instead of one per audited read: a home page audits half a dozen
  // panels. The wrapper keeps the buffer in step with savepoints, so a form that is rolled
  // back to its savepoint loses its audit rows exactly as it would have with direct inserts.
  const tx: Tx = {
    exec: (sql) => input.tx.exec(sql),
    enqueue: (sql, params) => input.tx.enqueue(sql, params),
    async query(sql, params) {
      const savepoint = /^\s*(savepoint|rollback\s+to\s+savepoint|release\s+savepoint)\s+(\w+)/i.exec(sql);
      if (savepoint) {
        const verb = savepoint[1].toLowerCase().replace(/\s+/g, ' ');
        const name = savepoint[2].toLowerCase();
        if (verb === 'savepoint') savepointMarks.set(name, pendingAudit.length);
        else if (verb === 'rollback to savepoint' && savepointMarks.has(name)) pendingAudit.length = savepointMarks.get(name)!;
        else if (verb === 'release savepoint') savepointMarks.delete(name);
      }
      return input.tx.query(sql, params);
    },
  };
  return {
    ...input,
    tx,
    committedCallbacks,
    afterCommit(work) {
      committedCallbacks.push(work);
    },
    async audit(event) {
      pendingAudit.push({
        ...event,
        tenantId: tenant.id,
        actorKind: actor ? actor.kind : 'anonymous',
        actorUserId: actor?.userId ?? null,
        requestId,
      });
    },
    async flushAudit() {
      if (pendingAudit.length === 0) return;
      recordAuditBatch(input.tx, pendingAudit.splice(0));
      for (const name of savepointMarks.keys()) savepointMarks.set(name, 0);
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
