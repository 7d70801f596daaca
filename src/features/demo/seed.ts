/**
 * `npm run demo`: the fictional municipality "Demokommune" with its teams and one user for
 * every role. Passwords and TOTP secrets are new at every start and written to
 * data/demo-users.json, so a tester can log in with any authenticator app. All people are
 * obviously fictional.
 */
import { randomInt } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Role, ProfessionalGroup, TeamKind } from '../../platform/access/roles.js';
import { recordAudit } from '../../platform/audit/events.js';
import { hashPassword } from '../../platform/auth/password.js';
import { newTotpSecret } from '../../platform/auth/totp.js';
import { encryptText } from '../../platform/crypto/aead.js';
import type { AppDeps } from '../../platform/deps.js';
import '../index-demo.js';
import { demoSeeders } from './registry.js';

export const DEMO_TENANT_SLUG = 'demo';

const TEAMS: { key: string; name: string; kind: TeamKind }[] = [
  { key: 'unit', name: 'NSK-enheden', kind: 'unit' },
  { key: 'child_welfare', name: 'Børne- og Ungerådgivningen', kind: 'child_welfare' },
  { key: 'job_centre', name: 'Jobcenter Demokommune', kind: 'job_centre' },
  { key: 'school', name: 'Demoskolen', kind: 'school' },
  { key: 'health', name: 'Sundhedsplejen', kind: 'health' },
  { key: 'partner', name: 'Bydelsmødre i Demokommune', kind: 'partner' },
];

export interface DemoUserSpec {
  username: string;
  displayName: string;
  role: Role;
  team: string | null;
  group: ProfessionalGroup | null;
  totp: boolean;
}

const USERS: DemoUserSpec[] = [
  { username: 'admin', displayName: 'Ada Administrator (demo)', role: 'admin', team: 'unit', group: null, totp: true },
  { username: 'raadgiver', displayName: 'Rikke Rådgiver (demo)', role: 'adviser', team: 'unit', group: 'unit', totp: true },
  { username: 'raadgiver2', displayName: 'Rasmus Rådgiver (demo)', role: 'adviser', team: 'unit', group: 'unit', totp: true },
  { username: 'leder', displayName: 'Lone Leder (demo)', role: 'manager', team: 'unit', group: 'unit', totp: true },
  { username: 'sagsbehandler', displayName: 'Søren Sagsbehandler (demo)', role: 'caseworker', team: 'child_welfare', group: 'child_welfare', totp: true },
  { username: 'jobkonsulent', displayName: 'Jonas Jobkonsulent (demo)', role: 'caseworker', team: 'job_centre', group: 'job_uu', totp: true },
  { username: 'laerer', displayName: 'Lærke Lærer (demo)', role: 'professional', team: 'school', group: 'school_daycare', totp: false },
  { username: 'sundhedsplejerske', displayName: 'Sanne Sundhedsplejerske (demo)', role: 'professional', team: 'health', group: 'health_visitor', totp: false },
  { username: 'partner', displayName: 'Pernille Partner (demo)', role: 'partner', team: 'partner', group: 'civil_society', totp: true },
  { username: 'mentor', displayName: 'Mette Mentor (demo)', role: 'mentor', team: 'partner', group: 'civil_society', totp: true },
  { username: 'dpo', displayName: 'Dorte Databeskyttelse (demo)', role: 'dpo', team: null, group: null, totp: true },
];

const WORDS = ['havregryn', 'solsikke', 'cykelsti', 'vandkande', 'blåbær', 'fyrtårn', 'regnbue', 'æbletræ', 'kaffekop', 'postkasse', 'skovsti', 'havnefront'];

function demoPassword(): string {
  const pick = () => WORDS[randomInt(WORDS.length)];
  return `${pick()}-${pick()}-${pick()}-${randomInt(10, 99)}`;
}

export interface DemoCredential {
  username: string;
  password: string;
  role: Role;
  team: string | null;
  totpSecret: string | null;
  displayName: string;
}

