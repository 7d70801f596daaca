/** `selvbestemt audit verify`: seal pending rows, then walk every chain. Exit 1 on a break. */
import { parseArgs } from 'node:util';
import { sealAuditEvents, verifyAuditChain } from '../../platform/audit/chain.js';
import type { CliIo } from '../main.js';
import { withDeps } from './shared.js';

export async function run(args: string[], io: CliIo): Promise<number> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { 'no-seal': { type: 'boolean' }, tenant: { type: 'string' } } });
  if (positionals[0] !== 'verify') {
    io.stderr('Usage: selvbestemt audit verify [--tenant SLUG] [--no-seal]\n');
    return 2;
  }
  return withDeps(async (deps) => {
    let sealed = 0;
    if (!values['no-seal']) {
      for (let batch = await sealAuditEvents(deps.db); batch > 0; batch = await sealAuditEvents(deps.db)) sealed += batch;
    }
    const result = await verifyAuditChain(deps.db, { tenantSlug: values.tenant });
    if (result.ok) {
      io.stdout(`Audit log intact: ${result.eventsVerified} rows in ${result.tenants} chain(s) verified${sealed ? ` (${sealed} newly sealed)` : ''}.\n`);
      return 0;
    }
    const broken = result.firstBreak!;
    io.stderr(
      `Audit log BROKEN in tenant "${broken.tenantSlug}": ${broken.reason.replace(/_/g, ' ')}` +
        `${broken.seq !== null ? ` at chain position ${broken.seq}` : ''}${broken.eventId ? ` (audit event id ${broken.eventId})` : ''}.\n` +
        `${result.eventsVerified} row(s) before it verified.\n`,
    );
    return 1;
  });
}
