// Building the page: elements from data without innerHTML (every value is
// text, so nothing a record holds can become markup), and the words and
// dates people read.

// h('a', {href: '/x', class: 'govuk-link'}, 'text', child, ...)
export function h(tag, attrs = {}, ...children) {
  const svg = ['svg', 'rect', 'line', 'text', 'title', 'g', 'circle', 'desc']
                  .includes(tag);
  const el = svg ? document.createElementNS('http://www.w3.org/2000/svg', tag)
                 : document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) {
      el.addEventListener(key.slice(2), value);
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July',
                'August', 'September', 'October', 'November', 'December'];

// {year, month, day} (google.type.Date) -> "14 March 2027"; "" when unset.
export function formatDate(d) {
  if (!d || !d.year) return '';
  return `${d.day} ${MONTHS[d.month - 1]} ${d.year}`;
}

// Days between two google.type.Dates (b - a), by the calendar, not the clock.
export function daysBetween(a, b) {
  const ms = Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day);
  return Math.round(ms / 86400000);
}

export function addDays(d, n) {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day) + n * 86400000);
  return {year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate()};
}

// "assessment_requested" or "ASSESSMENT_REQUESTED" -> "Assessment requested".
export function humanise(name) {
  const words = String(name || '').replace(/([a-z])([A-Z])/g, '$1 $2')
                    .replace(/[_.]/g, ' ').toLowerCase().trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const ROLE_NAMES = {
  SENCO: 'SENCO', CLASS_TEACHER: 'class teacher', HEADTEACHER: 'head teacher',
  LA_CASE_OFFICER: 'LA case officer', EDUCATIONAL_PSYCHOLOGIST: 'educational psychologist',
  HEALTH: 'health', SOCIAL_CARE: 'social care', PARENT: 'parent', TRUST: 'trust',
  AREA_SENCO: 'Area SENCO', ADMIN: 'administrator',
};
export function roleName(role) { return ROLE_NAMES[role] || humanise(role); }

const PROVISION = {SEN_PROVISION_K: 'K: SEN support', SEN_PROVISION_E: 'E: EHC plan',
                   SEN_PROVISION_N: 'N: no SEN'};
export function provisionName(p) { return PROVISION[p] || ''; }

// A GOV.UK tag for a clock's or task's status.
export function statusTag(status) {
  const colour = {OVERDUE: 'red', OPEN: 'blue', MET: 'green', EXPIRED: 'grey',
                  CANCELLED: 'grey', DONE: 'green'}[status] || 'grey';
  return h('strong', {class: `govuk-tag govuk-tag--${colour}`}, humanise(status));
}

// "in 3 days", "due today", "5 days overdue". Proto3 JSON leaves a zero
// out, so a missing count beside a date is today.
export function daysLeftText(days) {
  const n = Number(days || 0);
  if (n === 0) return 'due today';
  if (n > 0) return `in ${n} day${n === 1 ? '' : 's'}`;
  return `${-n} day${n === -1 ? '' : 's'} overdue`;
}

// The pupil as a person reads them: "Ava Smith (UPN A1234…)".
export function pupilLabel(p) {
  const name = [p.givenName, p.familyName].filter(Boolean).join(' ');
  const id = p.upn ? `UPN ${p.upn}` : p.upnUnknown ? `no UPN: ${p.upnUnknown}` : '';
  return id ? `${name} (${id})` : name;
}

// "pupils/P1/journeys/J1" -> "/pupils/P1", the app's page of that pupil.
export function pupilHref(resource) {
  const id = String(resource || '').split('/')[1] || '';
  return `/pupils/${encodeURIComponent(id)}`;
}

// A table inside a box that scrolls on a narrow screen; keyboard users
// reach the box (tabindex) to scroll it.
export function table(caption, headings, rows) {
  return h('div', {class: 'app-table-wrap', tabindex: '0', role: 'region',
                   'aria-label': caption},
    h('table', {class: 'govuk-table'},
      h('caption', {class: 'govuk-table__caption govuk-table__caption--m'}, caption),
      h('thead', {class: 'govuk-table__head'},
        h('tr', {class: 'govuk-table__row'},
          headings.map((t) => h('th', {scope: 'col', class: 'govuk-table__header'}, t)))),
      h('tbody', {class: 'govuk-table__body'},
        rows.map((cells) => h('tr', {class: 'govuk-table__row'},
          cells.map((c) => h('td', {class: 'govuk-table__cell'}, c)))))));
}

// Replaces `root`'s content with a page's parts (nested arrays, nulls
// for parts left out).
export function mount(root, parts) {
  root.replaceChildren(...[parts].flat(Infinity).filter(
      (p) => p !== null && p !== undefined && p !== false));
}

export function link(href, text) {
  return h('a', {href, class: 'govuk-link', 'data-app-link': true}, text);
}

export function heading(text, caption) {
  return [caption ? h('span', {class: 'govuk-caption-l'}, caption) : null,
          h('h1', {class: 'govuk-heading-l'}, text)];
}

export function para(...text) { return h('p', {class: 'govuk-body'}, ...text); }

export function errorSummary(message) {
  return h('div', {class: 'govuk-error-summary', 'data-module': 'govuk-error-summary',
                   role: 'alert', tabindex: '-1'},
    h('div', {},
      h('h2', {class: 'govuk-error-summary__title'}, 'There is a problem'),
      h('div', {class: 'govuk-error-summary__body'},
        h('p', {class: 'govuk-body'}, message))));
}
