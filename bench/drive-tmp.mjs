import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking'] });
const ctx = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
const page = await ctx.newPage();
page.on('pageerror', e => console.log('pageerror:', e.message));
const base = 'http://localhost:4173/tools/rtcscope';
await page.goto(base + '/');
await page.getByTestId('load-demo').click().catch(()=>{});
await page.waitForTimeout(3000);
await page.goto(base + '/inspect/?session=' + encodeURIComponent(process.argv[2] ?? 'openvidu:daily-standup'));
await page.waitForTimeout(2000); console.log((await page.textContent('main')).slice(0,500)); await page.waitForSelector('[data-testid=summary]');
await page.screenshot({ path: '/tmp/shots/inspect-top.png' });
const sections = await page.locator('main section, main header').all();
let i = 0;
for (const s of sections) { await s.screenshot({ path: `/tmp/shots/sec-${i++}.png` }); }
await browser.close();
