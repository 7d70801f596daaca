/**
 * Background jobs, declared by features: `registerJob({ name, handler, schedule? })` at import
 * time. The server runs them on pg-boss (PostgreSQL-backed; on the embedded database the same
 * queue runs in-process); tests run them inline after the request commits.
 */
import type { AppDeps } from '../deps.js';

export interface JobContext {
  deps: AppDeps;
  /** The tracked run (job_runs row) when the job was started by a user, else null. */
  runId: string | null;
  tenantId: string | null;
  /** Records progress for the waiting user (throttled; cheap to call often). */
  reportProgress(done: number, total: number): Promise<void>;
  /** Aborted when the process shuts down: long jobs should stop and let the run be retried. */
  signal: AbortSignal;
}

export interface JobPayload {
  runId?: string;
  tenantId?: string;
  [key: string]: unknown;
}

export interface JobDefinition {
  /** Queue name, e.g. `citizen.purge-expired` (letters, digits, . _ -). */
  name: string;
  /** Cron expression (UTC) for recurring jobs, e.g. `17 * * * *`. */
  schedule?: string;
  /** Seconds before a running job is considered lost and retried (default 15 minutes). */
  expireInSeconds?: number;
  /** The work; the returned value is stored as the tracked run's result (JSON, no personal data). */
  handler: (context: JobContext, data: JobPayload) => Promise<unknown>;
}

const definitions = new Map<string, JobDefinition>();

export function registerJob(definition: JobDefinition): void {
  if (!/^[a-z0-9._-]{1,80}$/.test(definition.name)) throw new Error(`Invalid job name ${definition.name}`);
  definitions.set(definition.name, definition);
}

export function jobDefinition(name: string): JobDefinition | undefined {
  return definitions.get(name);
}

export function jobDefinitions(): JobDefinition[] {
  return [...definitions.values()];
}

/** Where jobs are sent: pg-boss in the server, inline in tests. */
export interface JobQueue {
  send(name: string, data: JobPayload): Promise<void>;
  /** Resolves when every job sent so far has finished (inline queue; for tests). */
  idle?(): Promise<void>;
  stop?(): Promise<void>;
}
