// The LA case officer's 20-week tracker: every open assessment the token
// reaches, most urgent first, "my cases" or any officer's, each with its
// week, the drawn 20 weeks and the next statutory date.

import {getAll} from '../api.js';
import {h, heading, para, link, formatDate, daysLeftText, humanise, pupilLabel,
        pupilHref} from '../dom.js';
import {timeline, markLegend} from '../timeline.js';

export async function trackerPage({who, navigate}) {
  const assessments = await getAll('assessments', 'assessments');
  const officerOf = new Map(assessments.map((a) => [a.journey, a.caseOfficer || '']));
  // An officer starts at their own cases (none yet is an answer too).
  const isOfficer = who.role === 'LA_CASE_OFFICER';
  const officers = [...new Set([...officerOf.values(), isOfficer ? who.subject : '']
                                   .filter(Boolean))].sort();
  const params = new URLSearchParams(location.search);
  const mine = isOfficer ? who.subject : '';
  const officer = params.has('officer') ? params.get('officer') : mine;
  // ListAssessments holds open assessments only.
  const open = assessments.filter((a) => !officer || officerOf.get(a.journey) === officer)
    // Most urgent first; proto3 JSON leaves out a zero (due today).
    .sort((a, b) => (a.nextDueDate ? Number(a.daysLeft || 0) : 1e9) -
                    (b.nextDueDate ? Number(b.daysLeft || 0) : 1e9));
  const filter = h('form', {method: 'get', action: '/', id: 'officer-filter'},
    h('div', {class: 'app-filters'},
      h('div', {class: 'govuk-form-group'},
        h('label', {class: 'govuk-label', for: 'officer'}, 'Case officer'),
        h('select', {class: 'govuk-select', id: 'officer', name: 'officer'},
          h('option', {value: '', selected: officer === ''}, 'Everyone'),
          officers.map((o) => h('option', {value: o, selected: o === officer},
                                o === who.subject ? `${o} (me)` : o)))),
      h('div', {class: 'govuk-form-group'},
        h('button', {type: 'submit', class: 'govuk-button govuk-button--secondary'}, 'Show'))));
  filter.addEventListener('submit', (event) => {
    event.preventDefault();
    navigate(`/?officer=${encodeURIComponent(filter.querySelector('select').value)}`);
  });
  const cards = open.map((a) => h('div', {class: 'govuk-summary-card'},
    h('div', {class: 'govuk-summary-card__title-wrapper'},
      h('h2', {class: 'govuk-summary-card__title'},
        link(pupilHref(a.pupil), pupilLabel(a)), ` – week ${a.week}`)),
    h('div', {class: 'govuk-summary-card__content'},
      timeline(a),
      h('dl', {class: 'govuk-summary-list'},
        [['Next statutory date', a.nextDueDate
            ? `${formatDate(a.nextDueDate)} (${humanise(a.nextRuleId)}), ${daysLeftText(a.daysLeft)}`
            : 'None outstanding'],
         ['20-week date', formatDate(a.finalPlanDate)],
         ['Stage', humanise(a.state)],
         ['Case officer', officerOf.get(a.journey) || 'Not assigned'],
         ['Exceptions', (a.exceptionRuleIds || []).map(humanise).join(', ') || 'None']]
          .map(([k, v]) => h('div', {class: 'govuk-summary-list__row'},
            h('dt', {class: 'govuk-summary-list__key'}, k),
            h('dd', {class: 'govuk-summary-list__value'}, v)))))));
  return [
    ...heading(officer === who.subject && officer ? 'My cases' : 'EHC needs assessments',
               '20-week tracker'),
    filter,
    para(`${open.length} open assessment${open.length === 1 ? '' : 's'}, most urgent first.`),
    markLegend(),
    cards.length ? cards : para('No open assessment.'),
  ];
}
