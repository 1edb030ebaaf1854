import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { assertNoSideScroll, launchChromium } from './support.js';
import { demoMobileOf } from '../../server/demo/pingcheng.js';
import { phoneCodeSendsSettled } from '../../server/modules/auth/phone-code.service.js';
import { createTestEnv, type TestEnv } from '../../server/testing/harness.js';

/**
 * 验证码登录 in real Chromium at 390×844: the resident asks for a code on /m/login, the SMS provider (a local
 * HTTP receiver, configured as a deployment's LINLI_SMS_URL would be) gets the text, the code from it logs
 * the resident in. A wrong code is refused with the tries left, in the UI's language.
 */
const SHOTS = '.tmp/screenshots';
let env: TestEnv;
let browser: Browser;
let base: string;
let receiver: Server;
const texts: { phone: string; text: string }[] = [];

async function codeTexted(phone: string): Promise<string> {
  for (let i = 0; i < 50 && !texts.some((m) => m.phone === phone); i++) {
    await phoneCodeSendsSettled();
    await new Promise((r) => setTimeout(r, 100));
  }
  const text = texts.findLast((m) => m.phone === phone)?.text ?? '';
  const code = /验证码是 (\d{6})/.exec(text)?.[1];
  assert.ok(code, `a code texted to ${phone}: ${text}`);
  return code;
}

async function phone(lang: 'zh-CN' | 'en'): Promise<Page> {
  const ctx = await browser.newContext({
    locale: 'zh-CN',
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  const page = await ctx.newPage();
  if (lang === 'en') await page.addInitScript(() => window.localStorage.setItem('linli.lang', 'en'));
  await page.goto(`${base}/m/`);
  await page.getByTestId('m-login-phone-tab').click();
  return page;
}

describe('browser: 验证码登录 on the phone at 390×844', () => {
  before(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        texts.push(JSON.parse(body) as { phone: string; text: string });
        res.end('{"ok":true}');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
    env = await createTestEnv({ serveWeb: true });
    env.ctx.config.notify = {
      ...env.ctx.config.notify,
      sms: {
        url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/sms`,
        template: '{"phone":"{phone}","text":"{text}"}',
      },
    };
    await env.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(env.app.server.address() as { port: number }).port}`;
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await env?.close();
    await new Promise((r) => receiver.close(() => r(undefined)));
  });

  it('the resident gets a code by SMS, a wrong one is refused, the right one logs in', async () => {
    const number = demoMobileOf('resident')!;
    const page = await phone('zh-CN');
    await page.getByTestId('m-phone-number').fill(number);
    await page.getByTestId('m-phone-get-code').click();
    await page.getByTestId('m-phone-notice').waitFor();
    // the button counts down and cannot be pressed again until it has
    const button = page.getByTestId('m-phone-get-code');
    await page.waitForFunction(() =>
      /秒后重新获取/.test(document.querySelector('[data-testid="m-phone-get-code"]')?.textContent ?? ''),
    );
    assert.ok(await button.isDisabled());
    const code = await codeTexted(number);
    await assertNoSideScroll(page);
    await page.screenshot({ path: `${SHOTS}/m-phone-login-390-zh.png`, fullPage: true });

    await page.getByTestId('m-phone-code').fill(code === '000000' ? '000001' : '000000');
    await page.getByTestId('m-phone-submit').click();
    const error = page.getByTestId('m-phone-error');
    await error.waitFor();
    assert.match(await error.innerText(), /验证码不正确，还可再试 4 次/);

    await page.getByTestId('m-phone-code').fill(code);
    await page.getByTestId('m-phone-submit').click();
    await page.getByTestId('mobile-app').waitFor();
    const me = await page.evaluate(() =>
      fetch('/api/auth/me').then((r) => r.json() as Promise<{ user: { username: string } }>),
    );
    assert.equal(me.user.username, 'resident');
    await page.context().close();
  });

  it('in English, with the numbers and messages in English', async () => {
    const number = demoMobileOf('xinggang')!;
    const page = await phone('en');
    await page.getByText('Phone code').first().waitFor();
    await page.getByTestId('m-phone-number').fill(number);
    await page.getByTestId('m-phone-get-code').click();
    await page.waitForFunction(() =>
      /Again in \d+ s/.test(document.querySelector('[data-testid="m-phone-get-code"]')?.textContent ?? ''),
    );
    const code = await codeTexted(number);
    await assertNoSideScroll(page);
    await page.getByTestId('m-phone-code').fill(code);
    await page.getByTestId('m-phone-submit').click();
    await page.getByTestId('mobile-app').waitFor();
    await page.context().close();
  });
});
