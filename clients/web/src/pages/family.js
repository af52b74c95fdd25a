// The family's page: where their child's assessment or review stands, what
// happens next, by when and who is responsible, in plain English. A family's
// token reaches this one child and nothing else (GetFamilyView).

import {get} from '../api.js';
import {h, heading, para, formatDate} from '../dom.js';

const capital = (s) => s.charAt(0).toUpperCase() + s.slice(1);

function nextStep(step) {
  return h('div', {class: 'govuk-summary-list__row'},
    h('dt', {class: 'govuk-summary-list__key'}, capital(step.what)),
    h('dd', {class: 'govuk-summary-list__value'},
      h('p', {class: 'govuk-body govuk-!-margin-bottom-1'},
        step.window ? `You can do this until ${formatDate(step.date)}`
                    : `By ${formatDate(step.date)}`,
        step.overdue ? [' ', h('strong', {class: 'govuk-tag govuk-tag--red'}, 'Late')] : null),
      h('p', {class: 'govuk-body-s govuk-!-margin-bottom-0'},
        step.window ? 'This is your choice to make.' : `Who: ${step.who}.`,
        step.legalDeadline ? ' This date is set by law.' : '')));
}

// `pupilId`: staff previewing a pupil's family page; a family's own child
// otherwise.
export async function familyPage({who}, pupilId) {
  const id = pupilId || who.scope.replace(/^pupil:/, '');
  const view = await get(`pupils/${encodeURIComponent(id)}/familyView`);
  const name = view.givenName || 'your child';
  const steps = view.nextSteps || [];
  const history = view.history || [];
  return [
    pupilId ? h('div', {class: 'govuk-warning-text'},
      h('span', {class: 'govuk-warning-text__icon', 'aria-hidden': 'true'}, '!'),
      h('strong', {class: 'govuk-warning-text__text'},
        h('span', {class: 'govuk-visually-hidden'}, 'Note: '),
        'This is what the family sees when they sign in.')) : null,
    ...heading(`Where things stand for ${name}`),
    view.stage ? h('div', {class: 'govuk-inset-text', id: 'stage'}, view.stage)
               : para('Nothing has been recorded yet.'),
    h('h2', {class: 'govuk-heading-m'}, 'What happens next'),
    steps.length ? h('dl', {class: 'govuk-summary-list', id: 'next-steps'}, steps.map(nextStep))
                 : para('Nothing is due at the moment.'),
    steps.some((s) => s.overdue)
        ? para('A step marked late has passed its date. You can ask your case officer or the ',
               'school when it will happen, and complain to the council if it does not.')
        : null,
    h('h2', {class: 'govuk-heading-m'}, 'What has happened'),
    history.length
        ? h('ul', {class: 'govuk-list', id: 'history'}, history.map((s) =>
            h('li', {}, h('strong', {}, formatDate(s.date)), ': ', s.what)))
        : para('Nothing yet.'),
    h('h2', {class: 'govuk-heading-m'}, 'Help and advice'),
    para('Your local SEND information, advice and support service (SENDIASS) gives free, ',
         'confidential and impartial advice to families. Your council\u2019s Local Offer ',
         'lists its services.'),
  ];
}
