/**
 * Page weight in Chromium (issue 17): the built UI (dist/web; `npx vite build` first) served by the app on
 * PGlite with a small demo, opened in Debian's Chromium with the network throttled through CDP. Reports,
 * for the login page and for the login page plus the first page after login (the community worker's
 * 待办), the compressed JavaScript transferred and the time until the login form is usable (its submit
 * button visible and enabled) — cold cache, once per throttling profile: Chrome DevTools' "Slow 4G"
 * (1.6 Mbit/s down, 750 kbit/s up, 150 ms RTT, the Lighthouse mobile profile) and "Fast 4G" (9 Mbit/s,
 * 1.5 Mbit/s, 60 ms).
 */
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../src/server/config.js';
import type { AppContext } from '../src/server/context.js';
import { openDatabase } from '../src/server/db/client.js';
import { DEMO_PASSWORD } from '../src/server/demo/pingcheng.js';
import { buildApp, WEB_DIST } from '../src/server/http/app.js';
import { FieldCrypto } from '../src/server/lib/field-crypto.js';
import { launchChromium } from '../src/web/e2e/support.js';
import { loadDemo } from './lib.js';

const PROFILES = [
  { name: 'Slow 4G', down: 1.6e6, up: 0.75e6, rtt: 150 },
  { name: 'Fast 4G', down: 9e6, up: 1.5e6, rtt: 60 },
];
const KB = (n: number) => `${(n / 1024).toFixed(0)} KB`;

export async function benchPageWeight(): Promise<void> {
  if (!existsSync(WEB_DIST)) {
    console.log('page weight: skipped (no dist/web — run npx vite build)');
    return;
  }
  const crypto = new FieldCrypto(randomBytes(32));
  const lite = await openDatabase({});
  await loadDemo(lite, crypto, 'PGlite, for the page-weight line', 0.004);
  const ctx: AppContext = { config: { ...loadConfig({}) }, database: lite, db: lite.db, crypto };
  const { app } = await buildApp(ctx);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const browser = await launchChromium();
  try {
    for (const p of PROFILES) {
      const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: p.rtt,
        downloadThroughput: p.down / 8,
        uploadThroughput: p.up / 8,
      });
      const types = new Map<string, string>();
      let js = 0;
      let all = 0;
      let inflight = 0;
      let lastActivity = performance.now();
      cdp.on('Network.requestWillBeSent', () => {
        inflight++;
        lastActivity = performance.now();
      });
      cdp.on('Network.loadingFailed', () => {
        inflight--;
        lastActivity = performance.now();
      });
      cdp.on('Network.responseReceived', (e) => types.set(e.requestId, e.type));
      cdp.on('Network.loadingFinished', (e) => {
        inflight--;
        lastActivity = performance.now();
        all += e.encodedDataLength;
        if (types.get(e.requestId) === 'Script') js += e.encodedDataLength;
      });
      /** No request in flight for a second (an SPA navigation does not reset playwright's networkidle). */
      const idle = async () => {
        while (inflight > 0 || performance.now() - lastActivity < 1000) await new Promise((r) => setTimeout(r, 50));
      };
      const t0 = performance.now();
      await page.goto(`${base}/login`);
      const submit = page.getByTestId('login-submit');
      await submit.waitFor({ state: 'visible' });
      await page.waitForFunction(() => {
        const b = document.querySelector('[data-testid="login-submit"]');
        return b instanceof HTMLButtonElement && !b.disabled;
      });
      const usable = performance.now() - t0;
      await idle();
      const loginJs = js;
      const loginAll = all;
      await page.getByTestId('login-username').fill('taihe');
      await page.getByTestId('login-password').fill(DEMO_PASSWORD);
      const t1 = performance.now();
      await submit.click();
      await page.getByTestId('user-menu').waitFor();
      await idle();
      const firstPage = performance.now() - t1 - 1000; // less the idle second
      console.log(
        `page weight (${p.name}): login page usable in ${(usable / 1000).toFixed(2)} s, ${KB(loginJs)} JS (${KB(loginAll)} in all); ` +
          `+ first page after login (${new URL(page.url()).pathname}) ${(firstPage / 1000).toFixed(2)} s: ${KB(js)} JS in all (${KB(all)} in all)`,
      );
      await context.close();
    }
  } finally {
    await browser.close();
    await app.close();
    await lite.close();
  }
}
