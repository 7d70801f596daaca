/**
 * `selvbestemt audit verify`: seal pending rows, then walk every chain. Exit 1 on a break.
 * With `--anchor FILE`, the chains must still hold the heads recorded in FILE by the previous
 * run (so rows cut off the end are noticed), and FILE then gets the new heads. Keep FILE where
 * the database's owner cannot change it (another machine, write-once storage).
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { sealAuditEvents, verifyAuditChain, type ChainHead } from '../../platform/audit/chain.js';
import type { CliIo } from '../main.js';
import { withDeps } from './shared.js';

const USAGE = 'Usage: selvbestemt audit verify [--tenant SLUG] [--no-seal] [--anchor FILE]\n';

const AnchorFile = z.object({
  format: z.literal('selvbestemt-audit-anchor'),
  heads: z.record(z.string(), z.object({ seq: z.number().int().min(1), hash: z.string().regex(/^[0-9a-f]{64}$/) })),
});

function readAnchors(file: string): Record<string, ChainHead> | string {
  if (!existsSync(file)) return {};
  try {
    return AnchorFile.parse(JSON.parse(readFileSync(file, 'utf8'))).heads;
  } catch {
    return `${file} is not an anchor file written by "selvbestemt audit verify --anchor".`;
  }
}

export async function run(args: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { 'no-seal': { type: 'boolean' }, tenant: { type: 'string' }, anchor: { type: 'string' } } });
  } catch (error) {
    io.stderr(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { positionals, values } = parsed;
  if (positionals[0] !== 'verify') {
    io.stderr(USAGE);
    return 2;
  }
  const anchors = values.anchor ? readAnchors(values.anchor) : {};
  if (typeof anchors === 'string') {
    io.stderr(`${anchors}\n`);
    return 2;
  }
  return withDeps(async (deps) => {
    let sealed = 0;
    if (!values['no-seal']) {
      for (let batch = await sealAuditEvents(deps.db); batch > 0; batch = await sealAuditEvents(deps.db)) sealed += batch;
    }
    const result = await verifyAuditChain(deps.db, { tenantSlug: values.tenant, anchors });
    if (result.ok) {
      io.stdout(`Audit log intact: ${result.eventsVerified} rows in ${result.tenants} chain(s) verified${sealed ? ` (${sealed} newly sealed)` : ''}.\n`);
      if (values.anchor) {
        // Tenants not verified this time (--tenant) keep their earlier anchors.
        const content = { format: 'selvbestemt-audit-anchor', writtenAt: new Date().toISOString(), heads: { ...anchors, ...result.heads } };
        writeFileSync(`${values.anchor}.tmp`, JSON.stringify(content, null, 2) + '\n', { mode: 0o600 });
        renameSync(`${values.anchor}.tmp`, values.anchor);
        io.stdout(`Chain heads written to ${values.anchor}.\n`);
      }
      return 0;
    }
    const broken = result.firstBreak!;
    if (broken.reason === 'anchor_missing' || broken.reason === 'anchor_mismatch') {
      io.stderr(
        `Audit log BROKEN in tenant "${broken.tenantSlug}": the chain no longer holds position ${broken.seq} as recorded in ${values.anchor}` +
          ` (${broken.reason === 'anchor_missing' ? 'rows were removed from its end' : 'it was rewritten'}).\n`,
      );
      return 1;
    }
    io.stderr(
      `Audit log BROKEN in tenant "${broken.tenantSlug}": ${broken.reason.replace(/_/g, ' ')}` +
        `${broken.seq !== null ? ` at chain position ${broken.seq}` : ''}${broken.eventId ? ` (audit event id ${broken.eventId})` : ''}.\n` +
        `${result.eventsVerified} row(s) before it verified.\n`,
    );
    return 1;
  });
}
