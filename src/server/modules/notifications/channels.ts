import { createHmac } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { NotifyConfig, WebhookTarget } from './notify.config.js';

/**
 * The outside channels. Each send carries the delivery's stable message id (Message-ID and
 * X-Linli-Message-Id for e-mail, the text's last line for robots, `{messageId}` for SMS) so a receiver
 * can recognise a repeat after a crash between sending and recording.
 */
export interface Outbound {
  messageId: string;
  title: string;
  body: string;
  /** absolute link to the page, or null */
  link: string | null;
}

const TIMEOUT_MS = 10_000;

let cached: { key: string; t: Transporter } | undefined;
function mailer(smtp: NonNullable<NotifyConfig['smtp']>): Transporter {
  const key = JSON.stringify(smtp);
  if (cached?.key !== key) {
    cached = {
      key,
      t: nodemailer.createTransport({
        host: smtp.host,
        port: smtp.port,
        secure: smtp.secure,
        auth: smtp.user ? { user: smtp.user, pass: smtp.pass ?? '' } : undefined,
        connectionTimeout: TIMEOUT_MS,
        socketTimeout: TIMEOUT_MS,
      }),
    };
  }
  return cached.t;
}

export async function sendEmail(
  smtp: NonNullable<NotifyConfig['smtp']>,
  to: string,
  m: { messageId: string; subject: string; text: string },
): Promise<void> {
  await mailer(smtp).sendMail({
    from: smtp.from,
    to,
    subject: m.subject,
    text: m.text,
    messageId: `<${m.messageId}@linli>`,
    headers: { 'X-Linli-Message-Id': m.messageId },
  });
}

export function emailText(m: Outbound): string {
  return `${m.body}\n\n${m.link ? `${m.link}\n\n` : ''}消息编号 Message ID: ${m.messageId}\n——邻里 Linli`;
}

/** 钉钉 加签: sign = base64(HMAC-SHA256(secret, `${timestamp}\n${secret}`)), both sent as query parameters. */
export function dingtalkSign(secret: string, timestamp: number): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
}

export function webhookRequest(w: WebhookTarget, m: Outbound, now = Date.now()): { url: string; body: unknown } {
  const lines = [`**${m.title}**`, m.body, m.link ? `[打开 / Open](${m.link})` : '', `消息编号：${m.messageId}`].filter(
    Boolean,
  );
  if (w.kind === 'wecom') {
    // 企业微信群机器人: the key is part of the URL; markdown content up to 4096 bytes.
    return { url: w.url, body: { msgtype: 'markdown', markdown: { content: lines.join('\n') } } };
  }
  const url = new URL(w.url);
  if (w.secret) {
    url.searchParams.set('timestamp', String(now));
    url.searchParams.set('sign', dingtalkSign(w.secret, now));
  }
  return {
    url: url.toString(),
    body: { msgtype: 'markdown', markdown: { title: m.title, text: lines.join('\n\n') } },
  };
}

async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<string> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`HTTP ${res.status}: ${text.slice(0, 200)}`);
  return text;
}

export async function sendWebhook(w: WebhookTarget, m: Outbound): Promise<void> {
  const req = webhookRequest(w, m);
  const text = await postJson(req.url, req.body, { 'X-Linli-Message-Id': m.messageId });
  // Both robots answer 200 with {"errcode":0,"errmsg":"ok"}; anything else is a failure to retry.
  let code: unknown = 0;
  try {
    code = (JSON.parse(text) as { errcode?: unknown }).errcode ?? 0;
  } catch {
    code = 'unparseable reply';
  }
  if (code !== 0) throw new Error(`${w.kind} robot ${w.name}: errcode ${String(code)} ${text.slice(0, 200)}`);
}

/** The SMS provider interface: one adapter today, a generic HTTP endpoint configured by URL and body template. */
export interface SmsProvider {
  send(phone: string, text: string, messageId: string): Promise<void>;
}

export function httpSmsProvider(cfg: NonNullable<NotifyConfig['sms']>): SmsProvider {
  const esc = (s: string) => JSON.stringify(s).slice(1, -1);
  return {
    async send(phone, text, messageId) {
      const body = cfg.template
        .replaceAll('{phone}', esc(phone))
        .replaceAll('{text}', esc(text))
        .replaceAll('{messageId}', esc(messageId));
      JSON.parse(body); // a template that does not give JSON is a configuration error, not a retryable one
      await postJson(cfg.url, body, cfg.authorization ? { authorization: cfg.authorization } : {});
    },
  };
}

export function smsText(m: Outbound): string {
  return `【邻里】${m.title}：${m.body}`.slice(0, 200);
}
