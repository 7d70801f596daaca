/**
 * The `selvbestemt` command, run in-process through `runCli` with captured output, against
 * databases of its own: fresh PGlite data directories, or (with DATABASE_URL) freshly created
 * PostgreSQL databases that are dropped afterwards. The CLI reads DATABASE_URL, DATA_DIR and
 * KEY_FILE from the environment; each call sets them and puts the old values back.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import type { Database } from '../../src/db/database.js';
import { openPglite } from '../../src/db/pglite.js';
import { openPostgres } from '../../src/db/postgres.js';
import { ensureFirstAdminLink } from '../../src/features/setup/first-admin.js';
import { recordAudit } from '../../src/platform/audit/events.js';
import { createTestApp } from '../support/app.js';
import { sealTenant } from '../support/audit.js';
import { TestClient } from '../support/client.js';
import { createUser, type TestTenant } from '../support/factories.js';

const SERVER_URL = process.env.DATABASE_URL;
const scratch = mkdtempSync(join(tmpdir(), 'selvbestemt-cli-'));
const dropAfterwards: string[] = [];

afterAll(async () => {
  if (SERVER_URL && dropAfterwards.length > 0) {
    const admin = openPostgres(SERVER_URL, 1);
    for (const name of dropAfterwards) await admin.unsafeOwnerQuery(`drop database if exists ${name} with (force)`);
    await admin.close();
  }
  rmSync(scratch, { recursive: true, force: true });
});

/** An empty database for the CLI: where it lives and how to open it from the test. */
interface Target {
  env: Record<string, string | undefined>;
  open: () => Promise<Database>;
}

