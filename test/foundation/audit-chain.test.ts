/**
 * The audit log is insert-only and hash-chained; tampering as the database owner is detected
 * and the first broken row is named.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/platform/audit/chain.js';
import { recordAudit } from '../../src/platform/audit/events.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { sealTenant } from '../support/audit.js';
import { createTenant, type TestTenant } from '../support/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function writeEvents(tenant: TestTenant, count: number): Promise<void> {
  await t.db.withContext({ tenantId: tenant.id, userId: null }, async (tx) => {
    for (let i = 0; i < count; i++) {
      await recordAudit(tx, { tenantId: tenant.id, actorKind: 'system', action: 'test.event', details: { i } });
    }
  });
}

async function sealAll(tenant: TestTenant): Promise<void> {
  await sealTenant(t.db, tenant.id);
}

describe('audit log', () => {
  it('refuses UPDATE and DELETE from the application role', async () => {
    const tenant = await createTenant(t.deps);
    await writeEvents(tenant, 1);
    for (const sql of ["update audit_events set action = 'x'", 'delete from audit_events']) {
      await expect(t.db.withContext({ tenantId: tenant.id, userId: null }, (tx) => tx.query(sql))).rejects.toThrow(/permission denied/);
    }
  });

  it('refuses UPDATE, DELETE and TRUNCATE even from the owner (trigger)', async () => {
    const tenant = await createTenant(t.deps);
    await writeEvents(tenant, 1);
    await expect(t.db.unsafeOwnerQuery("update audit_events set action = 'x' where tenant_id = $1", [tenant.id])).rejects.toThrow(/insert-only/);
    await expect(t.db.unsafeOwnerQuery('delete from audit_events where tenant_id = $1', [tenant.id])).rejects.toThrow(/insert-only/);
    await expect(t.db.unsafeOwnerQuery('truncate audit_events cascade')).rejects.toThrow(/insert-only/);
  });

  it('rolls back the audit row together with the work it describes', async () => {
    const tenant = await createTenant(t.deps);
    await expect(
      t.db.withContext({ tenantId: tenant.id, userId: null }, async (tx) => {
        await recordAudit(tx, { tenantId: tenant.id, actorKind: 'system', action: 'test.rolled_back' });
        throw new Error('work failed');
      }),
    ).rejects.toThrow('work failed');
    const { rows } = await t.db.unsafeOwnerQuery("select 1 from audit_events where tenant_id = $1 and action = 'test.rolled_back'", [tenant.id]);
    expect(rows).toHaveLength(0);
  });

  it('seals committed rows into a per-tenant chain that verifies', async () => {
    const tenant = await createTenant(t.deps);
    await writeEvents(tenant, 25);
    await sealAll(tenant);
    const chain = await t.db.unsafeOwnerQuery<{ seq: number }>('select seq from audit_chain where tenant_id = $1 order by seq', [tenant.id]);
    expect(chain.rows.map((row) => Number(row.seq))).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    const result = await verifyAuditChain(t.db, { tenantSlug: tenant.slug });
    expect(result.firstBreak).toBeNull();
    expect(result.ok).toBe(true);
  });

  it('names the first broken row after an owner rewrites an event', async () => {
    const tenant = await createTenant(t.deps);
    await writeEvents(tenant, 5);
    await sealAll(tenant);
    const victim = await t.db.unsafeOwnerQuery<{ event_id: string }>('select event_id::text from audit_chain where tenant_id = $1 and seq = 3', [tenant.id]);
    await t.db.unsafeOwnerTransaction(async (tx) => {
      await tx.exec('alter table audit_events disable trigger audit_events_insert_only');
      await tx.query("update audit_events set details = '{\"i\": 99}' where id = $1", [victim.rows[0].event_id]);
      await tx.exec('alter table audit_events enable trigger audit_events_insert_only');
    });
    try {
      const result = await verifyAuditChain(t.db, { tenantSlug: tenant.slug });
      expect(result.ok).toBe(false);
      expect(result.firstBreak).toMatchObject({ tenantId: tenant.id, seq: 3, eventId: victim.rows[0].event_id, reason: 'hash_mismatch' });
    } finally {
      // Put the row back so the shared test database verifies again for other tests.
      await t.db.unsafeOwnerTransaction(async (tx) => {
        await tx.exec('alter table audit_events disable trigger audit_events_insert_only');
        await tx.query('update audit_events set details = \'{"i": 2}\' where id = $1', [victim.rows[0].event_id]);
        await tx.exec('alter table audit_events enable trigger audit_events_insert_only');
      });
    }
    expect((await verifyAuditChain(t.db, { tenantSlug: tenant.slug })).ok).toBe(true);
  });
});
