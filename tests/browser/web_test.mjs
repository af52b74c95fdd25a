// The web app in a real browser (Debian's Chromium, driven by playwright-core
// from clients/web's pinned packages): each role signs in and sees only its
// own data, a foreign pupil's page is refused, an event recorded through the
// form shows its clock with the right date, a write without the CSRF token
// is refused, axe-core finds no WCAG 2.2 A/AA violation on any page, no page
// logs a console error, every page fits 320 px and the keyboard reaches the
// content. A screenshot of every page goes to SHOTS.
//
// Usage: node web_test.mjs  (environment: BASE, SHOTS, WEB_MODULES,
//   TOKEN_SENCO, TOKEN_OFFICER, TOKEN_TRUST, TOKEN_PARENT, OWN_PUPIL,
//   FOREIGN_PUPIL, CONCERN_PUPIL, RECEIVED, MAIL: the SMTP sink's folder;
//   web.senco@school.example is a SENCO contact of setting 100001 that may
//   sign in by e-mail, web.head@school.example a head's that may not)
import {createRequire} from 'node:module';
import {readFileSync, readdirSync, mkdirSync} from 'node:fs';
import assert from 'node:assert/strict';

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
};
const BASE = env('BASE');
const SHOTS = env('SHOTS');
const require = createRequire(`${env('WEB_MODULES')}/package.json`);
const {chromium} = require('playwright-core');
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
mkdirSync(SHOTS, {recursive: true});

// The server runs on the real clock, so the request is dated RECEIVED
// (57 days before today, YYYY-MM-DD): its 6-week decision is then past and
// its 20-week final plan still ahead. Both count whole weeks from the day
// of receipt and are never moved off a weekend or holiday.
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July',
                'August', 'September', 'October', 'November', 'December'];
const [ry, rm, rd] = env('RECEIVED').split('-').map(Number);
const daysAfterReceipt = (n) => {
  const t = new Date(Date.UTC(ry, rm - 1, rd) + n * 86400000);
  return `${t.getUTCDate()} ${MONTHS[t.getUTCMonth()]} ${t.getUTCFullYear()}`;
};
const RECEIVED = daysAfterReceipt(0);
const DECISION = daysAfterReceipt(42);
const FINAL = daysAfterReceipt(140);

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let checks = 0;
const ok = (what) => { checks += 1; console.log(`ok: ${what}`); };

// A fresh browser context (its own cookies) with console errors collected.
async function open() {
  const context = await browser.newContext({viewport: {width: 1024, height: 900}});
  const page = await context.newPage();
  page.errors = [];
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  page.on('pageerror', (e) => page.errors.push(String(e)));
  return page;
}

async function settled(page) {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => !document.querySelector('#app > p') ||
      document.querySelector('#app > p').textContent !== 'Loading…');
}

