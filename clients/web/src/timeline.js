// The 20 weeks of an EHC needs assessment drawn as a bar: the weeks gone,
// the 6-, 14-, 16- and 20-week marks, today, and whether an exception is
// recorded. The same facts are in the picture's text alternative.

import {h, addDays, daysBetween, formatDate} from './dom.js';

const MARKS = [[6, 'decide whether to assess'], [14, 'draft plan'],
               [16, 'family\u2019s 15 days end'], [20, 'final plan']];

// Today as the server counts it: the next statutory date less the days left
// (the page never reads the browser's clock for a statutory date).
export function todayOf(summary) {
  if (!summary.nextDueDate) return null;
  // Proto3 JSON leaves out a zero: no daysLeft beside a date is today.
  return addDays(summary.nextDueDate, -Number(summary.daysLeft || 0));
}

export function timeline(summary) {
  const received = summary.receivedDate;
  const today = todayOf(summary);
  const elapsedDays = today ? Math.max(0, daysBetween(received, today))
                            : Math.max(0, (Number(summary.week || 1) - 1) * 7);
  const span = Math.max(20, Math.ceil(elapsedDays / 7) + 1);
  const left = 10;
  const width = 620;
  const x = (days) => left + (days / (span * 7)) * width;
  const late = elapsedDays > 140;
  const exceptions = (summary.exceptionRuleIds || []).length;
  const label = `Week ${summary.week} of 20 since the request was received on ${
      formatDate(received)}${late ? ', past the 20 weeks' : ''}${
      exceptions ? `; ${exceptions} exception${exceptions > 1 ? 's' : ''} recorded` : ''}.`;
  return h('svg', {class: 'app-timeline', viewBox: '0 0 640 74', role: 'img',
                   'aria-label': label, focusable: 'false'},
    h('title', {}, label),
    h('rect', {class: 'app-timeline__track', x: left, y: 24, width: x(140) - left, height: 16}),
    exceptions ? h('rect', {class: 'app-timeline__exception', x: left, y: 42,
                            width: x(140) - left, height: 4}) : null,
    h('rect', {class: `app-timeline__elapsed${late ? ' app-timeline__elapsed--late' : ''}`,
               x: left, y: 24, width: Math.max(0, x(elapsedDays) - left), height: 16}),
    MARKS.map(([week]) => [
      h('line', {class: 'app-timeline__mark', x1: x(week * 7), x2: x(week * 7), y1: 18, y2: 46}),
      h('text', {class: 'app-timeline__label', x: x(week * 7), y: 62, 'text-anchor': 'middle'},
        `${week}`),
    ]),
    h('line', {class: 'app-timeline__today', x1: x(elapsedDays), x2: x(elapsedDays),
               y1: 14, y2: 50}),
    h('text', {class: 'app-timeline__label', x: Math.min(x(elapsedDays), 600), y: 12,
               'text-anchor': 'middle'}, 'today'));
}

export function markLegend() {
  return h('p', {class: 'govuk-body-s'}, 'Marks: ',
    MARKS.map(([week, what]) => `week ${week}, ${what}`).join('; '),
    '. The red line is today; a yellow line under the bar means an exception is recorded.');
}
