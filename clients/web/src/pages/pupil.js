// A pupil's page: where the journey stands (a step indicator), each clock
// with its date, status and why, the chronology, the support plans, and a
// form to record what happened next.

import {get, ApiError} from '../api.js';
import {h, heading, para, table, link, mount, formatDate, humanise, roleName, provisionName,
        pupilLabel, statusTag} from '../dom.js';
import {recordForm} from './record_form.js';

const STAGES = [
  ['CONCERN', 'Concern raised'], ['SEN_SUPPORT', 'SEN support'],
  ['AGENCY_INVOLVEMENT', 'Outside agencies'], ['ASSESSMENT_REQUESTED', 'Assessment requested'],
  ['ASSESSMENT', 'EHC needs assessment'], ['DRAFT_PLAN', 'Draft EHC plan'],
  ['EHC_PLAN', 'EHC plan'],
];
const WRITERS = ['SENCO', 'HEADTEACHER', 'LA_CASE_OFFICER', 'ADMIN'];
const capital = (s) => s.charAt(0).toUpperCase() + s.slice(1);

export function stepIndicator(state) {
  const at = STAGES.findIndex(([s]) => s === state);
  const closed = state === 'CLOSED';
  return h('ol', {class: 'app-steps', 'aria-label': 'Stage of the journey'},
    STAGES.map(([s, label], i) => {
      const done = closed || (at >= 0 && i < at);
      const current = i === at;
      return h('li', {class: `app-steps__item${done ? ' app-steps__item--done' : ''}${
                       current ? ' app-steps__item--current' : ''}`,
                      'aria-current': current ? 'step' : null},
        label, done ? h('span', {class: 'govuk-visually-hidden'}, ' (done)') : null,
        current ? h('span', {class: 'govuk-visually-hidden'}, ' (now)') : null);
    }),
    closed ? h('li', {class: 'app-steps__item app-steps__item--current',
                      'aria-current': 'step'}, 'Plan ceased, journey closed') : null);
}

export function clockRows(clocks) {
  const order = {OVERDUE: 0, OPEN: 1, EXPIRED: 2, MET: 3, CANCELLED: 4};
  return [...clocks].sort((a, b) => (order[a.status] ?? 5) - (order[b.status] ?? 5))
    .map((c) => [
      h('span', {}, c.title ? capital(c.title) : humanise(c.ruleId),
        c.subject ? ` (${c.subject})` : '',
        c.statutory ? h('span', {class: 'govuk-body-s'}, ' (statutory)') : null),
      formatDate(c.dueDate),
      h('span', {}, statusTag(c.status),
        c.status === 'MET' && c.daysLate ? ` ${c.daysLate} days late` : '',
        c.exceptionReason ? ` exception: ${humanise(c.exceptionReason)}` : ''),
      roleName(c.ownerRole),
      h('details', {class: 'govuk-details'},
        h('summary', {class: 'govuk-details__summary'},
          h('span', {class: 'govuk-details__summary-text'}, 'Why this date')),
        h('div', {class: 'govuk-details__text'}, c.explanation || '')),
    ]);
}

async function optional(promise) {
  try { return await promise; } catch (e) {
    if (e instanceof ApiError && e.httpStatus === 403) return null;
    throw e;
  }
}

function changesBanner(journey) {
  const changes = journey.clockChanges || [];
  return h('div', {class: 'govuk-notification-banner govuk-notification-banner--success',
                   role: 'alert', 'aria-labelledby': 'recorded-title', tabindex: '-1',
                   id: 'recorded'},
    h('div', {class: 'govuk-notification-banner__header'},
      h('h2', {class: 'govuk-notification-banner__title', id: 'recorded-title'}, 'Success')),
    h('div', {class: 'govuk-notification-banner__content'},
      h('p', {class: 'govuk-notification-banner__heading'}, 'The event was recorded'),
      changes.length
          ? h('ul', {class: 'govuk-list govuk-list--bullet'}, changes.map((c) =>
              h('li', {}, `${c.title ? capital(c.title) : humanise(c.ruleId)}${
                  c.subject ? ` (${c.subject})` : ''}: `,
                c.newDueDate ? `due ${formatDate(c.newDueDate)}` : humanise(c.newStatus),
                c.oldDueDate && c.newDueDate ? ` (was ${formatDate(c.oldDueDate)})` : '')))
          : h('p', {class: 'govuk-body'}, 'No clock changed.')));
}

export async function pupilPage(ctx, id, recorded) {
  const pupil = await get(`pupils/${encodeURIComponent(id)}`);
  const [journey, chronology, plans] = await Promise.all([
    pupil.currentJourney ? get(pupil.currentJourney) : null,
    get(`${pupil.name}/chronology`),
    optional(get(`${pupil.name}/supportPlans`)),
  ]);
  const content = [];
  if (recorded) content.push(changesBanner(recorded));
  content.push(...heading(pupilLabel(pupil), `Setting ${pupil.settingUrn}, LA ${pupil.localAuthorityCode}`),
    para(link(`/pupils/${encodeURIComponent(id)}/family`, 'See what the family sees')),
    h('dl', {class: 'govuk-summary-list'},
      [['Born', formatDate(pupil.birthDate)], ['Provision', provisionName(pupil.senProvision)],
       ['Needs', (pupil.needs || []).join(', ') || 'None recorded'],
       ['Case officer', journey && journey.caseOfficer ? journey.caseOfficer : 'None assigned']]
        .map(([k, v]) => h('div', {class: 'govuk-summary-list__row'},
          h('dt', {class: 'govuk-summary-list__key'}, k),
          h('dd', {class: 'govuk-summary-list__value'}, v)))));
  if (!journey) return [...content, para('No journey has been started for this pupil.')];
  const live = (journey.clocks || []).filter((c) => c.status === 'OPEN' || c.status === 'OVERDUE');
  content.push(h('h2', {class: 'govuk-heading-m'}, 'Where things stand'), stepIndicator(journey.state),
    (journey.clocks || []).length
        ? table(`Clocks (${live.length} running)`, ['What', 'Due', 'Status', 'Who', 'Why'],
                clockRows(journey.clocks))
        : para('No clock is running: nothing recorded so far starts a time limit.'));
  if (plans && (plans.supportPlans || []).length) {
    content.push(table('Support plans', ['Cycle', 'State', 'Agreed', 'Review'],
      plans.supportPlans.map((p) => [String(p.cycle || ''), humanise(p.state),
                                     formatDate(p.agreedAt && p.agreedAt.date),
                                     formatDate(p.reviewDate)])));
  }
  if (plans && (plans.places || []).length) {
    content.push(table('Interventions', ['Intervention', 'From', 'To', 'Sessions attended'],
      plans.places.map((p) => [p.intervention, formatDate(p.startDate), formatDate(p.endDate),
                               `${p.attendedSessions || 0} of ${p.plannedSessions || 0}`])));
  }
  if (WRITERS.includes(ctx.who.role)) {
    content.push(h('h2', {class: 'govuk-heading-m', id: 'record'}, 'Record an event'),
      await recordForm(journey, async (updated) => {
        const page = await pupilPage(ctx, id, updated);
        mount(document.getElementById('app'), page);
        document.getElementById('recorded').focus();
      }));
  }
  const entries = [...(chronology.entries || [])].reverse();
  content.push(entries.length
      ? table('Chronology, latest first', ['Date', 'What', 'Detail'],
          entries.slice(0, 100).map((e) => [formatDate(e.date), e.summary, e.detail || '']))
      : para('Nothing has been recorded yet.'));
  return content;
}

