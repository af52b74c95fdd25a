// Caseloads by officer and the year's timeliness report, with a chart of
// how many final plans were issued within 20 weeks, later, and over a year.

import {get, getAll} from '../api.js';
import {h, heading, para, table, link, formatDate, pupilHref} from '../dom.js';

function chart(report) {
  const within = Number(report.within20Weeks || 0);
  const over = Number(report.over20WeeksUnderAYear || 0);
  const overYear = Number(report.overAYear || 0);
  const bars = [['Within 20 weeks', within, 'on-time'], ['Over 20 weeks', over, 'late'],
                ['Over a year', overYear, 'over-a-year']];
  const max = Math.max(1, within, over, overYear);
  const label = `Final plans issued in ${report.year}: ${within} within 20 weeks, ${
      over} over 20 weeks but under a year, ${overYear} over a year.`;
  return h('svg', {class: 'app-chart', viewBox: '0 0 640 130', role: 'img',
                   'aria-label': label, focusable: 'false'},
    h('title', {}, label),
    bars.map(([name, n, kind], i) => [
      h('text', {class: 'app-chart__label', x: 0, y: 24 + i * 40}, name),
      h('rect', {class: `app-chart__bar--${kind}`, x: 150, y: 10 + i * 40,
                 width: Math.max(2, (n / max) * 420), height: 22}),
      h('text', {class: 'app-chart__label', x: 158 + (n / max) * 420, y: 26 + i * 40},
        String(n)),
    ]));
}

// The plans behind the percentages that came after their 20-week date.
function lateTable(report) {
  const late = report.latePlans || [];
  if (!late.length) return para('Every final plan was issued within 20 weeks.');
  return table(`Plans issued after 20 weeks (${late.length})`,
    ['Request received (the case)', '20-week date', 'Issued', 'Days late', 'Exception',
     'Case officer'],
    late.map((l) => [link(pupilHref(l.journey), formatDate(l.receivedDate)),
      formatDate(l.dueDate), formatDate(l.issuedDate),
      String(l.daysLate || 0), l.exception ? 'Yes' : 'No', l.caseOfficer || 'Not assigned']));
}

export async function caseloadsPage({navigate}) {
  const params = new URLSearchParams(location.search);
  const thisYear = new Date().getFullYear();
  const year = Number(params.get('year') || thisYear);
  const [caseloads, report] = await Promise.all([
    getAll('caseloads', 'caseloads'),
    get('timelinessReport', {year}),
  ]);
  const years = [thisYear, thisYear - 1, thisYear - 2];
  const pick = h('form', {method: 'get', action: '/caseloads', id: 'year-form'},
    h('div', {class: 'app-filters'},
      h('div', {class: 'govuk-form-group'},
        h('label', {class: 'govuk-label', for: 'year'}, 'Calendar year'),
        h('select', {class: 'govuk-select', id: 'year', name: 'year'},
          years.map((y) => h('option', {value: y, selected: y === year}, String(y))))),
      h('div', {class: 'govuk-form-group'},
        h('button', {type: 'submit', class: 'govuk-button govuk-button--secondary'}, 'Show'))));
  pick.addEventListener('submit', (event) => {
    event.preventDefault();
    navigate(`/caseloads?year=${pick.querySelector('select').value}`);
  });
  const pct = (v) => `${Number(v || 0).toFixed(1)}%`;
  return [
    ...heading('Caseloads and timeliness'),
    caseloads.length
        ? table('Caseloads', ['Case officer', 'Open assessments', 'Overdue', 'With exceptions',
                              'EHC plans', 'Reviews overdue'],
            caseloads.map((c) => [c.caseOfficer || 'Not assigned',
              String(c.openAssessments || 0), String(c.overdueAssessments || 0),
              String(c.assessmentsWithExceptions || 0), String(c.ehcPlans || 0),
              String(c.overdueReviews || 0)]))
        : para('No cases.'),
    h('h2', {class: 'govuk-heading-m'}, 'Timeliness of final EHC plans'),
    pick,
    Number(report.plansIssued || 0)
        ? [chart(report),
           h('dl', {class: 'govuk-summary-list'},
             [['Final plans issued', String(report.plansIssued || 0)],
              ['Within 20 weeks', `${report.within20Weeks || 0} (${pct(report.within20WeeksPercent)})`],
              ['Within 20 weeks, leaving out exceptions',
               `${report.within20WeeksExcludingExceptions || 0} of ${
                 report.plansIssuedExcludingExceptions || 0} (${
                 pct(report.within20WeeksExcludingExceptionsPercent)})`],
              ['Average weeks from request to plan', Number(report.averageWeeks || 0).toFixed(1)]]
               .map(([k, v]) => h('div', {class: 'govuk-summary-list__row'},
                 h('dt', {class: 'govuk-summary-list__key'}, k),
                 h('dd', {class: 'govuk-summary-list__value'}, v)))),
           lateTable(report)]
        : para(`No final plan was issued in ${year}.`),
  ];
}
