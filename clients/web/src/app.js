// The web app: who is signed in, the menu for their role, and a router over
// the app's own paths (the server answers each of them with this page).

import {currentSession, signOut, ApiError} from './api.js';
import {h, heading, para, errorSummary, mount} from './dom.js';
import {signInPage, linkPage} from './pages/signin.js';
import {sencoHome} from './pages/senco.js';
import {registerPage} from './pages/register.js';
import {pupilPage} from './pages/pupil.js';
import {trackerPage} from './pages/tracker.js';
import {caseloadsPage} from './pages/caseloads.js';
import {settingsPage} from './pages/settings.js';
import {familyPage} from './pages/family.js';

document.body.classList.add('js-enabled', 'govuk-frontend-supported');

const SCHOOL = ['SENCO', 'HEADTEACHER', 'CLASS_TEACHER'];
const MENUS = {
  school: [['/', 'Reviews and tasks'], ['/register', 'SEN register']],
  officer: [['/', 'Assessments'], ['/caseloads', 'Caseloads and timeliness'],
            ['/register', 'Find a pupil']],
  trust: [['/', 'Settings']],
  area: [['/', 'Settings'], ['/register', 'SEN register']],
  family: [['/', 'Your child']],
  other: [['/', 'Find a pupil']],
  admin: [['/', 'Assessments'], ['/caseloads', 'Caseloads and timeliness'],
          ['/reviews', 'Reviews and tasks'], ['/register', 'SEN register'],
          ['/settings', 'Settings']],
};

function menuFor(who) {
  if (who.role === 'ADMIN') return 'admin';
  if (SCHOOL.includes(who.role)) return 'school';
  if (who.role === 'LA_CASE_OFFICER') return 'officer';
  if (who.role === 'TRUST') return 'trust';
  if (who.role === 'AREA_SENCO') return 'area';
  if (who.role === 'PARENT') return 'family';
  return 'other';
}

// Each path's page, by menu: [pattern, render(ctx, ...match)].
function routesFor(menu) {
  const home = {school: sencoHome, officer: trackerPage, admin: trackerPage,
                trust: settingsPage, area: settingsPage, family: familyPage,
                other: registerPage}[menu];
  // A family has its one page; everyone else finds pupils.
  if (menu === 'family') return [[/^\/$/, home]];
  const routes = [[/^\/$/, home], [/^\/pupils\/([^/]+)$/, pupilPage],
                  [/^\/pupils\/([^/]+)\/family$/, familyPage]];
  routes.push([/^\/register$/, registerPage]);
  if (menu === 'officer' || menu === 'admin') routes.push([/^\/caseloads$/, caseloadsPage]);
  if (menu === 'admin') {
    routes.push([/^\/reviews$/, sencoHome], [/^\/settings$/, settingsPage]);
  }
  return routes;
}

let who = null;
let emailSignIn = false;
// A link from an e-mail, taken out of the address bar until it is used.
let pendingLink = '';
const app = () => document.getElementById('app');

function renderNav() {
  const nav = document.getElementById('app-nav');
  nav.replaceChildren();
  if (!who) return;
  for (const [href, text] of MENUS[menuFor(who)]) {
    const active = location.pathname === href;
    nav.append(h('li', {class: `govuk-service-navigation__item${
                     active ? ' govuk-service-navigation__item--active' : ''}`},
      h('a', {class: 'govuk-service-navigation__link', href, 'data-app-link': true,
              'aria-current': active ? 'page' : null}, text)));
  }
  nav.append(h('li', {class: 'govuk-service-navigation__item'},
    h('a', {class: 'govuk-service-navigation__link', href: '/signout', id: 'sign-out'},
      'Sign out')));
}

export async function render() {
  renderNav();
  const root = app();
  const signedIn = async (signedInAs) => {
    who = signedInAs;
    pendingLink = '';
    history.replaceState(null, '', '/');
    await render();
  };
  if (pendingLink && location.pathname === '/signin') {
    document.title = 'Sign in with your link – sendcase';
    mount(root, linkPage(pendingLink, signedIn));
    return;
  }
  if (!who) {
    if (location.pathname !== '/signin') history.replaceState(null, '', '/signin');
    document.title = 'Sign in – sendcase';
    mount(root, signInPage(emailSignIn, signedIn));
    return;
  }
  if (location.pathname === '/signin') history.replaceState(null, '', '/');
  for (const [pattern, page] of routesFor(menuFor(who))) {
    const match = location.pathname.match(pattern);
    if (!match) continue;
    root.replaceChildren(h('p', {class: 'govuk-body'}, 'Loading…'));
    try {
      const content = await page({who, navigate}, ...match.slice(1).map(decodeURIComponent));
      mount(root, content);
    } catch (e) {
      mount(root, failure(e));
    }
    const h1 = root.querySelector('h1');
    document.title = `${h1 ? h1.textContent : 'sendcase'} – sendcase`;
    return;
  }
  document.title = 'Page not found – sendcase';
  mount(root, [heading('Page not found'), para('There is no such page for your role.')]);
}

function failure(e) {
  if (e instanceof ApiError && e.httpStatus === 401) {
    who = null;
    setTimeout(render, 0);
    return [para('Your session has ended. Sign in again.')];
  }
  const title = e instanceof ApiError && e.httpStatus === 403
      ? 'You cannot see this page' : e instanceof ApiError && e.httpStatus === 404
      ? 'Not found' : 'Sorry, there is a problem';
  return [...heading(title), errorSummary(e.message)];
}

export function navigate(href) {
  history.pushState(null, '', href);
  render().then(() => document.getElementById('main-content').focus());
}

document.addEventListener('click', async (event) => {
  const a = event.target.closest('a');
  if (!a || event.ctrlKey || event.metaKey || event.shiftKey) return;
  if (a.id === 'sign-out') {
    event.preventDefault();
    try {
      await signOut();
    } catch (e) {
      // Still signed in: say so rather than show a sign-in page over a
      // live session (a shared computer).
      if (!(e instanceof ApiError && e.httpStatus === 401)) {
        mount(app(), [heading('Sign-out failed'),
                      errorSummary(`${e.message}. Try again, or close the browser.`)]);
        return;
      }
    }
    who = null;
    history.pushState(null, '', '/signin');
    await render();
    return;
  }
  if (a.id === 'cancel-link') {
    event.preventDefault();
    pendingLink = '';
    await render();
    return;
  }
  if (a.hasAttribute('data-app-link')) {
    event.preventDefault();
    navigate(a.getAttribute('href'));
  }
});
window.addEventListener('popstate', () => render());

// An e-mailed link arrives as /signin#link=SECRET: keep it in this page,
// out of the address bar and history, and ask before spending it.
function takeLink() {
  if (!location.hash.startsWith('#link=')) return false;
  pendingLink = location.hash.slice(6);
  history.replaceState(null, '', '/signin');
  return true;
}
// A link pasted into an open sign-in page changes only the fragment.
window.addEventListener('hashchange', () => {
  if (takeLink()) render();
});

takeLink();
const answer = await currentSession();
emailSignIn = Boolean(answer.emailSignIn);
who = answer.role ? answer : null;
await render();
