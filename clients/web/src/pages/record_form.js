// "Record an event": only the events the journey's state allows
// (Journey.allowedEvents), and for the one chosen only the fields it has
// (GET /api/v1/eventKinds, read from the API's own descriptor).

import {get, post} from '../api.js';
import {h, humanise, errorSummary} from '../dom.js';

// An idempotency key: a retried submission records the event once.
// randomUUID needs a secure context (HTTPS or localhost); elsewhere the
// same 122 random bits by hand.
function requestId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${
      hex.slice(16, 20)}-${hex.slice(20)}`;
}

let kindsCache = null;
async function eventKinds() {
  if (!kindsCache) kindsCache = (await get('eventKinds')).eventKinds;
  return kindsCache;
}

// The GOV.UK date input: day, month and year boxes in one fieldset.
function dateInput(id, legend) {
  const box = (part, label, width) => h('div', {class: 'govuk-date-input__item'},
    h('div', {class: 'govuk-form-group'},
      h('label', {class: 'govuk-label govuk-date-input__label', for: `${id}-${part}`}, label),
      h('input', {class: `govuk-input govuk-date-input__input govuk-input--width-${width}`,
                  id: `${id}-${part}`, name: `${id}-${part}`, type: 'text',
                  inputmode: 'numeric'})));
  return h('div', {class: 'govuk-form-group', 'data-field': id},
    h('fieldset', {class: 'govuk-fieldset', role: 'group', 'aria-describedby': `${id}-hint`},
      h('legend', {class: 'govuk-fieldset__legend govuk-fieldset__legend--s'}, legend),
      h('div', {class: 'govuk-hint', id: `${id}-hint`}, 'For example, 27 3 2027'),
      h('div', {class: 'govuk-date-input', id},
        box('day', 'Day', 2), box('month', 'Month', 2), box('year', 'Year', 4))));
}

function readDate(form, id, label) {
  const part = (p) => form.querySelector(`#${id}-${p}`).value.trim();
  const [day, month, year] = [part('day'), part('month'), part('year')];
  if (!day && !month && !year) return null;
  const d = {year: Number(year), month: Number(month), day: Number(day)};
  const check = new Date(Date.UTC(d.year, d.month - 1, d.day));
  if (!/^\d{4}$/.test(year) || check.getUTCMonth() !== d.month - 1 ||
      check.getUTCDate() !== d.day) {
    throw new Error(`${label} must be a real date, for example 27 3 2027`);
  }
  return d;
}

function fieldInput(kind, field) {
  const id = `f-${kind.name}-${field.name}`;
  const label = humanise(field.name);
  if (field.type === 'date') return dateInput(id, label);
  if (field.type === 'bool') {
    return h('div', {class: 'govuk-form-group', 'data-field': id},
      h('div', {class: 'govuk-checkboxes govuk-checkboxes--small'},
        h('div', {class: 'govuk-checkboxes__item'},
          h('input', {class: 'govuk-checkboxes__input', id, name: id, type: 'checkbox'}),
          h('label', {class: 'govuk-label govuk-checkboxes__label', for: id}, label))));
  }
  if (field.type === 'enum') {
    return h('div', {class: 'govuk-form-group', 'data-field': id},
      h('label', {class: 'govuk-label', for: id}, label),
      h('select', {class: 'govuk-select', id, name: id},
        h('option', {value: ''}, 'Choose'),
        field.values.map((v) => h('option', {value: v}, humanise(v)))));
  }
  return h('div', {class: 'govuk-form-group', 'data-field': id},
    h('label', {class: 'govuk-label', for: id}, label),
    h('input', {class: 'govuk-input', id, name: id, type: 'text'}));
}

// The form for `journey`; `onRecorded(updatedJourney)` after a success.
export async function recordForm(journey, onRecorded) {
  const kinds = (await eventKinds()).filter((k) => (journey.allowedEvents || []).includes(k.name));
  const errorBox = h('div');
  const fieldsets = new Map();
  const radios = kinds.map((k) => {
    const fields = h('div', {class: 'govuk-radios__conditional govuk-radios__conditional--hidden',
                             id: `fields-${k.name}`},
      k.fields.map((f) => fieldInput(k, f)));
    fieldsets.set(k.name, fields);
    return [h('div', {class: 'govuk-radios__item'},
      h('input', {class: 'govuk-radios__input', id: `kind-${k.name}`, name: 'kind',
                  type: 'radio', value: k.name,
                  'aria-controls': k.fields.length ? `fields-${k.name}` : null}),
      h('label', {class: 'govuk-label govuk-radios__label', for: `kind-${k.name}`},
        humanise(k.name))), k.fields.length ? fields : null];
  });
  const form = h('form', {novalidate: true, id: 'record-event'},
    errorBox,
    h('div', {class: 'govuk-form-group', 'data-field': 'kind'},
      h('fieldset', {class: 'govuk-fieldset'},
        h('legend', {class: 'govuk-fieldset__legend govuk-fieldset__legend--s'}, 'What happened'),
        h('div', {class: 'govuk-radios govuk-radios--small'}, radios))),
    dateInput('event-date', 'When it happened'),
    h('button', {type: 'submit', class: 'govuk-button'}, 'Record event'));
  form.addEventListener('change', (event) => {
    if (event.target.name !== 'kind') return;
    for (const [name, box] of fieldsets) {
      const open = name === event.target.value;
      box.classList.toggle('govuk-radios__conditional--hidden', !open);
    }
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    errorBox.replaceChildren();
    try {
      const chosen = form.querySelector('input[name=kind]:checked');
      if (!chosen) throw new Error('Choose what happened');
      const kind = kinds.find((k) => k.name === chosen.value);
      const eventDate = readDate(form, 'event-date', 'When it happened');
      if (!eventDate) throw new Error('Enter the date it happened');
      const body = {};
      for (const f of kind.fields) {
        const id = `f-${kind.name}-${f.name}`;
        if (f.type === 'date') {
          const d = readDate(form, id, humanise(f.name));
          if (d) body[f.jsonName] = d;
        } else if (f.type === 'bool') {
          if (form.querySelector(`#${id}`).checked) body[f.jsonName] = true;
        } else {
          const v = form.querySelector(`#${id}`).value.trim();
          if (v) body[f.jsonName] = v;
        }
      }
      const updated = await post(`${journey.name}:recordEvent`, {
        event: {eventDate, [kind.jsonName]: body},
        etag: journey.etag,
        requestId: requestId(),
      });
      await onRecorded(updated);
    } catch (e) {
      errorBox.replaceChildren(errorSummary(e.message));
      errorBox.firstChild.focus();
    }
  });
  return form;
}
