/**
 * What a deployment configures for notification delivery, read from the environment once at start:
 *
 * - e-mail: LINLI_SMTP_HOST, LINLI_SMTP_PORT (587), LINLI_SMTP_SECURE=1 (TLS from the start, port 465),
 *   LINLI_SMTP_USER / LINLI_SMTP_PASS (optional), LINLI_SMTP_FROM (the sender address);
 * - group robots: LINLI_WEBHOOKS, a JSON list of `{ name, kind: "wecom" | "dingtalk", url, secret?, scope?, topics? }`
 *   (`secret` = 钉钉's 加签 secret; `scope` = an org path prefix; `topics` = topic prefixes, default `order.`);
 * - SMS: LINLI_SMS_URL (the provider's HTTP endpoint), LINLI_SMS_TEMPLATE (the JSON body with `{phone}`,
 *   `{text}`, `{messageId}` placeholders), LINLI_SMS_AUTHORIZATION (an Authorization header value, optional);
 * - LINLI_DUE_WARNING_SHARE: the share of a deadline after which the pre-breach warning goes (default 2/3);
 * - LINLI_NOTIFY_POLL_MS: how often the worker looks for work (default 500 ms).
 */
export interface WebhookTarget {
  name: string;
  kind: 'wecom' | 'dingtalk';
  url: string;
  secret?: string;
  scope?: string;
  topics?: string[];
}

export interface NotifyConfig {
  smtp?: { host: string; port: number; secure: boolean; user?: string; pass?: string; from: string };
  webhooks: WebhookTarget[];
  sms?: { url: string; template: string; authorization?: string };
  dueShare: number;
  pollMs: number;
  /** Outbox rows older than this (left from before delivery existed) are not delivered. */
  maxAgeHours: number;
}

function parseWebhooks(v: string | undefined): WebhookTarget[] {
  if (!v?.trim()) return [];
  const list = JSON.parse(v) as WebhookTarget[];
  if (!Array.isArray(list)) throw new Error('LINLI_WEBHOOKS: expected a JSON list');
  for (const w of list) {
    if (!w.name || !/^[\w-]{1,40}$/.test(w.name)) throw new Error(`LINLI_WEBHOOKS: bad name ${w.name}`);
    if (w.kind !== 'wecom' && w.kind !== 'dingtalk') throw new Error(`LINLI_WEBHOOKS ${w.name}: kind wecom|dingtalk`);
    new URL(w.url);
  }
  return list;
}

export function loadNotifyConfig(env: NodeJS.ProcessEnv): NotifyConfig {
  const share = Number(env.LINLI_DUE_WARNING_SHARE ?? 2 / 3);
  if (!(share > 0 && share < 1)) throw new Error('LINLI_DUE_WARNING_SHARE: a number between 0 and 1');
  return {
    smtp: env.LINLI_SMTP_HOST
      ? {
          host: env.LINLI_SMTP_HOST,
          port: Number(env.LINLI_SMTP_PORT ?? 587),
          secure: env.LINLI_SMTP_SECURE === '1',
          user: env.LINLI_SMTP_USER || undefined,
          pass: env.LINLI_SMTP_PASS || undefined,
          from: env.LINLI_SMTP_FROM ?? 'linli@localhost',
        }
      : undefined,
    webhooks: parseWebhooks(env.LINLI_WEBHOOKS),
    sms: env.LINLI_SMS_URL
      ? {
          url: env.LINLI_SMS_URL,
          template: env.LINLI_SMS_TEMPLATE ?? '{"phone":"{phone}","text":"{text}","messageId":"{messageId}"}',
          authorization: env.LINLI_SMS_AUTHORIZATION || undefined,
        }
      : undefined,
    dueShare: share,
    pollMs: Number(env.LINLI_NOTIFY_POLL_MS ?? 500),
    maxAgeHours: 72,
  };
}
