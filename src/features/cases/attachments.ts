/**
 * Attachments on a case: at most 20 MB, the type decided by the content (magic bytes via
 * `file-type`), an extension that lies about the content refused, executables and unknown
 * binaries refused, plain text accepted only when it really is text. Stored encrypted
 * (AES-256-GCM, key `attachments`, bound to tenant and row) in the database.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
import { authorize } from '../../platform/access/policy.js';
import { decryptBytes, encryptBytes } from '../../platform/crypto/aead.js';
import { AppError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import type { Scope } from '../../platform/http/scope.js';
import { seal, unseal } from '../inquiries/identity.js';
import { addEvent, requireCase } from './access.js';
import { casePolicy } from './policy.js';

export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

/** Detected type → accepted file name extensions. Anything else is refused. */
const ALLOWED: Record<string, { mime: string; extensions: string[] }> = {
  pdf: { mime: 'application/pdf', extensions: ['pdf'] },
  png: { mime: 'image/png', extensions: ['png'] },
  jpg: { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  gif: { mime: 'image/gif', extensions: ['gif'] },
  webp: { mime: 'image/webp', extensions: ['webp'] },
  heic: { mime: 'image/heic', extensions: ['heic'] },
  tif: { mime: 'image/tiff', extensions: ['tif', 'tiff'] },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'] },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'] },
  odt: { mime: 'application/vnd.oasis.opendocument.text', extensions: ['odt'] },
  m4a: { mime: 'audio/mp4', extensions: ['m4a'] },
  mp3: { mime: 'audio/mpeg', extensions: ['mp3'] },
};
const TEXT_EXTENSIONS = ['txt', 'csv'];

function extensionOf(filename: string): string {
  const match = /\.([A-Za-z0-9]{1,10})$/.exec(filename);
  return match ? match[1].toLowerCase() : '';
}

function isPlainText(content: Buffer): boolean {
  if (content.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(content);
    return true;
  } catch {
    return false;
  }
}

/** Decides the media type by content, or throws a translated validation error. */
export async function checkAttachment(filename: string, content: Buffer): Promise<string> {
  if (content.length === 0) throw new ValidationError([{ field: 'file', messageKey: 'cases.attachments.empty' }]);
  if (content.length > MAX_ATTACHMENT_BYTES) throw new AppError('payload_too_large', 'cases.attachments.tooLarge', {}, [{ field: 'file', messageKey: 'cases.attachments.tooLarge' }]);
  const extension = extensionOf(filename);
  const detected = await fileTypeFromBuffer(content);
  if (!detected) {
    if (TEXT_EXTENSIONS.includes(extension) && isPlainText(content)) return 'text/plain; charset=utf-8';
    if (TEXT_EXTENSIONS.includes(extension)) throw new ValidationError([{ field: 'file', messageKey: 'cases.attachments.extensionMismatch', params: { extension: `.${extension}` } }]);
    throw new ValidationError([{ field: 'file', messageKey: 'cases.attachments.typeRefused' }]);
  }
  const allowed = ALLOWED[detected.ext];
  if (!allowed) throw new ValidationError([{ field: 'file', messageKey: 'cases.attachments.typeRefused' }]);
  if (!allowed.extensions.includes(extension)) {
    throw new ValidationError([{ field: 'file', messageKey: 'cases.attachments.extensionMismatch', params: { extension: extension ? `.${extension}` : '–' } }]);
  }
  return allowed.mime;
}

// Control characters, and the direction marks that can make "report‮fdp.exe" read as "reportexe.pdf".
const FILENAME_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const FILENAME_MAX = 200;

function safeFilename(filename: string): string {
  const base = (filename.split(/[\\/]/).pop() ?? '').replace(FILENAME_UNSAFE, '').trim();
  if (base.length <= FILENAME_MAX) return base || 'fil';
  // Shortened, a long name keeps its extension (the type check compares it with the content).
  const extension = extensionOf(base);
  return extension ? `${base.slice(0, FILENAME_MAX - extension.length - 1)}.${extension}` : base.slice(0, FILENAME_MAX);
}

