// Attachments over HTTP: a multipart upload (fields plugin, form, field, optional orgUnitId, then the file), the
// names of several, and a download. Multipart parsing is registered in this plugin's scope only, so every other
// route keeps its JSON parsing and body limit.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import type { PlatformContext } from '../../context';
import { HezuoError, detail } from '../../errors';
import { SECURED, binary, idParam, responses } from '../schemas/common';
import { attachmentIdsQuery, attachmentList, attachmentUpload, savedAttachment } from '../schemas/attachments';
import { docsOnly } from '../validation';
import {
  UPLOAD_LIMIT,
  listAttachments,
  readAttachment,
  saveUpload,
  tooLarge,
  uploadTarget,
  type UploadTarget,
} from '../../attachments/attachment-service';
import { appendAudit } from '../../audit/audit-log';

/** RFC 6266/5987: an ASCII fallback name and the exact UTF-8 one. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const utf8 = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}

/** Reads the multipart body: fields first, then one file read up to the field's limit (the rest is drained, not kept). */
async function readUpload(ctx: PlatformContext, req: FastifyRequest) {
  if (!req.isMultipart())
    throw new HezuoError('ATTACHMENT_INVALID', [detail('', '请以 multipart/form-data 上传文件', 'Send the file as multipart/form-data')]);
  const principal = req.principal;
  const fields: Record<string, unknown> = {};
  let target: UploadTarget | null = null;
  let file: { name: string; type: string; content: Buffer } | null = null;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'field') {
        fields[part.fieldname] = part.value;
        continue;
      }
      if (file || part.fieldname !== 'file') {
        part.file.resume();
        continue;
      }
      target = await uploadTarget(ctx, principal, fields);
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of part.file) {
        size += chunk.length;
        if (size <= target.limit) chunks.push(chunk);
      }
      if (size > target.limit) throw tooLarge(target.limit);
      file = { name: part.filename ?? '', type: part.mimetype, content: Buffer.concat(chunks) };
    }
  } catch (e: any) {
    if (e instanceof HezuoError) throw e;
    if (e?.code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(target?.limit ?? UPLOAD_LIMIT);
    throw new HezuoError('ATTACHMENT_INVALID', [
      detail('', `上传内容无法读取:${e?.message ?? e}`, `The upload cannot be read: ${e?.message ?? e}`),
    ]);
  }
  if (!file || !target) {
    // The fields alone still say whether they were right: a wrong field is the clearer answer than "no file".
    await uploadTarget(ctx, principal, fields);
    throw new HezuoError('ATTACHMENT_INVALID', [detail('/file', '缺少文件', 'The file is missing')]);
  }
  return { principal, target, file };
}

export async function attachmentRoutes(app: FastifyInstance, ctx: PlatformContext) {
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: UPLOAD_LIMIT, files: 1, fields: 10, fieldSize: 4096, parts: 12 } });

    scope.post(
      '/api/attachments',
      {
        schema: {
          tags: ['attachments'],
          security: SECURED,
          operationId: 'uploadAttachment',
          consumes: ['multipart/form-data'],
          body: docsOnly(attachmentUpload),
          response: responses({ 201: savedAttachment }, [400, 401, 403, 404, 413, 415, 422]),
          summary:
            "Upload a file for an x-attachment field: multipart fields plugin, form, field (pointer), orgUnitId?, then file. 201 {id, name, size, type}; the id goes into the field's array and the file is linked to the record on save.",
        },
      },
      async (req, reply) => {
        const { principal, target, file } = await readUpload(ctx, req);
        reply.status(201);
        return saveUpload(ctx, principal, target, file);
      },
    );

    scope.get(
      '/api/attachments',
      {
        schema: {
          tags: ['attachments'],
          security: SECURED,
          operationId: 'listAttachments',
          querystring: attachmentIdsQuery,
          response: responses({ 200: attachmentList }, [400, 401]),
          summary: 'Names, sizes and types of attachments (query ids=a,b,c); those the user may not read are left out',
        },
      },
      async (req) => {
        const principal = req.principal;
        const ids = String((req.query as Record<string, unknown>).ids ?? '')
          .split(',')
          .filter((s) => s && s.length <= 64);
        return { attachments: await listAttachments(ctx, principal, ids) };
      },
    );

    scope.get(
      '/api/attachments/:id',
      {
        schema: {
          tags: ['attachments'],
          security: SECURED,
          operationId: 'downloadAttachment',
          params: idParam,
          response: responses(
            { 200: binary('The file, with the media type it was stored with', 'application/octet-stream') },
            [400, 401, 404],
          ),
          summary: 'Download an attachment: its uploader, or anyone who may see the record it belongs to (404 otherwise)',
        },
      },
      async (req, reply) => {
        const principal = req.principal;
        const { meta, content } = await readAttachment(ctx, principal, (req.params as { id: string }).id);
        await appendAudit(ctx.db, {
          actor: principal,
          action: 'download.attachment',
          target: { type: 'attachment', id: (req.params as { id: string }).id },
          details: { fileName: meta.fileName, size: meta.size },
          address: req.ip,
        });
        reply.header('content-type', meta.mediaType);
        reply.header('content-disposition', contentDisposition(meta.fileName));
        reply.header('x-content-type-options', 'nosniff');
        reply.header('cache-control', 'private, no-store');
        return reply.send(content);
      },
    );
  });
}
