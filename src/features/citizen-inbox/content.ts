/**
 * The unit's editing of the citizen site: one draft at a time (optimistic concurrency on its
 * version), preview, publish (the old published revision is kept as "superseded"), and
 * restoring any earlier revision into the draft. Administrators only.
 */
import { pgErrorCode, PG_ERRORS } from '../../db/database.js';
import { authorize } from '../../platform/access/policy.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import type { Scope } from '../../platform/http/scope.js';
import { parseOrThrow } from '../../platform/http/validation.js';
import { defaultDocument, DIRECTORY_MAX, readDocument, SiteDocument, type DirectoryEntry, type SiteSettings, type UnitContact } from '../citizen/document.js';
import type { CitizenLang } from '../citizen/languages.js';
import { invalidatePublishedDocument } from '../citizen/site-content.js';
import { siteContentPolicy } from './policy.js';

export interface RevisionRow {
  id: string;
  revision: number;
  status: 'draft' | 'published' | 'superseded';
  document: SiteDocument;
  version: number;
  updatedAt: Date;
  publishedAt: Date | null;
  publishedBy: string | null;
}

const SELECT = `select r.id::text, r.revision, r.status, r.document, r.version, r.updated_at as "updatedAt",
  r.published_at as "publishedAt", u.display_name as "publishedBy"
  from citizen_site_revisions r left join users u on u.id = r.published_by`;

function withDocument(row: Omit<RevisionRow, 'document'> & { document: unknown }): RevisionRow {
  return { ...row, document: readDocument(row.document) };
}

export interface EditorState {
  published: RevisionRow | null;
  draft: RevisionRow | null;
  revisions: RevisionRow[];
}

export async function editorState(scope: Scope): Promise<EditorState> {
  authorize(siteContentPolicy, scope.user(), 'view', null, { entityType: 'citizen_site' });
  const { rows } = await scope.tx.query<RevisionRow>(`${SELECT} order by r.revision desc limit 200`);
  const revisions = rows.map(withDocument);
  return {
    published: revisions.find((row) => row.status === 'published') ?? null,
    draft: revisions.find((row) => row.status === 'draft') ?? null,
    revisions,
  };
}

export async function currentDraft(scope: Scope): Promise<RevisionRow | null> {
  authorize(siteContentPolicy, scope.user(), 'view', null, { entityType: 'citizen_site' });
  const { rows } = await scope.tx.query<RevisionRow>(`${SELECT} where r.status = 'draft'`);
  return rows[0] ? withDocument(rows[0]) : null;
}

/**
 * Starts a draft from the published revision (or from `fromRevision`, to restore an earlier
 * one). An existing draft is overwritten only when its version is given and current.
 */
export async function startDraft(scope: Scope, options: { fromRevision?: number; replaceVersion?: number } = {}): Promise<RevisionRow> {
  const actor = scope.user();
  authorize(siteContentPolicy, actor, 'edit', null, { entityType: 'citizen_site' });
  let source: SiteDocument;
  if (options.fromRevision !== undefined) {
    const { rows } = await scope.tx.query<{ document: unknown }>('select document from citizen_site_revisions where revision = $1', [options.fromRevision]);
    if (!rows[0]) throw new NotFoundError();
    source = readDocument(rows[0].document);
  } else {
    const { rows } = await scope.tx.query<{ document: unknown }>("select document from citizen_site_revisions where status = 'published'");
    source = rows[0] ? readDocument(rows[0].document) : defaultDocument();
  }
  const existing = await currentDraft(scope);
  if (existing) {
    if (options.replaceVersion === undefined) return existing;
    const { rowCount } = await scope.tx.query(
      'update citizen_site_revisions set document = $3, version = version + 1, updated_by = $4, updated_at = now() where id = $1 and version = $2',
      [existing.id, options.replaceVersion, JSON.stringify(source), actor.userId],
    );
    if (rowCount === 0) throw new ConflictError();
    await scope.audit({ action: 'citizen.site.draft_reset', entityType: 'citizen_site_revision', entityId: existing.id, details: { fromRevision: options.fromRevision ?? null } });
    return (await currentDraft(scope))!;
  }
  try {
    await scope.tx.query(
      `insert into citizen_site_revisions (tenant_id, revision, status, document, created_by, updated_by)
       values ($1, (select coalesce(max(revision), 0) + 1 from citizen_site_revisions), 'draft', $2, $3, $3)`,
      [scope.tenant.id, JSON.stringify(source), actor.userId],
    );
  } catch (error) {
    // Two administrators starting a draft at the same moment: the second sees the first's.
    if (pgErrorCode(error) === PG_ERRORS.uniqueViolation) throw new ConflictError();
    throw error;
  }
  const created = (await currentDraft(scope))!;
  await scope.audit({ action: 'citizen.site.draft_start', entityType: 'citizen_site_revision', entityId: created.id, details: { fromRevision: options.fromRevision ?? null } });
  return created;
}