/**
 * Attaches a file to a case. The file is read (`readFile`) only after the access check, so a
 * case the user may not write answers 404 before any upload is taken in.
 */
export async function addAttachment(scope: Scope, caseId: string, readFile: () => Promise<{ filename: string; content: Buffer }>): Promise<string> {
  const { row } = await requireCase(scope, caseId, 'write');
  const file = await readFile();
  const filename = safeFilename(file.filename);
  const mediaType = await checkAttachment(filename, file.content);
  const id = randomUUID();
  const tenantId = scope.tenant.id;
  const sealed = encryptBytes(scope.deps.keys.key('attachments'), file.content, `${tenantId}:${id}:content`);
  await scope.tx.query(
    `insert into case_attachments (id, tenant_id, case_id, filename_enc, media_type, size_bytes, content_enc, uploaded_by) values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [id, tenantId, caseId, seal(scope.deps, 'personal-data', tenantId, id, 'filename', filename), mediaType, file.content.length, sealed, scope.user().userId],
  );
  await addEvent(scope, caseId, 'case.attachment_added', id, { mediaType, sizeBytes: file.content.length });
  await scope.audit({ action: 'case.attachment.create', entityType: 'case_attachment', entityId: id, personId: row.subjectPersonId, details: { caseId, mediaType } });
  return id;
}

export async function readAttachment(scope: Scope, caseId: string, attachmentId: string): Promise<{ filename: string; mediaType: string; content: Buffer }> {
  const { row } = await requireCase(scope, caseId, 'read');
  const { rows } = /^[0-9a-f-]{36}$/i.test(attachmentId)
    ? await scope.tx.query<{ filenameEnc: string; mediaType: string; content: Uint8Array }>(
      `select filename_enc as "filenameEnc", media_type as "mediaType", content_enc as content from case_attachments where id = $1 and case_id = $2 and removed_at is null`, [attachmentId, caseId])
    : { rows: [] };
  if (!rows[0]) throw new NotFoundError();
  const content = decryptBytes(scope.deps.keys.key('attachments'), Buffer.from(rows[0].content), `${scope.tenant.id}:${attachmentId}:content`);
  await scope.audit({ action: 'case.attachment.read', entityType: 'case_attachment', entityId: attachmentId, personId: row.subjectPersonId, details: { caseId } });
  return { filename: unseal(scope.deps, 'personal-data', scope.tenant.id, attachmentId, 'filename', rows[0].filenameEnc), mediaType: rows[0].mediaType, content };
}

const UUID = /^[0-9a-f-]{36}$/i;

/** An attachment as its removal page shows it: still there (to be removed), or removed and why. */
export type AttachmentRecord =
  | { state: 'kept'; id: string; caseReference: string; filename: string; mediaType: string; sizeBytes: number; uploadedAt: Date }
  | { state: 'removed'; id: string; caseReference: string; mediaType: string; sizeBytes: number; uploadedAt: Date; removedAt: Date; removedByName: string | null; reason: string | null };

/**
 * The removal page's view of an attachment. A kept attachment is shown only to those who may
 * remove it (write); a removed one, with who removed it, when and why, to anyone who may read
 * the case (the timeline links to it).
 */
export async function getAttachmentRecord(scope: Scope, caseId: string, attachmentId: string): Promise<AttachmentRecord> {
  const loaded = await requireCase(scope, caseId, 'read');
  const { rows } = UUID.test(attachmentId)
    ? await scope.tx.query<{ filenameEnc: string | null; mediaType: string; sizeBytes: number; uploadedAt: Date; removedAt: Date | null; removedByName: string | null; reasonEnc: string | null }>(
      `select a.filename_enc as "filenameEnc", a.media_type as "mediaType", a.size_bytes as "sizeBytes", a.uploaded_at as "uploadedAt", a.removed_at as "removedAt",
              u.display_name as "removedByName", a.removal_reason_enc as "reasonEnc"
         from case_attachments a left join users u on u.id = a.removed_by where a.id = $1 and a.case_id = $2`, [attachmentId, caseId])
    : { rows: [] };
  const found = rows[0];
  if (!found) throw new NotFoundError();
  const tenantId = scope.tenant.id;
  const { mediaType, sizeBytes, uploadedAt } = found;
  if (found.removedAt) {
    await scope.audit({ action: 'case.attachment.removal_read', entityType: 'case_attachment', entityId: attachmentId, personId: loaded.row.subjectPersonId, details: { caseId } });
    return {
      state: 'removed', id: attachmentId, caseReference: loaded.row.reference, mediaType, sizeBytes, uploadedAt, removedAt: found.removedAt, removedByName: found.removedByName,
      reason: unseal(scope.deps, 'case-notes', tenantId, attachmentId, 'removal_reason', found.reasonEnc),
    };
  }
  authorize(casePolicy, scope.user(), 'write', loaded.resource, { entityType: 'case', entityId: caseId });
  await scope.audit({ action: 'case.attachment.name_read', entityType: 'case_attachment', entityId: attachmentId, personId: loaded.row.subjectPersonId, details: { caseId } });
  return { state: 'kept', id: attachmentId, caseReference: loaded.row.reference, filename: unseal(scope.deps, 'personal-data', tenantId, attachmentId, 'filename', found.filenameEnc!), mediaType, sizeBytes, uploadedAt };
}

/**
 * Removes an attachment with a reason. The file and its name are erased, not hidden: one
 * uploaded by mistake may be about the wrong person. The row stays (type, size, dates, who,
 * the reason sealed) so the timeline keeps its entry. Removing it again changes nothing.
 */
export async function removeAttachment(scope: Scope, caseId: string, attachmentId: string, reason: string): Promise<void> {
  const { row } = await requireCase(scope, caseId, 'write');
  if (!UUID.test(attachmentId)) throw new NotFoundError();
  const { rows } = await scope.tx.query<{ mediaType: string; sizeBytes: number }>(
    `update case_attachments set removed_at = now(), removed_by = $3, removal_reason_enc = $4, content_enc = ''::bytea, filename_enc = null
      where id = $1 and case_id = $2 and removed_at is null returning media_type as "mediaType", size_bytes as "sizeBytes"`,
    [attachmentId, caseId, scope.user().userId, seal(scope.deps, 'case-notes', scope.tenant.id, attachmentId, 'removal_reason', reason)]);
  if (!rows[0]) {
    const exists = await scope.tx.query('select 1 from case_attachments where id = $1 and case_id = $2', [attachmentId, caseId]);
    if (exists.rows.length === 0) throw new NotFoundError();
    throw new ValidationError([{ field: '_form', messageKey: 'cases.attachments.alreadyRemoved' }]);
  }
  await addEvent(scope, caseId, 'case.attachment_removed', attachmentId, { attachmentId, mediaType: rows[0].mediaType, sizeBytes: rows[0].sizeBytes });
  await scope.audit({ action: 'case.attachment.remove', entityType: 'case_attachment', entityId: attachmentId, personId: row.subjectPersonId, details: { caseId } });
}

/** Reads the one uploaded file; a file over the limit is a clear, translated refusal. */
export async function readUploadedFile(req: FastifyRequest, options: { api?: boolean } = {}): Promise<{ filename: string; content: Buffer }> {
  if (!req.isMultipart()) {
    // An API client that sent JSON learns what to send; the page's form always is multipart.
    if (options.api) throw new AppError('unsupported_media_type', 'error.multipartRequired');
    throw new ValidationError([{ field: 'file', messageKey: 'cases.attachments.missing' }]);
  }
  let part;
  try {
    part = await req.file();
  } catch {
    throw new ValidationError([{ field: 'file', messageKey: 'cases.attachments.missing' }]);
  }
  if (!part || !part.filename) throw new ValidationError([{ field: 'file', messageKey: 'cases.attachments.missing' }]);
  try {
    const content = await part.toBuffer();
    return { filename: part.filename, content };
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError('payload_too_large', 'cases.attachments.tooLarge', {}, [{ field: 'file', messageKey: 'cases.attachments.tooLarge' }]);
    }
    // A body that ends before the file does (a dropped connection, a broken client).
    throw new ValidationError([{ field: 'file', messageKey: 'cases.attachments.incomplete' }]);
  }
}