// axe-core over the page (WCAG 2.0-2.2 A and AA rules), no console errors,
// nothing wider than 320 px, and a screenshot at both widths. `refusals`:
// HTTP statuses this step provoked on purpose (Chromium logs each refused
// request as a console error); every other console error fails.
async function check(page, name, refusals = []) {
  await settled(page);
  await page.evaluate(axeSource);  // through the debugger: the page's CSP still holds
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']},
  }));
  const violations = result.violations.map((v) =>
      `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
  assert.deepEqual(violations, [], `${name}: accessibility violations`);
  const expected = (e) => refusals.some((s) =>
      e === `Failed to load resource: the server responded with a status of ${s} (${
          {401: 'Unauthorized', 403: 'Forbidden'}[s]})`);
  assert.deepEqual(page.errors.filter((e) => !expected(e)), [], `${name}: console errors`);
  page.errors = [];
  await page.screenshot({path: `${SHOTS}/${name}.png`, fullPage: true});
  await page.screenshot({path: `${SHOTS}/${name}-first-screen.png`});
  await page.setViewportSize({width: 320, height: 800});
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(overflow <= 320, `${name}: ${overflow} px wide at 320 px`);
  await page.screenshot({path: `${SHOTS}/${name}-320px.png`, fullPage: true});
  await page.setViewportSize({width: 1024, height: 900});
  ok(`${name}: no axe violation, no console error, fits 320 px`);
}

async function signIn(page, token) {
  await page.goto(`${BASE}/`);
  await settled(page);
  await page.fill('#token', token);
  await page.click('#sign-in button');
  await page.waitForSelector('#sign-out');
  await settled(page);
}

async function go(page, path) {
  await page.goto(`${BASE}${path}`);
  await settled(page);
}

const text = (page) => page.locator('#main-content').innerText();

// --- Sign-in, by keyboard, and a refused token ---------------------------
{
  const page = await open();
  await go(page, '/');
  assert.equal(new URL(page.url()).pathname, '/signin');
  await check(page, 'sign-in');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'govuk-skip-link');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle +
      getComputedStyle(document.activeElement).backgroundColor);
  assert.notEqual(outline, 'nonergba(0, 0, 0, 0)', 'the focused skip link shows its focus');
  await page.focus('#token');
  await page.keyboard.type('sc1.not.a-token');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.govuk-error-summary');
  assert.match(await text(page), /not recognised/);
  await check(page, 'sign-in-refused', [401]);
  ok('the keyboard reaches the skip link first and signs in with Enter; a bad token is refused');
  await page.context().close();
}

// --- A sign-in link by e-mail -------------------------------------------
// The sign-in messages in the SMTP sink's folder to `address` (reminders
// go to contacts too).
const mailTo = (address) => readdirSync(env('MAIL')).sort()
    .map((f) => readFileSync(`${env('MAIL')}/${f}`, 'utf8'))
    .filter((m) => m.includes(`To: <${address}>`) &&
                   m.includes('Subject: Your sendcase sign-in link'));
// sendcased answers at once and mails afterwards, in the order asked: wait
// (up to 20 s) for `address`'s message.
async function awaitMail(address) {
  for (const end = Date.now() + 20000; Date.now() < end;) {
    const mails = mailTo(address);
    if (mails.length > 0) return mails;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail(`no sign-in mail to ${address}`);
}
async function askForLink(page, address) {
  await go(page, '/');
  await page.fill('#email', address);
  await page.click('#email-link button');
  await page.waitForSelector('#email-sent');
  return page.locator('#email-sent').innerText();
}
{
  const page = await open();
  // A stranger, and a contact the ADMIN did not vouch for, get the same
  // answer as the SENCO, and no mail: theirs were handled before hers.
  const stranger = await askForLink(page, 'stranger@elsewhere.example');
  const head = await askForLink(page, 'web.head@school.example');
  const answer = await askForLink(page, 'Web.Senco@School.example');
  await check(page, 'sign-in-link-sent');
  assert.equal(stranger, answer);
  assert.equal(head, answer);
  // To the address as the ADMIN registered it.
  const mails = await awaitMail('web.senco@school.example');
  assert.equal(mails.length, 1);
  assert.equal(mailTo('stranger@elsewhere.example').length, 0);
  assert.equal(mailTo('web.head@school.example').length, 0);
  const url = mails[0].match(/^(http:\/\/\S+\/signin#link=[A-Za-z0-9_-]+)$/m)[1];
  assert.ok(url.startsWith(`${BASE}/signin#link=`), url);
  assert.match(mails[0], /Sign in as SENCO for setting:100001:/);

  // Forwarded to, or opened by, another browser: confirming is refused
  // and the link still works where it was asked for.
  const other = await open();
  await other.goto(url);
  await other.waitForSelector('#confirm-link');
  await other.click('#confirm-link');
  await other.waitForSelector('.govuk-error-summary');
  assert.match(await text(other), /works only in the browser it was asked for/);
  await check(other, 'sign-in-link-other-browser', [403]);
  await other.context().close();

  // Opening the link signs nobody in: it asks first, with the link out of
  // the address bar.
  await page.goto(url);
  await page.waitForSelector('#confirm-link');
  assert.equal(new URL(page.url()).hash, '', 'the link is out of the address bar');
  assert.equal(await page.locator('#sign-out').count(), 0);
  await check(page, 'sign-in-link-confirm');
  await page.click('#confirm-link');
  await page.waitForSelector('#sign-out');
  await settled(page);
  assert.match(await text(page), /Reviews and tasks/);
  await page.click('#sign-out');
  await page.waitForSelector('#token');

  // Once only.
  await page.goto(url);
  await page.click('#confirm-link');
  await page.waitForSelector('.govuk-error-summary');
  assert.match(await text(page), /used, expired or unknown/);
  await check(page, 'sign-in-link-used', [401]);
  await page.context().close();
  ok('a vouched-for contact signs in with an e-mailed link after confirming, once, only in ' +
     'the browser that asked; a stranger and an unvouched contact are told the same and sent nothing');
}

