/**
 * `selvbestemt tenant list | create | hosts`: one installation serving several municipalities.
 * Each municipality is a tenant, isolated by row-level security and found from the request's
 * host name; a new one gets its own single-use first-administrator link.
 */
import { parseArgs } from 'node:util';
import type { Config } from '../../config.js';
import type { Tx } from '../../db/database.js';
import { FIRST_ADMIN_LINK_HOURS, issueOneTimeLink } from '../../features/auth/activation.js';
import { recordAudit } from '../../platform/audit/events.js';
import type { CliIo } from '../main.js';
import { withDeps } from './shared.js';

const USAGE = `Usage:
  selvbestemt tenant list
  selvbestemt tenant create --slug SLUG --name "Municipality name" --host HOSTNAME [--host HOSTNAME ...]
  selvbestemt tenant hosts --tenant SLUG --host HOSTNAME [--host HOSTNAME ...]
A request reaches the municipality whose host names include the request's host (DEFAULT_TENANT
names the one for host names that match none). "create" prints a first-administrator link
(single use, ${FIRST_ADMIN_LINK_HOURS} hour) on the new municipality's first host name.
`;

const SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;
// A DNS name (letters, digits, dashes, dots), as browsers send it in the Host header.
const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

interface TenantRow {
  id: string;
  slug: string;
  name: string;
  hostnames: string[];
  admins: number;
}

async function tenants(tx: Tx): Promise<TenantRow[]> {
  const { rows } = await tx.query<TenantRow>(
    `select t.id::text, t.slug, t.name, t.hostnames,
            (select count(*)::int from users u where u.tenant_id = t.id and u.role = 'admin' and u.active) as admins
       from tenants t order by t.created_at`,
  );
  return rows;
}

/** Host names already serving another tenant, among `hosts`. */
function taken(all: TenantRow[], hosts: string[], except?: string): string[] {
  return hosts.filter((host) => all.some((tenant) => tenant.id !== except && tenant.hostnames.includes(host)));
}

function linkBase(config: Config, host: string): string {
  if (config.PUBLIC_URL) {
    const url = new URL(config.PUBLIC_URL);
    return `${url.protocol}//${host}${url.port ? `:${url.port}` : ''}`;
  }
  return `http://${host}:${config.PORT}`;
}

/** With several tenants, one without host names is reachable only as DEFAULT_TENANT. */
function unreachableWarning(all: TenantRow[], config: Config): string {
  if (all.length < 2) return '';
  const lost = all.filter((tenant) => tenant.hostnames.length === 0 && tenant.slug !== config.DEFAULT_TENANT);
  if (lost.length === 0) return '';
  return `Note: ${lost.map((tenant) => `"${tenant.slug}"`).join(', ')} has no host name and is not DEFAULT_TENANT, so no request reaches it now. Give it one with "selvbestemt tenant hosts --tenant SLUG --host HOSTNAME".\n`;
}

export async function run(args: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args, allowPositionals: true,
      options: { slug: { type: 'string' }, name: { type: 'string' }, host: { type: 'string', multiple: true }, tenant: { type: 'string' } },
    });
  } catch (error) {
    io.stderr(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { positionals, values } = parsed;
  const action = positionals[0];
  const hosts = [...new Set((values.host ?? []).map((host) => host.trim().toLowerCase()))];
  if (action !== 'list' && action !== 'create' && action !== 'hosts') {
    io.stderr(USAGE);
    return 2;
  }
  if (action !== 'list') {
    const badHost = hosts.find((host) => !HOSTNAME.test(host));
    if (hosts.length === 0 || badHost !== undefined) {
      io.stderr(`${badHost !== undefined ? `"${badHost}" is not a host name (only the name, without http:// or a port).` : 'Give at least one --host.'}\n${USAGE}`);
      return 2;
    }
  }
  const name = values.name?.trim() ?? '';
  if (action === 'create' && (!values.slug || !SLUG.test(values.slug) || name.length < 1 || name.length > 200)) {
    io.stderr(`--slug (lower-case letters, digits and dashes, 2–63 characters) and --name (1–200 characters) are required.\n${USAGE}`);
    return 2;
  }

  return withDeps(async (deps) =>
    deps.db.unsafeOwnerTransaction(async (tx) => {
      // One change at a time across processes: two creates cannot both take a host name.
      await tx.query("select pg_advisory_xact_lock(hashtext('selvbestemt.tenants'))");
      const all = await tenants(tx);
      if (action === 'list') {
        if (all.length === 0) io.stdout('No municipality yet: start the server once, or use "selvbestemt tenant create".\n');
        for (const tenant of all) {
          io.stdout(`${tenant.slug}\t${tenant.name}\t${tenant.hostnames.join(',') || '(no host name)'}\t${tenant.admins} active administrator(s)\n`);
        }
        return 0;
      }
      const clash = taken(all, hosts, action === 'hosts' ? all.find((tenant) => tenant.slug === values.tenant)?.id : undefined);
      if (clash.length > 0) {
        io.stderr(`Host name already used by another municipality: ${clash.join(', ')}.\n`);
        return 2;
      }
      if (action === 'hosts') {
        const tenant = all.find((candidate) => candidate.slug === values.tenant);
        if (!tenant) {
          io.stderr(`No municipality "${values.tenant ?? ''}" (see "selvbestemt tenant list").\n`);
          return 2;
        }
        await tx.query('update tenants set hostnames = $2 where id = $1', [tenant.id, hosts]);
        await tx.query("select set_config('app.tenant_id', $1, true)", [tenant.id]);
        await recordAudit(tx, { tenantId: tenant.id, actorKind: 'system', action: 'admin.tenant.hosts', entityType: 'tenant', entityId: tenant.id, details: { hostnames: hosts, via: 'cli' } });
        io.stdout(`"${tenant.slug}" now answers on ${hosts.join(', ')}.\n`);
        io.stdout(unreachableWarning(all.map((row) => (row.id === tenant.id ? { ...row, hostnames: hosts } : row)), deps.config));
        return 0;
      }
      if (all.some((tenant) => tenant.slug === values.slug)) {
        io.stderr(`A municipality with the slug "${values.slug}" exists already.\n`);
        return 2;
      }
      const { rows } = await tx.query<{ id: string }>('insert into tenants (slug, name, hostnames) values ($1, $2, $3) returning id::text', [values.slug, name, hosts]);
      const tenantId = rows[0].id;
      await tx.query("select set_config('app.tenant_id', $1, true)", [tenantId]);
      await recordAudit(tx, { tenantId, actorKind: 'system', action: 'admin.tenant.create', entityType: 'tenant', entityId: tenantId, details: { slug: values.slug, hostnames: hosts, via: 'cli' } });
      const token = await issueOneTimeLink(tx, { tenantId, purpose: 'first_admin', hours: FIRST_ADMIN_LINK_HOURS });
      io.stdout(`Created "${values.slug}" (${name}) on ${hosts.join(', ')}. First-administrator link (single use, ${FIRST_ADMIN_LINK_HOURS} hour):\n  ${linkBase(deps.config, hosts[0])}/setup/${token}\n`);
      io.stdout(unreachableWarning([...all, { id: tenantId, slug: values.slug!, name, hostnames: hosts, admins: 0 }], deps.config));
      return 0;
    }),
  );
}