/** Applies `change` to the draft's document, validates the result and saves it. */
async function changeDraft(scope: Scope, version: number, part: string, change: (document: SiteDocument) => SiteDocument): Promise<RevisionRow> {
  const actor = scope.user();
  authorize(siteContentPolicy, actor, 'edit', null, { entityType: 'citizen_site' });
  const draft = await currentDraft(scope);
  if (!draft) throw new ConflictError('citizenadmin.noDraftToEdit');
  const next = parseOrThrow(SiteDocument, change(structuredClone(draft.document)));
  const { rowCount } = await scope.tx.query(
    'update citizen_site_revisions set document = $3, version = version + 1, updated_by = $4, updated_at = now() where id = $1 and version = $2',
    [draft.id, version, JSON.stringify(next), actor.userId],
  );
  if (rowCount === 0) throw new ConflictError();
  await scope.audit({ action: 'citizen.site.draft_save', entityType: 'citizen_site_revision', entityId: draft.id, details: { part } });
  return (await currentDraft(scope))!;
}

export async function saveSettings(scope: Scope, version: number, settings: SiteSettings): Promise<RevisionRow> {
  if (settings.inboxTeamId) {
    const { rows } = await scope.tx.query("select 1 from teams where id = $1 and active and kind = 'unit'", [settings.inboxTeamId]);
    if (rows.length === 0) throw new ValidationError([{ field: 'inboxTeamId', messageKey: 'citizenadmin.validation.team' }]);
  }
  return changeDraft(scope, version, 'settings', (document) => ({ ...document, settings }));
}

export async function saveUnitContact(scope: Scope, version: number, unit: UnitContact): Promise<RevisionRow> {
  return changeDraft(scope, version, 'unit', (document) => ({ ...document, unit }));
}

/** Adds (`originalId` null) or replaces a directory entry. */
export async function saveDirectoryEntry(scope: Scope, version: number, originalId: string | null, entry: DirectoryEntry): Promise<RevisionRow> {
  return changeDraft(scope, version, 'directory', (document) => {
    const clash = document.directory.some((existing) => existing.id === entry.id && existing.id !== originalId);
    if (clash) throw new ValidationError([{ field: 'id', messageKey: 'citizenadmin.entry.duplicate' }]);
    if (originalId === null) {
      // Said at the form, not as a bare "at most 40" about the whole document.
      if (document.directory.length >= DIRECTORY_MAX) throw new ValidationError([{ field: '_form', messageKey: 'citizenadmin.entry.directoryFull', params: { max: DIRECTORY_MAX } }]);
      return { ...document, directory: [...document.directory, entry] };
    }
    if (!document.directory.some((existing) => existing.id === originalId)) throw new NotFoundError();
    return { ...document, directory: document.directory.map((existing) => (existing.id === originalId ? entry : existing)) };
  });
}

export async function removeDirectoryEntry(scope: Scope, version: number, id: string): Promise<RevisionRow> {
  return changeDraft(scope, version, 'directory', (document) => ({ ...document, directory: document.directory.filter((entry) => entry.id !== id) }));
}

/** Replaces the overrides of the given keys in one language (empty text: use the catalog). */
export async function saveTexts(scope: Scope, version: number, lang: CitizenLang, texts: Record<string, string>): Promise<RevisionRow> {
  return changeDraft(scope, version, `texts.${lang}`, (document) => {
    const merged = { ...document.texts[lang] };
    for (const [key, text] of Object.entries(texts)) {
      if (text.trim() === '') delete merged[key];
      else merged[key] = text;
    }
    return { ...document, texts: { ...document.texts, [lang]: merged } };
  });
}

/** Publishes the draft; open conversations take the (possibly new) retention period. */
export async function publishDraft(scope: Scope, version: number): Promise<RevisionRow> {
  const actor = scope.user();
  authorize(siteContentPolicy, actor, 'publish', null, { entityType: 'citizen_site' });
  const draft = await currentDraft(scope);
  if (!draft) throw new ConflictError('citizenadmin.noDraftToEdit');
  await scope.tx.query("update citizen_site_revisions set status = 'superseded', version = version + 1 where status = 'published'");
  const { rowCount } = await scope.tx.query(
    `update citizen_site_revisions set status = 'published', published_by = $3, published_at = now(), version = version + 1
      where id = $1 and version = $2 and status = 'draft'`,
    [draft.id, version, actor.userId],
  );
  if (rowCount === 0) throw new ConflictError();
  await scope.tx.query(
    'update citizen_conversations set expires_at = last_activity_at + make_interval(days => $1)',
    [draft.document.settings.retentionDays],
  );
  await scope.audit({ action: 'citizen.site.publish', entityType: 'citizen_site_revision', entityId: draft.id, details: { revision: draft.revision } });
  invalidatePublishedDocument(scope.tenant.id);
  return { ...draft, status: 'published' };
}