export interface DemoResult {
  tenantSlug: string;
  tenantId: string;
  credentials: DemoCredential[];
}

export async function seedDemo(deps: AppDeps): Promise<DemoResult> {
  const prepared = await Promise.all(
    USERS.map(async (user) => {
      const password = demoPassword();
      return { user, password, passwordHash: await hashPassword(password), totpSecret: user.totp ? newTotpSecret() : null };
    }),
  );
  return deps.db.unsafeOwnerTransaction(async (tx) => {
    const existing = await tx.query<{ id: string }>('select id::text from tenants where slug = $1', [DEMO_TENANT_SLUG]);
    const fresh = existing.rows.length === 0;
    const tenantId = fresh
      ? (await tx.query<{ id: string }>("insert into tenants (slug, name, is_demo) values ($1, 'Demokommune', true) returning id::text", [DEMO_TENANT_SLUG])).rows[0].id
      : existing.rows[0].id;

    const teams: Record<string, string> = {};
    for (const team of TEAMS) {
      const { rows } = await tx.query<{ id: string }>(
        `insert into teams (tenant_id, name, kind) values ($1, $2, $3)
         on conflict (tenant_id, lower(name)) do update set kind = excluded.kind returning id::text`,
        [tenantId, team.name, team.kind],
      );
      teams[team.key] = rows[0].id;
    }

    const users: Record<string, string> = {};
    const credentials: DemoCredential[] = [];
    for (const { user, password, passwordHash, totpSecret } of prepared) {
      const { rows } = await tx.query<{ id: string }>(
        `insert into users (tenant_id, username, display_name, email, role, team_id, professional_group, password_hash)
         values ($1, $2, $3, $4, $5, $6, $7, $8)
         on conflict (tenant_id, username) do update set password_hash = excluded.password_hash, active = true,
           role = excluded.role, team_id = excluded.team_id, professional_group = excluded.professional_group
         returning id::text`,
        [tenantId, user.username, user.displayName, `${user.username}@demokommune.example`, user.role, user.team ? teams[user.team] : null, user.group, passwordHash],
      );
      const userId = rows[0].id;
      users[user.username] = userId;
      await tx.query(
        'update users set totp_secret_enc = $2, totp_enrolled_at = case when $2::text is null then null else now() end, totp_last_step = null where id = $1',
        [userId, totpSecret ? encryptText(deps.keys.key('totp-secret'), totpSecret, `${tenantId}:${userId}`) : null],
      );
      credentials.push({ username: user.username, password, role: user.role, team: TEAMS.find((team) => team.key === user.team)?.name ?? null, totpSecret, displayName: user.displayName });
    }

    for (const seeder of demoSeeders()) await seeder.seed({ tx, deps, tenantId, teams, users, fresh });
    await recordAudit(tx, { tenantId, actorKind: 'system', action: 'demo.seed', details: { fresh } });
    deps.tenants.invalidate();
    return { tenantSlug: DEMO_TENANT_SLUG, tenantId, credentials };
  });
}

export function printDemoCredentials(result: DemoResult, baseUrl: string, dataDir: string): void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'demo-users.json');
  writeFileSync(file, JSON.stringify({ url: baseUrl, tenant: 'Demokommune', users: result.credentials }, null, 2) + '\n', { mode: 0o600 });
  const lines = result.credentials.map((c) =>
    `  ${c.username.padEnd(18)} ${c.password.padEnd(36)} ${c.role.padEnd(13)} ${(c.team ?? '–').padEnd(28)} ${c.totpSecret ?? '(ingen TOTP)'}`,
  );
  console.log(
    [
      '',
      'DEMO — Demokommune (fiktive data). Brugere (også gemt i ' + file + '):',
      `  ${'brugernavn'.padEnd(18)} ${'adgangskode'.padEnd(36)} ${'rolle'.padEnd(13)} ${'team'.padEnd(28)} TOTP-nøgle (tilføj i en godkendelsesapp)`,
      ...lines,
      '',
    ].join('\n'),
  );
}
