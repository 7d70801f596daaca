/**
 * `selvbestemt user create` and `selvbestemt user reset-2fa`: for operators, e.g. to create
 * the first administrator without the web link or to help a user who lost her phone.
 */
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '../../platform/access/roles.js';
import { recordAudit } from '../../platform/audit/events.js';
import { hashPassword } from '../../platform/auth/password.js';
import { ACTIVATION_LINK_HOURS, issueOneTimeLink } from '../../features/auth/activation.js';
import type { CliIo } from '../main.js';
import { withDeps } from './shared.js';

const USAGE = `Usage:
  selvbestemt user create --username NAME --name "Full Name" --role ROLE [--team "Team name"] [--email ADDRESS] [--password-stdin] [--tenant SLUG]
  selvbestemt user reset-2fa --username NAME [--tenant SLUG]
Roles: ${ROLES.join(', ')}
Without --password-stdin, an activation link (valid ${ACTIVATION_LINK_HOURS} hours) is printed.
`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

export async function run(args: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args, allowPositionals: true,
      options: {
        username: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, team: { type: 'string' },
        email: { type: 'string' }, tenant: { type: 'string' }, 'password-stdin': { type: 'boolean' },
      },
    });
  } catch (error) {
    io.stderr(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { positionals, values } = parsed;
  const action = positionals[0];
  const username = values.username?.trim().toLowerCase();
  if ((action !== 'create' && action !== 'reset-2fa') || !username || !/^[a-z0-9][a-z0-9._@-]{1,99}$/.test(username)) {
    io.stderr(USAGE);
    return 2;
  }
  if (action === 'create' && (!values.name || !ROLES.includes(values.role as Role))) {
    io.stderr(`--name and a valid --role are required.\n${USAGE}`);
    return 2;
  }
  const password = values['password-stdin'] ? (await (io.stdin ?? readStdin)()).replace(/\r?\n$/, '') : null;
  if (password !== null && (password.length < 12 || password.length > 200)) {
    io.stderr('The password must be between 12 and 200 characters.\n');
    return 2;
  }
  const passwordHash = password ? await hashPassword(password) : null;

  return withDeps(async (deps) => {
    const tenants = await deps.db.unsafeOwnerQuery<{ id: string; slug: string }>('select id::text, slug from tenants order by created_at');
    const tenant = values.tenant ? tenants.rows.find((row) => row.slug === values.tenant) : tenants.rows.length === 1 ? tenants.rows[0] : undefined;
    if (!tenant) {
      io.stderr(values.tenant ? `No tenant "${values.tenant}".\n` : `Choose a tenant with --tenant (${tenants.rows.map((row) => row.slug).join(', ') || 'none exists yet: start the server once'}).\n`);
      return 2;
    }
    return deps.db.withContext({ tenantId: tenant.id, userId: null }, async (tx) => {
      if (action === 'reset-2fa') {
        const { rows } = await tx.query<{ id: string }>(
          'update users set totp_secret_enc = null, totp_enrolled_at = null, totp_last_step = null, version = version + 1 where username = $1 returning id',
          [username],
        );
        if (!rows[0]) {
          io.stderr(`No user "${username}".\n`);
          return 2;
        }
        await tx.query('delete from recovery_codes where user_id = $1', [rows[0].id]);
        await tx.query('delete from sessions where user_id = $1', [rows[0].id]);
        await recordAudit(tx, { tenantId: tenant.id, actorKind: 'system', action: 'admin.user.reset_second_factor', entityType: 'user', entityId: rows[0].id, details: { via: 'cli' } });
        io.stdout(`The second factor of "${username}" was reset; the user enrols again at the next login.\n`);
        return 0;
      }
      let teamId: string | null = null;
      if (values.team) {
        const team = await tx.query<{ id: string }>('select id from teams where lower(name) = lower($1)', [values.team]);
        if (!team.rows[0]) {
          io.stderr(`No team "${values.team}".\n`);
          return 2;
        }
        teamId = team.rows[0].id;
      }
      const exists = await tx.query('select 1 from users where username = $1', [username]);
      if (exists.rows.length > 0) {
        io.stderr(`The user name "${username}" is already in use.\n`);
        return 2;
      }
      const { rows } = await tx.query<{ id: string }>(
        `insert into users (tenant_id, username, display_name, email, role, team_id, password_hash) values ($1, $2, $3, $4, $5, $6, $7) returning id`,
        [tenant.id, username, values.name, values.email?.toLowerCase() ?? null, values.role, teamId, passwordHash],
      );
      await recordAudit(tx, { tenantId: tenant.id, actorKind: 'system', action: 'admin.user.create', entityType: 'user', entityId: rows[0].id, details: { role: values.role, via: 'cli' } });
      if (passwordHash) {
        io.stdout(`Created "${username}" (${values.role}).\n`);
      } else {
        const token = await issueOneTimeLink(tx, { tenantId: tenant.id, purpose: 'activate_user', userId: rows[0].id, hours: ACTIVATION_LINK_HOURS });
        const base = deps.config.PUBLIC_URL ?? `http://localhost:${deps.config.PORT}`;
        io.stdout(`Created "${username}" (${values.role}). Activation link (single use, ${ACTIVATION_LINK_HOURS} hours):\n  ${base}/activate/${token}\n`);
      }
      return 0;
    });
  });
}
