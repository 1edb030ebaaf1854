import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { sendStoredFile } from '../../lib/uploads.js';
import { actorOf } from '../../http/route-permissions.js';
import { Attachment, AttachmentParams, UploadAttachmentQuery } from '../../../shared/attachments.schema.js';
import * as service from './attachments.service.js';
import { routeOptions } from '../../http/route-options.js';

const tags = ['attachments'];

const route = routeOptions(tags);

/**
 * 附件. Anyone signed in may upload (the file is theirs alone until a step they are allowed to take links it);
 * reading is decided per file by the access layer (access/attachments.access.ts).
 */
export function attachmentRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/attachments',
      {
        config: { permission: 'authenticated', rateLimit: { max: 120, timeWindow: 60_000 } },
        schema: {
          tags,
          summary: '上传附件（multipart 字段 file；照片 JPEG/PNG/WebP/GIF 或 PDF，按内容识别类型）',
          consumes: ['multipart/form-data'],
          querystring: UploadAttachmentQuery,
          response: { 201: Attachment },
        },
      },
      async (req, reply) => {
        const file = await service.readAttachmentUpload(ctx, req);
        const a = await service.uploadAttachment(ctx, actorOf(req), { purpose: req.query.purpose, file, ip: req.ip });
        return reply.status(201).send(a);
      },
    );

    for (const thumbnail of [false, true]) {
      app.get(
        thumbnail ? '/api/attachments/:id/thumbnail' : '/api/attachments/:id',
        route('authenticated', thumbnail ? '附件缩略图（图片）' : '附件原文件', { params: AttachmentParams }),
        async (req, reply) => {
          const f = await service.readAttachment(ctx, actorOf(req), { id: req.params.id, thumbnail, ip: req.ip });
          return sendStoredFile(reply.header('cache-control', 'private, max-age=86400'), f);
        },
      );
    }
  };
}