async function emptyTarget(keyFile: string): Promise<Target> {
  const dataDir = mkdtempSync(join(scratch, 'data-'));
  if (!SERVER_URL) {
    return {
      env: { DATABASE_URL: undefined, DATA_DIR: dataDir, KEY_FILE: keyFile },
      open: () => openPglite({ dataDir: join(dataDir, 'pglite') }),
    };
  }
  const name = `sb_cli_${randomBytes(5).toString('hex')}`;
  const admin = openPostgres(SERVER_URL, 1);
  await admin.unsafeOwnerQuery(`create database ${name}`);
  await admin.close();
  dropAfterwards.push(name);
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return { env: { DATABASE_URL: url.href, DATA_DIR: dataDir, KEY_FILE: keyFile }, open: async () => openPostgres(url.href, 2) };
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(target: Target, args: string[], stdin?: string): Promise<Run> {
  const saved = new Map<string, string | undefined>();
  const env = { ...target.env, LOG_LEVEL: 'silent' };
  for (const [key, value] of Object.entries(env)) {
    saved.set(key, process.env[key]);
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  const out: string[] = [];
  const err: string[] = [];
  try {
    const code = await runCli(args, { stdout: (text) => out.push(text), stderr: (text) => err.push(text), ...(stdin === undefined ? {} : { stdin: async () => stdin }) });
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    for (const [key, value] of saved) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

/** Opens the target, runs `work`, and closes it again (PGlite allows one process at a time). */
async function withDb<T>(target: Target, work: (db: Database) => Promise<T>): Promise<T> {
  const db = await target.open();
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

async function tenantOf(db: Database): Promise<TestTenant> {
  const { rows } = await db.unsafeOwnerQuery<{ id: string; slug: string; name: string }>('select id::text, slug, name from tenants order by created_at limit 1');
  return { ...rows[0], host: 'localhost' };
}

/** Row counts and digests of every table, the way a restore must bring them back. */
async function contents(db: Database): Promise<Record<string, string>> {
  const { rows: tables } = await db.unsafeOwnerQuery<{ name: string }>(
    "select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not in ('schema_migrations', 'audit_sealer_state') order by 1",
  );
  const result: Record<string, string> = {};
  for (const { name } of tables) {
    // A restored audit row gets txid 0 (transaction ids belong to the old server); the rest is equal.
    const row = name === 'audit_events' ? '(to_jsonb(t) - \'txid\')::text' : 't::text';
    const { rows } = await db.unsafeOwnerQuery<{ n: number; digest: string }>(
      `select count(*)::int as n, coalesce(md5(string_agg(${row}, '|' order by ${row})), '') as digest from "${name}" t`,
    );
    result[name] = `${rows[0].n}:${rows[0].digest}`;
  }
  return result;
}

const keyFile = join(scratch, 'secrets.json');

describe('selvbestemt CLI', () => {
  it('prints usage, and refuses unknown commands with exit code 2', async () => {
    const target = await emptyTarget(keyFile);
    expect((await cli(target, ['--help'])).stdout).toContain('Usage: selvbestemt <command>');
    const unknown = await cli(target, ['fly']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "fly"');
  });

  it('migrates, creates users (activation link or --password-stdin), resets a second factor, and verifies the audit chain', { timeout: 120_000 }, async () => {
    const target = await emptyTarget(keyFile);
    const migrated = await cli(target, ['migrate']);
    expect(migrated.code, migrated.stderr).toBe(0);
    expect(migrated.stdout).toMatch(/Applied \d+ migration\(s\):\n {2}0001_foundation\.sql/);
    expect((await cli(target, ['migrate'])).stdout).toBe('The database is up to date.\n');

    const noTenant = await cli(target, ['user', 'create', '--username', 'anna.admin', '--name', 'Anna Admin', '--role', 'admin']);
    expect(noTenant.code).toBe(2);
    expect(noTenant.stderr).toContain('none exists yet');
    await withDb(target, (db) => ensureFirstAdminLink(db)); // what the first start does
    const tenantSlug = (await withDb(target, tenantOf)).slug;

    const created = await cli(target, ['user', 'create', '--username', 'Anna.Admin', '--name', 'Anna Admin', '--role', 'admin', '--email', 'Anna@Kommune.dk']);
    expect(created.code, created.stderr).toBe(0);
    const link = /Activation link \(single use, 72 hours\):\n {2}http:\/\/localhost:3000\/activate\/([A-Za-z0-9_-]+)\n/.exec(created.stdout);
    expect(link, created.stdout).not.toBeNull();
    const withPassword = await cli(target, ['user', 'create', '--username', 'bo.fagperson', '--name', 'Bo Fagperson', '--role', 'professional', '--password-stdin', '--tenant', tenantSlug], 'et-godt-langt-kodeord\n');
    expect(withPassword.code, withPassword.stderr).toBe(0);
    expect(withPassword.stdout).toBe('Created "bo.fagperson" (professional).\n');
    expect((await cli(target, ['user', 'create', '--username', 'bo.fagperson', '--name', 'Bo', '--role', 'professional'])).stderr).toContain('already in use');
    expect((await cli(target, ['user', 'create', '--username', 'x.y', '--name', 'X', '--role', 'king'])).code).toBe(2);
    expect((await cli(target, ['user', 'create', '--username', 'kort', '--name', 'K', '--role', 'adviser', '--password-stdin'], 'for kort')).code).toBe(2);

    // The link and the password work in the application.
    await withDb(target, async (db) => {
      const t = await createTestApp({ db });
      try {
        const tenant = await tenantOf(db);
        expect(tenant.slug).toBe(tenantSlug);
        const newcomer = TestClient.for(t.app, tenant);
        expect((await newcomer.getPage(`/activate/${link![1]}`)).statusCode).toBe(200);
        expect((await newcomer.postForm(`/activate/${link![1]}`, { password: 'anna-har-valgt-kodeord', passwordRepeat: 'anna-har-valgt-kodeord' })).statusCode).toBe(303);
        const bo = TestClient.for(t.app, tenant);
        await bo.getPage('/login');
        expect((await bo.postForm('/login', { username: 'bo.fagperson', password: 'et-godt-langt-kodeord' })).headers.location).toBe('/');
        const row = (await db.unsafeOwnerQuery<{ email: string; role: string }>("select email, role from users where username = 'anna.admin'")).rows[0];
        expect(row).toEqual({ email: 'anna@kommune.dk', role: 'admin' });
        // A caseworker with a second factor, a session and recovery codes, for reset-2fa below.
        const caseworker = await createUser(t.deps, tenant, { role: 'caseworker', username: 'cecilie.sag' });
        await db.unsafeOwnerQuery("insert into sessions (id, tenant_id, user_id, stage, auth_method, csrf_token, expires_at) values ('s1', $1, $2, 'complete', 'password', 'c', now() + interval '1 hour')", [tenant.id, caseworker.id]);
        await db.unsafeOwnerQuery("insert into recovery_codes (tenant_id, user_id, code_hash) values ($1, $2, 'h')", [tenant.id, caseworker.id]);
      } finally {
        await t.close();
      }
    });

    const reset = await cli(target, ['user', 'reset-2fa', '--username', 'cecilie.sag']);
    expect(reset.code, reset.stderr).toBe(0);
    expect(reset.stdout).toContain('The second factor of "cecilie.sag" was reset');
    expect((await cli(target, ['user', 'reset-2fa', '--username', 'findes.ikke'])).code).toBe(2);
    await withDb(target, async (db) => {
      const row = (await db.unsafeOwnerQuery<{ secret: string | null; sessions: number; codes: number }>(
        `select u.totp_secret_enc as secret, (select count(*)::int from sessions s where s.user_id = u.id) as sessions,
                (select count(*)::int from recovery_codes r where r.user_id = u.id) as codes from users u where username = 'cecilie.sag'`)).rows[0];
      expect(row).toEqual({ secret: null, sessions: 0, codes: 0 });
      const audit = await db.unsafeOwnerQuery<{ action: string; via: string }>("select action, details->>'via' as via from audit_events where actor_kind = 'system' order by id");
      expect(audit.rows).toEqual([
        { action: 'admin.user.create', via: 'cli' },
        { action: 'admin.user.create', via: 'cli' },
        { action: 'admin.user.reset_second_factor', via: 'cli' },
      ]);
    });

    // The chain verifies; after an owner rewrites one row, verify names it and exits 1. (On a
    // shared PostgreSQL server other transactions can hold the sealing horizon back for a
    // moment: wait until this database's rows are sealed, so the count is known.)
    await withDb(target, async (db) => sealTenant(db, (await tenantOf(db)).id));
    const intact = await cli(target, ['audit', 'verify', '--tenant', tenantSlug]);
    expect(intact.code, intact.stderr).toBe(0);
    const verified = Number(/Audit log intact: (\d+) rows/.exec(intact.stdout)![1]);
    expect(verified, intact.stdout).toBeGreaterThanOrEqual(5);
    const victim = await withDb(target, async (db) => {
      const { rows } = await db.unsafeOwnerQuery<{ seq: number; event_id: string }>('select seq, event_id::text from audit_chain order by seq limit 1 offset 2');
      await db.unsafeOwnerTransaction(async (tx) => {
        await tx.exec('alter table audit_events disable trigger audit_events_insert_only');
        await tx.query("update audit_events set details = details || '{\"tampered\": true}' where id = $1", [rows[0].event_id]);
        await tx.exec('alter table audit_events enable trigger audit_events_insert_only');
      });
      return rows[0];
    });
    const broken = await cli(target, ['audit', 'verify', '--tenant', tenantSlug]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(`Audit log BROKEN in tenant "${tenantSlug}": hash mismatch at chain position ${victim.seq} (audit event id ${victim.event_id}).`);
    expect(broken.stderr).toContain(`${Number(victim.seq) - 1} row(s) before it verified.`);
    expect((await cli(target, ['audit', 'check'])).code).toBe(2);
  });

  it('adds a second municipality on its own host name, with its own first-administrator link, isolated from the first', { timeout: 120_000 }, async () => {
    const target = await emptyTarget(keyFile);
    expect((await cli(target, ['migrate'])).code).toBe(0);
    await withDb(target, (db) => ensureFirstAdminLink(db)); // the first start's municipality, without a host name
    expect((await cli(target, ['tenant', 'create', '--slug', 'odense', '--name', 'Odense Kommune'])).code).toBe(2);
    expect((await cli(target, ['tenant', 'create', '--slug', 'Odense!', '--name', 'Odense Kommune', '--host', 'odense.test'])).code).toBe(2);
    expect((await cli(target, ['tenant', 'create', '--slug', 'odense', '--name', 'Odense Kommune', '--host', 'https://odense.test'])).stderr).toContain('is not a host name');
    const created = await cli(target, ['tenant', 'create', '--slug', 'odense', '--name', 'Odense Kommune', '--host', 'Odense.test', '--host', 'nsk.odense.test']);
    expect(created.code, created.stderr).toBe(0);
    const link = /First-administrator link \(single use, 1 hour\):\n {2}http:\/\/odense\.test:\d+\/setup\/([A-Za-z0-9_-]+)\n/.exec(created.stdout);
    expect(link, created.stdout).not.toBeNull();
    // The first municipality lost its only way in: the command says so.
    expect(created.stdout).toContain('"kommune" has no host name and is not DEFAULT_TENANT');
    expect((await cli(target, ['tenant', 'create', '--slug', 'aarhus', '--name', 'Aarhus Kommune', '--host', 'nsk.odense.test'])).stderr).toContain('already used by another municipality: nsk.odense.test');
    const hosts = await cli(target, ['tenant', 'hosts', '--tenant', 'kommune', '--host', 'kommune.test']);
    expect(hosts.code, hosts.stderr).toBe(0);
    expect(hosts.stdout).not.toContain('no host name');
    const list = await cli(target, ['tenant', 'list']);
    expect(list.stdout).toBe('kommune\tKommunen\tkommune.test\t0 active administrator(s)\nodense\tOdense Kommune\todense.test,nsk.odense.test\t0 active administrator(s)\n');

    await withDb(target, async (db) => {
      const t = await createTestApp({ db });
      try {
        const odense = { ...(await db.unsafeOwnerQuery<{ id: string }>("select id::text from tenants where slug = 'odense'")).rows[0], slug: 'odense', name: 'Odense Kommune', host: 'odense.test' };
        const setup = TestClient.for(t.app, odense);
        expect((await setup.getPage(`/setup/${link![1]}`)).statusCode).toBe(200);
        const made = await setup.postForm(`/setup/${link![1]}`, { tenantName: 'Odense Kommune', username: 'ole.admin', displayName: 'Ole Admin', email: '', password: 'et-godt-langt-kodeord', passwordRepeat: 'et-godt-langt-kodeord' });
        expect(made.statusCode, made.body).toBe(303);
        // The link belongs to Odense: on the first municipality's host it is unknown.
        const kommune = { ...(await tenantOf(db)), host: 'kommune.test' };
        expect((await TestClient.for(t.app, kommune).getPage(`/setup/${link![1]}`)).statusCode).toBe(404);
        const admins = await db.unsafeOwnerQuery<{ slug: string; username: string }>("select t.slug, u.username from users u join tenants t on t.id = u.tenant_id where u.role = 'admin'");
        expect(admins.rows).toEqual([{ slug: 'odense', username: 'ole.admin' }]);
        const audit = await db.unsafeOwnerQuery<{ action: string }>("select action from audit_events where tenant_id = $1 and actor_kind = 'system' order by id", [odense.id]);
        expect(audit.rows.map((row) => row.action)).toEqual(['admin.tenant.create']);
      } finally {
        await t.close();
      }
    });
  });

  it('notices rows cut off the end of the chain when the previous heads are kept in an anchor file', { timeout: 120_000 }, async () => {
    const target = await emptyTarget(keyFile);
    expect((await cli(target, ['migrate'])).code).toBe(0);
    await withDb(target, (db) => ensureFirstAdminLink(db));
    const write = (count: number) => withDb(target, async (db) => {
      const tenant = await tenantOf(db);
      await db.withContext({ tenantId: tenant.id, userId: null }, async (tx) => {
        for (let i = 0; i < count; i++) await recordAudit(tx, { tenantId: tenant.id, actorKind: 'system', action: 'test.anchor', details: { i } });
      });
      await sealTenant(db, tenant.id);
    });
    await write(3);
    const anchorFile = join(scratch, `anchor-${randomBytes(3).toString('hex')}.json`);
    const first = await cli(target, ['audit', 'verify', '--anchor', anchorFile]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(`Chain heads written to ${anchorFile}.`);
    expect(JSON.parse(readFileSync(anchorFile, 'utf8')).heads.kommune).toMatchObject({ seq: 3, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    await write(2);
    expect((await cli(target, ['audit', 'verify', '--anchor', anchorFile])).code).toBe(0);
    expect(JSON.parse(readFileSync(anchorFile, 'utf8')).heads.kommune.seq).toBe(5);

    // The database's owner removes the two newest rows with their links: the chain alone still verifies…
    await withDb(target, (db) => db.unsafeOwnerTransaction(async (tx) => {
      await tx.exec('alter table audit_chain disable trigger audit_chain_insert_only');
      await tx.exec('alter table audit_events disable trigger audit_events_insert_only');
      const { rows } = await tx.query<{ event_id: string }>('select event_id::text from audit_chain where seq > 3');
      await tx.query('delete from audit_chain where seq > 3');
      await tx.query('delete from audit_events where id = any($1::bigint[])', [rows.map((row) => row.event_id)]);
      await tx.exec('alter table audit_chain enable trigger audit_chain_insert_only');
      await tx.exec('alter table audit_events enable trigger audit_events_insert_only');
    }));
    expect((await cli(target, ['audit', 'verify', '--no-seal'])).code).toBe(0);
    // …but not against the anchor kept elsewhere, which is left as it was.
    const cut = await cli(target, ['audit', 'verify', '--no-seal', '--anchor', anchorFile]);
    expect(cut.code).toBe(1);
    expect(cut.stderr).toContain(`Audit log BROKEN in tenant "kommune": the chain no longer holds position 5 as recorded in ${anchorFile} (rows were removed from its end).`);
    expect(JSON.parse(readFileSync(anchorFile, 'utf8')).heads.kommune.seq).toBe(5);
    writeFileSync(join(scratch, 'not-an-anchor.json'), '{"heads": 1}');
    expect((await cli(target, ['audit', 'verify', '--anchor', join(scratch, 'not-an-anchor.json')])).code).toBe(2);
  });

  it('backs up and restores every row into an empty database, where the chain verifies; refuses a non-empty one', { timeout: 180_000 }, async () => {
    const source = await emptyTarget(keyFile);
    expect((await cli(source, ['migrate'])).code).toBe(0);
    await withDb(source, async (db) => {
      await ensureFirstAdminLink(db);
      const t = await createTestApp({ db });
      try {
        const tenant = await tenantOf(db);
        const admin = await createUser(t.deps, tenant, { role: 'admin' });
        const client = TestClient.for(t.app, tenant);
        expect((await client.loginApi(admin)).statusCode).toBe(200);
        expect((await client.api('POST', '/api/v1/teams', { name: 'Børne- og Ungerådgivningen', kind: 'child_welfare' })).statusCode).toBe(201);
        expect((await client.api('POST', '/api/v1/users', { username: 'sara.holm', displayName: 'Sara Holm', email: 'sara@kommune.dk', role: 'caseworker' })).statusCode).toBe(201);
        expect((await client.api('POST', '/api/v1/tokens', { name: 'Script', scopes: ['read'], expiresInDays: 5 })).statusCode).toBe(201);
      } finally {
        await t.close();
      }
    });
    // Seal the log so far, then write more, so the backup holds sealed and unsealed rows.
    await withDb(source, async (db) => {
      const tenant = await tenantOf(db);
      await sealTenant(db, tenant.id);
      await db.withContext({ tenantId: tenant.id, userId: null }, async (tx) => {
        for (let i = 0; i < 3; i++) await recordAudit(tx, { tenantId: tenant.id, actorKind: 'system', action: 'test.after_seal', details: { i } });
      });
    });
    const file = join(scratch, `backup-${randomBytes(3).toString('hex')}.jsonl.gz`);
    const backup = await cli(source, ['backup', file]);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/Backup written to .*: \d+ rows from \d+ tables\./);
    const original = await withDb(source, contents);
    expect(Number(original.audit_chain.split(':')[0])).toBeGreaterThan(0);
    expect(Number(original.audit_events.split(':')[0])).toBeGreaterThan(Number(original.audit_chain.split(':')[0]));

    const restoredTarget = await emptyTarget(keyFile);
    const restore = await cli(restoredTarget, ['restore', file]);
    expect(restore.code, restore.stderr).toBe(0);
    expect(await withDb(restoredTarget, contents)).toEqual(original);
    const verify = await cli(restoredTarget, ['audit', 'verify']);
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(/\(3 newly sealed\)/);
    const restoredRows = Number(/Audit log intact: (\d+) rows/.exec(verify.stdout)![1]);
    expect(restoredRows).toBe(Number(original.audit_events.split(':')[0]));
    // New rows after the restore continue the identity sequence and the chain.
    await withDb(restoredTarget, async (db) => {
      const tenant = await tenantOf(db);
      await db.withContext({ tenantId: tenant.id, userId: null }, (tx) => recordAudit(tx, { tenantId: tenant.id, actorKind: 'system', action: 'test.after_restore' }));
      await sealTenant(db, tenant.id);
    });
    const after = await cli(restoredTarget, ['audit', 'verify']);
    expect(after.code, after.stderr).toBe(0);
    expect(after.stdout).toContain(`Audit log intact: ${restoredRows + 1} rows`);

    // With another key file in place, or none: refused, nothing changes, and no key is made.
    const otherKeyFile = join(scratch, `other-key-${randomBytes(3).toString('hex')}.json`);
    writeFileSync(otherKeyFile, JSON.stringify({ version: 1, masterKey: randomBytes(32).toString('base64') }), { mode: 0o600 });
    const wrongKey = await emptyTarget(otherKeyFile);
    const refusedKey = await cli(wrongKey, ['restore', file]);
    expect(refusedKey.code).toBe(2);
    expect(refusedKey.stderr).toContain('The key file in place is not the one this backup was made with');
    expect((await withDb(wrongKey, (db) => db.unsafeOwnerQuery<{ n: number }>('select count(*)::int as n from tenants'))).rows[0].n).toBe(0);
    const missingKeyFile = join(scratch, `missing-key-${randomBytes(3).toString('hex')}.json`);
    const noKey = await cli(await emptyTarget(missingKeyFile), ['restore', file]);
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain(`there is no key file at ${missingKeyFile}`);
    expect(existsSync(missingKeyFile)).toBe(false);

    // Into a database that already holds data: refused, and nothing changes.
    const before = await withDb(source, contents);
    const refused = await cli(source, ['restore', file]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('Restore failed, nothing was changed: The database is not empty');
    expect(await withDb(source, contents)).toEqual(before);
    // Not a backup at all: refused without changing the empty database.
    const junk = join(scratch, 'junk.gz');
    writeFileSync(junk, 'this is no backup');
    const empty = await emptyTarget(keyFile);
    expect((await cli(empty, ['restore', junk])).code).not.toBe(0);
    expect((await withDb(empty, (db) => db.unsafeOwnerQuery<{ n: number }>('select count(*)::int as n from tenants'))).rows[0].n).toBe(0);
    expect((await cli(empty, ['restore', join(scratch, 'missing.gz')])).code).toBe(2);
  });
});
