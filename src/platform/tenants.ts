/**
 * Which municipality a request belongs to, by the Host header. One deployment can serve many
 * municipalities, each on its own host name; a single-tenant installation needs no host setup.
 * The look-up happens before any tenant context exists, so it is an owner query, cached briefly.
 */
import type { Database } from '../db/database.js';

export interface Tenant {
  id: string;
  slug: string;
  name: string;
  isDemo: boolean;
  settings: Record<string, unknown>;
}

interface TenantRow {
  id: string;
  slug: string;
  name: string;
  is_demo: boolean;
  settings: Record<string, unknown>;
  hostnames: string[];
}

const CACHE_MS = 10_000;

export class TenantResolver {
  private cache: { at: number; rows: TenantRow[] } | null = null;

  constructor(
    private readonly db: Database,
    private defaultSlug: string | undefined,
  ) {}

  /** Makes `slug` the tenant for hosts that match none (demo mode). */
  setDefault(slug: string): void {
    this.defaultSlug = slug;
    this.invalidate();
  }

  invalidate(): void {
    this.cache = null;
  }

  private async rows(): Promise<TenantRow[]> {
    if (this.cache && Date.now() - this.cache.at < CACHE_MS) return this.cache.rows;
    const { rows } = await this.db.unsafeOwnerQuery<TenantRow>(
      'select id::text, slug, name, is_demo, settings, hostnames from tenants order by created_at',
    );
    this.cache = { at: Date.now(), rows };
    return rows;
  }

  /** The tenant for a Host header, or null when no tenant can be chosen. */
  async resolve(hostHeader: string | undefined): Promise<Tenant | null> {
    const host = (hostHeader ?? '').toLowerCase().replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
    const rows = await this.rows();
    const row =
      rows.find((candidate) => candidate.hostnames.includes(host)) ??
      (this.defaultSlug ? rows.find((candidate) => candidate.slug === this.defaultSlug) : undefined) ??
      (rows.length === 1 ? rows[0] : undefined);
    return row ? { id: row.id, slug: row.slug, name: row.name, isDemo: row.is_demo, settings: row.settings } : null;
  }
}
