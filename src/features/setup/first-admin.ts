/**
 * The first administrator. On an empty installation the server creates the municipality's
 * tenant and prints a single-use link (valid 1 hour) to a page where the first administrator
 * names the municipality and creates her account. Nobody can use the system before that.
 */
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { hashPassword } from '../../platform/auth/password.js';
import { hashToken } from '../../platform/crypto/tokens.js';
import { ConflictError } from '../../platform/http/errors.js';
import type { Scope } from '../../platform/http/scope.js';
import { newPassword, text } from '../../platform/http/validation.js';
import { FIRST_ADMIN_LINK_HOURS, issueOneTimeLink } from '../auth/activation.js';
import { UserCreate } from '../users/schemas.js';

export const FirstAdminForm = z
  .object({
    tenantName: text(200),
    username: UserCreate.shape.username,
    displayName: UserCreate.shape.displayName,
    email: UserCreate.shape.email,
    password: newPassword(),
    passwordRepeat: z.string().min(1, 'validation.required'),
  })
  .refine((value) => value.password === value.passwordRepeat, { message: 'validation.passwordMismatch', path: ['passwordRepeat'] });

/**
 * Creates the tenant when there is none, and returns a fresh first-administrator token when
 * the tenant has no active administrator yet (null otherwise). Runs as the database owner at
 * start, before any request.
 */
export async function ensureFirstAdminLink(db: Database, tenantSlug?: string): Promise<{ token: string; tenantSlug: string } | null> {
  return db.unsafeOwnerTransaction(async (tx) => {
    const tenants = await tx.query<{ id: string; slug: string }>('select id::text, slug from tenants order by created_at');
    let tenant = tenantSlug ? tenants.rows.find((row) => row.slug === tenantSlug) : tenants.rows[0];
    if (!tenant && tenants.rows.length === 0) {
      const created = await tx.query<{ id: string; slug: string }>("insert into tenants (slug, name) values ('kommune', 'Kommunen') returning id::text, slug");
      tenant = created.rows[0];
    }
    if (!tenant) return null;
    const admins = await tx.query("select 1 from users where tenant_id = $1 and role = 'admin' and active limit 1", [tenant.id]);
    if (admins.rows.length > 0) return null;
    const token = await issueOneTimeLink(tx, { tenantId: tenant.id, purpose: 'first_admin', hours: FIRST_ADMIN_LINK_HOURS });
    return { token, tenantSlug: tenant.slug };
  });
}

export async function findFirstAdminLink(scope: Scope, token: string): Promise<{ id: string } | null> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  const { rows } = await scope.tx.query<{ id: string }>(
    "select id from one_time_links where token_hash = $1 and purpose = 'first_admin' and used_at is null and expires_at > now()",
    [hashToken(token)],
  );
  if (!rows[0]) return null;
  // Once an administrator exists, the remaining links are void.
  const admins = await scope.tx.query("select 1 from users where role = 'admin' and active limit 1");
  return admins.rows.length > 0 ? null : rows[0];
}

export async function createFirstAdmin(scope: Scope, linkId: string, input: z.output<typeof FirstAdminForm>): Promise<string> {
  const passwordHash = await hashPassword(input.password);
  // Claim the link first: a second submission racing this one waits for its row lock, then finds
  // it used and is refused; looking it up (findFirstAdminLink) does not lock it.
  const claimed = await scope.tx.query(
    "update one_time_links set used_at = now() where id = $1 and purpose = 'first_admin' and used_at is null and expires_at > now() returning id",
    [linkId],
  );
  if (claimed.rows.length === 0) throw new ConflictError('setup.invalid');
  await scope.tx.query('update tenants set name = $1', [input.tenantName]);
  const { rows } = await scope.tx.query<{ id: string }>(
    `insert into users (tenant_id, username, display_name, email, role, password_hash) values ($1, $2, $3, $4, 'admin', $5) returning id`,
    [scope.tenant.id, input.username, input.displayName, input.email ?? null, passwordHash],
  );
  await scope.tx.query("update one_time_links set used_at = now() where purpose = 'first_admin' and used_at is null");
  await scope.tx.query("select set_config('app.user_id', $1, true)", [rows[0].id]);
  await scope.audit({ action: 'setup.first_admin', entityType: 'user', entityId: rows[0].id, details: { linkId } });
  scope.deps.tenants.invalidate();
  return rows[0].id;
}
