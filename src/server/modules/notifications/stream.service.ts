import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { langOf } from '../../http/error-handler.js';
import type { Actor } from '../access/access.policy.js';
import * as notifications from './notifications.service.js';

/**
 * The live stream of an open page (Server-Sent Events). It polls the caller's own rows every
 * `STREAM_POLL_MS` — one indexed query, no LISTEN/NOTIFY — and ends after `STREAM_MAX_MS` so the
 * browser reconnects through the normal session check (an expired or revoked session gets 401 then).
 */
const STREAM_POLL_MS = 1000;
const STREAM_MAX_MS = 5 * 60_000;
const open = new Set<() => void>();

/** Ends every open stream (server shutdown). */
export function closeStreams(): void {
  for (const end of [...open]) end();
}

export async function openStream(ctx: AppContext, actor: Actor, req: FastifyRequest, reply: FastifyReply) {
  const q = req.query as { once?: string; lang?: 'zh' | 'en' };
  // EventSource cannot set headers: the page passes its language in the query
  const lang = q.lang ?? langOf(req.headers);
  const lastEventId = Number(req.headers['last-event-id']);
  let last = Number.isFinite(lastEventId) && lastEventId > 0 ? lastEventId : await notifications.latestId(ctx, actor);
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  const write = (s: string) => {
    if (!res.writableEnded) res.write(s);
  };
  write(`retry: 3000\nevent: unread\ndata: ${JSON.stringify({ unread: await notifications.unread(ctx, actor) })}\n\n`);
  let timer: NodeJS.Timeout | undefined;
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    if (timer) clearTimeout(timer);
    open.delete(end);
    if (!res.writableEnded) res.end();
  };
  open.add(end);
  // `?once=1`: the current count and close (probes, clients that cannot hold a connection)
  if (q.once === '1') return end();
  req.raw.on('close', end);
  const started = Date.now();
  let quiet = 0;
  const tick = async () => {
    if (ended) return;
    try {
      const fresh = await notifications.since(ctx, actor, last, lang);
      for (const n of fresh) {
        last = Math.max(last, n.id);
        write(`id: ${n.id}\nevent: notification\ndata: ${JSON.stringify(n)}\n\n`);
      }
      if (fresh.length)
        write(`event: unread\ndata: ${JSON.stringify({ unread: await notifications.unread(ctx, actor) })}\n\n`);
      else if (++quiet % 15 === 0) write(`: keep-alive\n\n`);
    } catch {
      return end();
    }
    if (Date.now() - started > STREAM_MAX_MS) return end();
    timer = setTimeout(() => void tick(), STREAM_POLL_MS);
  };
  timer = setTimeout(() => void tick(), STREAM_POLL_MS);
}