// --- The SENCO ----------------------------------------------------------
{
  const page = await open();
  await signIn(page, env('TOKEN_SENCO'));
  assert.match(await text(page), /Reviews and tasks/);
  assert.match(await text(page), /reviews overdue/);
  await check(page, 'senco-home');

  await go(page, '/register');
  const rows = await page.locator('table.govuk-table tbody tr').count();
  assert.ok(rows > 0, 'the register lists pupils');
  await page.selectOption('#provision', 'SEN_PROVISION_E');
  await page.click('#filters button');
  await settled(page);
  const provisions = await page.locator('table.govuk-table tbody tr td:nth-child(2)').allInnerTexts();
  assert.ok(provisions.length > 0 && provisions.every((p) => p === 'E: EHC plan'), provisions.join());
  await check(page, 'senco-register');

  await go(page, `/${env('OWN_PUPIL')}`);
  assert.match(await text(page), /Where things stand/);
  assert.equal(await page.locator('.app-steps [aria-current=step]').count(), 1);
  await check(page, 'senco-pupil');
  await page.click('text=See what the family sees');
  await settled(page);
  assert.match(await text(page), /This is what the family sees/);
  await check(page, 'senco-family-preview');

  // A pupil of another school: refused, and nothing of the pupil shown.
  await go(page, `/${env('FOREIGN_PUPIL')}`);
  assert.match(await text(page), /You cannot see this page/);
  assert.doesNotMatch(await text(page), /Where things stand/);
  await check(page, 'senco-foreign-pupil', [403]);
  ok('a pupil of another setting is refused');

  // Record through the form: an assessment request received on RECEIVED
  // puts the final plan 20 weeks on.
  await go(page, `/${env('CONCERN_PUPIL')}`);
  const offered = await page.locator('input[name=kind]').evaluateAll((els) => els.map((e) => e.value));
  assert.deepEqual(offered, ['concern_raised', 'sen_support_started', 'assessment_requested']);
  await page.check('#kind-assessment_requested');
  await page.fill('#event-date-day', String(rd));
  await page.fill('#event-date-month', String(rm));
  await page.fill('#event-date-year', String(ry));
  await page.click('#record-event button[type=submit]');
  await page.waitForSelector('#recorded');
  const banner = await page.locator('#recorded').innerText();
  assert.ok(banner.includes(`Final EHC plan issued: due ${FINAL}`), banner);
  const clocks = page.locator('table', {has: page.locator('caption', {hasText: 'Clocks'})});
  const finalRow = clocks.locator('tbody tr', {hasText: FINAL});
  assert.equal(await finalRow.count(), 1);
  assert.match(await finalRow.innerText(),
               new RegExp(`Final EHC plan issued \\(statutory\\)\\s+${FINAL}\\s+Open`));
  assert.match(await page.locator('.app-steps [aria-current=step]').innerText(), /Assessment requested/);
  await check(page, 'senco-recorded');
  ok(`an event recorded through the form shows its clock due ${FINAL}`);

  // The LA's decisions are not offered to a SENCO; a wrong date in the
  // form names the field and records nothing.
  assert.equal(await page.locator('#kind-assessment_agreed').count(), 0);
  await page.check('#kind-concern_raised');
  await page.fill('#event-date-day', '31');
  await page.fill('#event-date-month', '2');
  await page.fill('#event-date-year', '2026');
  await page.click('#record-event button[type=submit]');
  await page.waitForSelector('#record-event .govuk-error-summary');
  assert.match(await page.locator('#record-event .govuk-error-summary').innerText(),
               /When it happened must be a real date/);
  ok('an impossible date is refused in the form, naming the field');

  // The session's cookie alone cannot write: no X-CSRF-Token, 403.
  const journey = await page.evaluate(async (pupil) => {
    const p = await (await fetch(`/api/v1/${pupil}`)).json();
    return p.currentJourney;
  }, env('CONCERN_PUPIL'));
  const status = await page.evaluate(async (j) => (await fetch(`/api/v1/${j}:recordEvent`, {
    method: 'POST', headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({event: {eventDate: {year: 2026, month: 10, day: 6},
                                  assessmentAgreed: {}}}),
  })).status, journey);
  assert.equal(status, 403);
  ok('a write without the CSRF token is refused with 403');

  await page.click('#sign-out');
  await page.waitForSelector('#token');
  const after = await page.evaluate(async (p) => (await fetch(`/api/v1/${p}`)).status,
                                    env('OWN_PUPIL'));
  assert.equal(after, 401);
  ok('after sign-out the cookie no longer works');
  await page.context().close();
}

