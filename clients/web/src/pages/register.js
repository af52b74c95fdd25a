// The SEN register of a setting, filtered by provision (K/E), need, year
// group and LA, and a search for any pupil the token reaches by name or UPN.

import {get, getAll} from '../api.js';
import {h, heading, para, table, link, formatDate, humanise, provisionName,
        pupilLabel, pupilHref} from '../dom.js';

// National Curriculum year in the school year that contains `today`:
// children born 1 September B to 31 August B+1 start Reception in the
// September of B+5. "R" for Reception, "N" below it, a number above.
export function yearGroup(birthDate, today) {
  if (!birthDate || !birthDate.year) return '';
  const schoolYear = today.getMonth() >= 8 ? today.getFullYear() : today.getFullYear() - 1;
  const cohort = birthDate.month >= 9 ? birthDate.year : birthDate.year - 1;
  const n = schoolYear - cohort - 5;
  return n < 0 ? 'N' : n === 0 ? 'R' : String(n);
}

function select(id, label, options, value) {
  return h('div', {class: 'govuk-form-group'},
    h('label', {class: 'govuk-label', for: id}, label),
    h('select', {class: 'govuk-select', id, name: id},
      options.map(([v, text]) => h('option', {value: v, selected: v === value}, text))));
}

function searchForm(query) {
  return h('form', {method: 'get', action: '/register', id: 'search'},
    h('div', {class: 'govuk-form-group'},
      h('label', {class: 'govuk-label govuk-label--s', for: 'q'}, 'Find a pupil by name or UPN'),
      h('div', {class: 'govuk-hint', id: 'q-hint'}, 'For example, Featherstone or A123456789012'),
      h('input', {class: 'govuk-input govuk-!-width-two-thirds', id: 'q', name: 'q',
                  type: 'search', value: query, 'aria-describedby': 'q-hint'})),
    h('button', {type: 'submit', class: 'govuk-button govuk-button--secondary'}, 'Search'));
}

const UPN = /^[A-Z][0-9]{11}[0-9A-Z]$/;

async function searchResults(query) {
  const q = query.trim();
  const reply = UPN.test(q.toUpperCase()) ? await get('pupils', {upn: q.toUpperCase()})
                                          : await get('pupils', {nameQuery: q, pageSize: 50});
  const pupils = reply.pupils || [];
  if (!pupils.length) return para(`No pupil you can see matches “${q}”.`);
  return table(`Pupils matching “${q}”`, ['Pupil', 'Born', 'Setting', 'Provision'],
    pupils.map((p) => [link(pupilHref(p.name), pupilLabel(p)), formatDate(p.birthDate),
                       p.settingUrn, provisionName(p.senProvision)]));
}

export async function registerPage({navigate}) {
  const params = new URLSearchParams(location.search);
  const query = params.get('q') || '';
  const settings = await getAll('settings', 'settings');
  const content = [...heading('SEN register'), searchForm(query)];
  if (query.trim()) content.push(await searchResults(query));
  if (!settings.length) return content;

  // Only a setting the caller was given: the address is not trusted.
  const asked = params.get('setting');
  const setting = settings.some((s) => s.name === asked) ? asked : settings[0].name;
  const [entries, pupils] = await Promise.all([
    getAll(`${setting}/register`, 'entries'),
    getAll('pupils', 'pupils'),
  ]);
  const byName = new Map(pupils.map((p) => [p.name, p]));
  const today = new Date();
  const rows = entries.map((e) => {
    const p = byName.get(e.pupil) || {};
    return {e, la: p.localAuthorityCode || '', year: yearGroup(p.birthDate, today)};
  });
  const want = {provision: params.get('provision') || '', need: params.get('need') || '',
                year: params.get('year') || '', la: params.get('la') || ''};
  const shown = rows.filter(({e, la, year}) =>
      (!want.provision || e.senProvision === want.provision) &&
      (!want.need || (e.needs || []).includes(want.need)) &&
      (!want.year || year === want.year) && (!want.la || la === want.la));
  const distinct = (values) => [...new Set(values.filter(Boolean))].sort();
  const years = distinct(rows.map((r) => r.year));
  const filters = h('form', {method: 'get', action: '/register', id: 'filters'},
    h('div', {class: 'app-filters'},
      select('setting', 'Setting', settings.map((s) => [s.name, s.displayName || s.name]), setting),
      select('provision', 'Provision', [['', 'K and E'], ['SEN_PROVISION_K', 'K: SEN support'],
                                        ['SEN_PROVISION_E', 'E: EHC plan']], want.provision),
      select('need', 'Need', [['', 'Any need'],
        ...distinct(rows.flatMap((r) => r.e.needs || [])).map((n) => [n, n])], want.need),
      select('year', 'Year group', [['', 'Any year'], ...years.map((y) => [y, y === 'R' ? 'Reception'
          : y === 'N' ? 'Nursery' : `Year ${y}`])], want.year),
      select('la', 'LA', [['', 'Any LA'], ...distinct(rows.map((r) => r.la)).map((l) => [l, l])], want.la),
      h('div', {class: 'govuk-form-group'},
        h('button', {type: 'submit', class: 'govuk-button govuk-button--secondary'}, 'Filter'))));
  for (const form of [filters, content[2]]) {
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const data = new URLSearchParams(new FormData(form));
      for (const [k, v] of [...data.entries()]) if (!v) data.delete(k);
      navigate(`/register?${data}`);
    });
  }
  content.push(h('h2', {class: 'govuk-heading-m'}, 'Register'), filters,
    shown.length
        ? table(`${shown.length} of ${rows.length} pupils on the register`,
            ['Pupil', 'Provision', 'Needs', 'Year', 'Stage', 'Next review', 'Open tasks'],
            shown.map(({e, year}) => [
              link(pupilHref(e.pupil), pupilLabel(e)), provisionName(e.senProvision),
              (e.needs || []).join(', '), year, humanise(e.state), formatDate(e.nextReviewDate),
              e.overdueTasks ? `${e.openTasks || 0} (${e.overdueTasks} overdue)` : String(e.openTasks || 0)]))
        : para('No pupil on the register matches these filters.'));
  return content;
}
