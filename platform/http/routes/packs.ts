// Pack routes. The dry run reads an uploaded .hzpack in memory and reports what an install would do; it changes
// nothing (no table is written, not even the audit log: nothing happened; the impact preview reads in a read-only
// transaction). The body is read here, capped at the
// pack limit as it streams in, so an oversize upload is refused as PACK_TOO_LARGE and never held whole.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import type { Readable } from 'node:stream';
import type { PlatformContext } from '../../context';
import { HezuoError, detail } from '../../errors';
import { requireAdmin } from '../../access/principal';
import { PACK_LIMITS } from '../../packs/pack-format';
import { packDetail } from '../../packs/pack-refusal';
import { dryRun } from '../../packs/dry-run';
import { optionsFromFields } from '../../packs/dry-run-options';
import { SECURED, responses } from '../schemas/common';
import { dryRunReport, packUpload } from '../schemas/packs';
import { docsOnly } from '../validation';
import { packInstallRoutes } from './pack-install';
import { studioImportRoutes } from './studio-import';

const tooLarge = () =>
  new HezuoError('PACK_TOO_LARGE', [
    packDetail('PACK_TOO_LARGE', '', `插件包超过 ${PACK_LIMITS.packBytes} 字节`, `The pack is over ${PACK_LIMITS.packBytes} bytes`),
  ]);

/** The stream's bytes, refused as soon as they pass the pack limit. */
async function readCapped(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > PACK_LIMITS.packBytes) {
      stream.destroy();
      throw tooLarge();
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The pack of the request (the whole octet-stream body, or the multipart part "file") and the multipart fields. */
async function packUploadOf(req: FastifyRequest): Promise<{ bytes: Buffer; fields: Map<string, string> }> {
  const fields = new Map<string, string>();
  if (!req.isMultipart()) {
    // Another media type (JSON, text) was parsed by its own parser; no body leaves none to read.
    if (Buffer.isBuffer(req.body) && req.body.length > 0) return { bytes: req.body, fields };
    throw new HezuoError('BAD_REQUEST', [
      detail(
        '',
        '请以 application/octet-stream 或 multipart/form-data(部分 file)上传插件包',
        'Send the pack as application/octet-stream, or as the part "file" of multipart/form-data',
      ),
    ]);
  }
  let bytes: Buffer | null = null;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file' && part.fieldname === 'file' && !bytes) bytes = await readCapped(part.file);
      else if (part.type === 'file') part.file.resume();
      else if (typeof part.value === 'string') fields.set(part.fieldname, part.value);
    }
  } catch (e) {
    if (e instanceof HezuoError) throw e;
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    if ((e as { code?: string }).code === 'FST_PARTS_LIMIT' || (e as { code?: string }).code === 'FST_FIELDS_LIMIT')
      throw new HezuoError('BAD_REQUEST', [detail('', '上传的字段过多', 'The upload has too many fields')]);
    throw new HezuoError('BAD_REQUEST', [detail('', '上传内容无法读取', 'The upload cannot be read')]);
  }
  if (!bytes) throw new HezuoError('BAD_REQUEST', [detail('/file', '缺少插件包文件', 'The pack file is missing')]);
  return { bytes, fields };
}

export async function packRoutes(app: FastifyInstance, ctx: PlatformContext) {
  await app.register(async (scope) => {
    // One more byte than the limit is let through to the stream reader, which then answers PACK_TOO_LARGE.
    await scope.register(multipart, {
      limits: { fileSize: PACK_LIMITS.packBytes + 1, files: 1, fields: 4, fieldSize: 64 * 1024, parts: 5 },
    });
    scope.addContentTypeParser('application/octet-stream', async (req: FastifyRequest, payload: Readable) => {
      const declared = Number(req.headers['content-length']);
      if (Number.isFinite(declared) && declared > PACK_LIMITS.packBytes) throw tooLarge();
      return readCapped(payload);
    });

    scope.post(
      '/api/packs/dry-run',
      {
        schema: {
          tags: ['packs'],
          security: SECURED,
          operationId: 'dryRunPack',
          consumes: ['application/octet-stream', 'multipart/form-data'],
          body: docsOnly(packUpload),
          response: responses({ 200: dryRunReport }, [400, 401, 403, 413, 422]),
          summary:
            "Dry run of a pack install (admin): structure, signature, the parameters to bind, the pack's fixtures run here under the bound values, the diff against the installed version and the impact on its open records. Multipart fields bindings (JSON object) and override (JSON { reason }) go beside the part file. Changes nothing; a refused pack is a 200 report with outcome refused",
        },
        // The octet-stream parser and multipart cap the size themselves, as PACK_TOO_LARGE.
        bodyLimit: PACK_LIMITS.packBytes + 1024 * 1024,
      },
      async (req) => {
        requireAdmin(req.principal);
        const { bytes, fields } = await packUploadOf(req);
        return dryRun(ctx, bytes, optionsFromFields(fields));
      },
    );
    packInstallRoutes(scope, ctx, packUploadOf);
    studioImportRoutes(scope, ctx, packUploadOf);
  });
}
