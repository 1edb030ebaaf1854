import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../server/testing/harness.js';

/**
 * What every browser test shares: Debian's Chromium (never a downloaded one), started with the flags
 * this closed network needs, and a page logged in as a demo user.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** A fresh context (zh-CN, desktop size) logged in through the real login form. */
export async function loginPage(browser: Browser, base: string, username: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1360, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-menu').waitFor();
  return page;
}

/** A phone context (390×844, touch) logged in through the /m/ login form. */
export async function phonePage(
  browser: Browser,
  base: string,
  username: string,
  lang: 'zh-CN' | 'en' = 'zh-CN',
): Promise<Page> {
  const ctx = await browser.newContext({
    locale: 'zh-CN',
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  const page = await ctx.newPage();
  if (lang === 'en') await page.addInitScript(() => window.localStorage.setItem('linli.lang', 'en'));
  await page.goto(`${base}/m/`);
  await page.getByTestId('m-login-username').fill(username);
  await page.getByTestId('m-login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('m-login-submit').click();
  await page.getByTestId('mobile-app').waitFor();
  return page;
}

/**
 * Picks an option of one antd Select: opens it, looks only in the popup that belongs to this select
 * (its listbox carries the combobox input's id), and clicks the option with that title. A popup
 * that closed again before the click (a re-render, a slow machine) is opened once more.
 */
export async function pickOption(page: Page, select: Locator, label: string): Promise<void> {
  const option = (await popupOf(page, select)).locator(`.ant-select-item-option[title="${label}"]`).first();
  for (let attempt = 1; ; attempt++) {
    await select.click();
    try {
      await option.click({ timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
      await page.keyboard.press('Escape');
    }
  }
}

/** The popup of one antd Select (found by its listbox, which carries the combobox input's id). */
export async function popupOf(page: Page, select: Locator): Promise<Locator> {
  const inputId = await select.locator('input[role="combobox"]').first().getAttribute('id');
  if (!inputId) throw new Error('popupOf: the select has no combobox input');
  return page.locator(`.ant-select-dropdown:has([id="${inputId}_list"])`);
}

/**
 * Asserts that the page does not scroll sideways. Polled for a few seconds: after a viewport change the
 * layout follows only when React has re-rendered for the new breakpoint, which is later under load.
 */
export async function assertNoSideScroll(page: Page, message = 'no horizontal overflow'): Promise<void> {
  const fits = await page
    .waitForFunction(() => document.documentElement.scrollWidth <= window.innerWidth + 1, undefined, { timeout: 5_000 })
    .then(() => true)
    .catch(() => false);
  if (!fits) {
    const widths = await page.evaluate(() => `${document.documentElement.scrollWidth} > ${window.innerWidth}`);
    throw new Error(`${message}: ${widths}`);
  }
}
