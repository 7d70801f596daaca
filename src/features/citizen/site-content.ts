/**
 * The published site document per tenant, read through a short in-memory cache so that the
 * content pages need no database round trip on most requests. A publish on this process
 * clears its cache at once; other processes see it within CACHE_MS.
 */
import type { Tx } from '../../db/database.js';
import type { AppDeps } from '../../platform/deps.js';
import type { Tenant } from '../../platform/tenants.js';
import { readDocument, sharedDefaultDocument, type SiteDocument } from './document.js';

const CACHE_MS = 5_000;
const cache = new Map<string, { at: number; document: SiteDocument }>();

/** The tenant's published document (or the defaults when nothing is published yet). */
export async function publishedDocument(tx: Tx): Promise<SiteDocument> {
  const { rows } = await tx.query<{ document: unknown }>("select document from citizen_site_revisions where status = 'published'");
  return rows[0] ? readDocument(rows[0].document) : sharedDefaultDocument();
}

/** The published document through the cache. */
export async function cachedPublishedDocument(deps: AppDeps, tenant: Tenant): Promise<SiteDocument> {
  const hit = cache.get(tenant.id);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.document;
  const document = await deps.db.withContext({ tenantId: tenant.id, userId: null }, publishedDocument);
  cache.set(tenant.id, { at: Date.now(), document });
  return document;
}

/** Forgets the cached document of a tenant (after a publish). */
export function invalidatePublishedDocument(tenantId: string): void {
  cache.delete(tenantId);
}

/**
 * The team that receives citizen messages: the configured one if it is still an active unit
 * team, otherwise the tenant's oldest active unit team; null when the tenant has none.
 */
export async function inboxTeamId(tx: Tx, document: SiteDocument): Promise<string | null> {
  const { rows } = await tx.query<{ id: string }>(
    `select id::text from teams where active and kind = 'unit'
      order by (id = $1::uuid) desc, created_at, id limit 1`,
    [document.settings.inboxTeamId],
  );
  return rows[0]?.id ?? null;
}