// --- The LA case officer ------------------------------------------------
{
  const page = await open();
  await signIn(page, env('TOKEN_OFFICER'));
  assert.match(await text(page), /My cases/);
  const officers = await page.locator('.govuk-summary-card dd').allInnerTexts();
  assert.ok(officers.includes('ann.officer'), 'my own cases are listed');
  assert.ok(!officers.includes('raj.officer'), 'nobody else\'s cases under "my cases"');
  assert.ok(await page.locator('svg.app-timeline').count() > 0, 'each case has its timeline');
  await check(page, 'officer-my-cases');
  await page.selectOption('#officer', '');
  await page.click('#officer-filter button');
  await settled(page);
  const everyone = await page.locator('.govuk-summary-card dd').allInnerTexts();
  assert.ok(everyone.includes('raj.officer'), 'the team\'s cases under "Everyone"');
  await check(page, 'officer-team');
  await go(page, '/caseloads?year=2026');
  assert.match(await text(page), /Caseloads/);
  await check(page, 'officer-caseloads');
  await page.context().close();
}

// --- The family of the child whose assessment was requested above --------
{
  const page = await open();
  await signIn(page, env('TOKEN_PARENT'));
  assert.match(await text(page), /Where things stand for Web/);
  assert.match(await page.locator('#stage').innerText(), /received a request for an education, health/);
  const steps = (await page.locator('#next-steps').innerText()).replace(/\s+/g, ' ');
  // Six weeks from receipt, already past; twenty weeks, still ahead. The
  // LA's own 14-week target and the notice not to issue a plan are not
  // the family's next steps.
  assert.ok(steps.includes(`The council's decision whether to carry out an EHC needs assessment By ${
      DECISION} Late Who: the council (your case officer). This date is set by law.`), steps);
  assert.ok(steps.includes(`The final EHC plan By ${FINAL} Who:`), steps);
  assert.ok(!/draft|not to issue/i.test(steps), steps);
  assert.ok((await page.locator('#history').innerText()).includes(
      `${RECEIVED}: The council received a request for an EHC needs assessment`));
  await check(page, 'family');
  // Nothing else: no other page, no other child, no staff API.
  await go(page, `/${env('OWN_PUPIL')}`);
  assert.match(await text(page), /Page not found/);
  const statuses = await page.evaluate(async ([own, other]) => Promise.all([
    fetch(`/api/v1/${other}/familyView`).then((r) => r.status),
    fetch(`/api/v1/${own}`).then((r) => r.status),
    fetch('/api/v1/pupils').then((r) => r.status),
  ]), [env('CONCERN_PUPIL'), env('OWN_PUPIL')]);
  assert.deepEqual(statuses, [403, 403, 403]);
  ok('a family sees its own child in plain English and nothing of any other');
  await page.context().close();
}

// --- The trust ---------------------------------------------------------
{
  const page = await open();
  await signIn(page, env('TOKEN_TRUST'));
  assert.match(await text(page), /Settings summary/);
  const names = await page.locator('table.govuk-table tbody tr td:first-child').allInnerTexts();
  assert.ok(names.length > 0 && names.every((n) => /Oakfield/.test(n)), names.join());
  await check(page, 'trust-settings');
  await page.context().close();
}

await browser.close();
console.log(`PASS: ${checks} checks`);
