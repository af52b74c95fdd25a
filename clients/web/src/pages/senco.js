// The SENCO's day: reviews overdue and due in the next four weeks, in every
// setting and LA the token reaches, then the open tasks.

import {getAll} from '../api.js';
import {h, heading, para, table, link, formatDate, daysLeftText, humanise,
        roleName, pupilLabel, pupilHref, statusTag} from '../dom.js';

export async function sencoHome({who}) {
  const [reviews, tasks] = await Promise.all([
    getAll('reviewsDue', 'reviews', {withinDays: 28}),
    getAll('tasks', 'tasks'),
  ]);
  const overdue = reviews.filter((r) => Number(r.daysLeft || 0) < 0);
  const soon = reviews.filter((r) => Number(r.daysLeft || 0) >= 0);
  const reviewRows = (list) => list.map((r) => [
    link(pupilHref(r.pupil), pupilLabel(r)),
    humanise(r.ruleId),
    formatDate(r.dueDate),
    daysLeftText(r.daysLeft),  // 0 (today) is left out of the JSON
    roleName(r.ownerRole),
  ]);
  const open = tasks.filter((t) => t.state !== 'DONE' && t.state !== 'CANCELLED');
  open.sort((a, b) => (a.dueDate ? Date.UTC(a.dueDate.year, a.dueDate.month, a.dueDate.day) : 0) -
                      (b.dueDate ? Date.UTC(b.dueDate.year, b.dueDate.month, b.dueDate.day) : 0));
  const headings = ['Pupil', 'Review', 'Due', 'When', 'Held by'];
  return [
    ...heading('Reviews and tasks', `Signed in as ${roleName(who.role)}`),
    h('div', {class: 'govuk-grid-row'},
      h('div', {class: 'govuk-grid-column-one-half'},
        h('p', {class: 'govuk-body govuk-!-font-size-48 govuk-!-font-weight-bold',
                id: 'overdue-count'}, String(overdue.length)),
        para('reviews overdue')),
      h('div', {class: 'govuk-grid-column-one-half'},
        h('p', {class: 'govuk-body govuk-!-font-size-48 govuk-!-font-weight-bold',
                id: 'soon-count'}, String(soon.length)),
        para('reviews due in the next 4 weeks'))),
    overdue.length ? table('Reviews overdue', headings, reviewRows(overdue))
                   : para('No review is overdue.'),
    soon.length ? table('Reviews due in the next 4 weeks', headings, reviewRows(soon))
                : para('No review is due in the next 4 weeks.'),
    open.length
        ? table(`Open tasks (${open.length})`, ['Task', 'Pupil', 'Due', 'Status', 'For'],
            open.slice(0, 200).map((t) => [
              t.title, link(pupilHref(t.name), 'Open pupil'), formatDate(t.dueDate),
              statusTag(t.overdue ? 'OVERDUE' : 'OPEN'), roleName(t.ownerRole)]))
        : para('No open tasks.'),
    open.length > 200 ? para(`The first 200 of ${open.length} are shown, soonest first.`) : null,
  ];
}
