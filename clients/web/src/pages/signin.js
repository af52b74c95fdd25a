// Sign in with a token (README, "The web app"); the token stays in this
// page only until the server has swapped it for a session cookie. Staff an
// administrator has allowed to may ask for a link by e-mail instead; the
// link's page asks them to confirm before it signs in (linkPage).

import {signIn, emailLink} from '../api.js';
import {h, heading, para, errorSummary} from '../dom.js';

function emailForm() {
  const box = h('div');
  const input = h('input', {class: 'govuk-input', id: 'email', name: 'email', type: 'email',
                            autocomplete: 'email', spellcheck: 'false',
                            'aria-describedby': 'email-hint'});
  const form = h('form', {novalidate: true, id: 'email-link'},
    h('h2', {class: 'govuk-heading-m'}, 'Or get a sign-in link by e-mail'),
    box,
    h('div', {class: 'govuk-form-group'},
      h('label', {class: 'govuk-label govuk-label--s', for: 'email'}, 'Your e-mail address'),
      h('div', {class: 'govuk-hint', id: 'email-hint'},
        'If your administrator has allowed it. Open the link in this browser within 15 minutes.'),
      input),
    h('button', {type: 'submit', class: 'govuk-button govuk-button--secondary'},
      'E-mail me a link'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const answer = await emailLink(input.value.trim());
      box.replaceChildren(h('div', {class: 'govuk-inset-text', id: 'email-sent', role: 'status'},
                            answer.message));
    } catch (e) {
      box.replaceChildren(errorSummary(e.message));
      box.firstChild.focus();
    }
  });
  return form;
}

// The page an e-mailed link opens: nothing happens until the person
// confirms, so a mail scanner that opens links signs nobody in.
export function linkPage(link, onSignedIn) {
  const errorBox = h('div');
  const button = h('button', {type: 'submit', class: 'govuk-button', id: 'confirm-link'},
                   'Continue');
  const form = h('form', {novalidate: true}, button);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    button.disabled = true;
    try {
      await onSignedIn(await signIn({link}));
    } catch (e) {
      button.disabled = false;
      errorBox.replaceChildren(errorSummary(`${e.message}.`));
      errorBox.querySelector('.govuk-error-summary').focus();
    }
  });
  return [errorBox, ...heading('Sign in with your link'),
          para('You asked for a link to sign in to sendcase. Select Continue to sign in.'),
          para('If you did not ask for it, close this page.'),
          form,
          para(h('a', {class: 'govuk-link', href: '/signin', id: 'cancel-link'},
                 'Sign in another way'))];
}

export function signInPage(offerEmail, onSignedIn) {
  const errorBox = h('div');
  const input = h('input', {class: 'govuk-input', id: 'token', name: 'token',
                            type: 'password', autocomplete: 'off', spellcheck: 'false',
                            'aria-describedby': 'token-hint'});
  const group = h('div', {class: 'govuk-form-group'},
    h('label', {class: 'govuk-label govuk-label--s', for: 'token'}, 'Your sign-in token'),
    h('div', {class: 'govuk-hint', id: 'token-hint'},
      'The token your administrator gave you. It starts with sc1.'),
    input);
  const form = h('form', {novalidate: true, id: 'sign-in'},
    group,
    h('button', {type: 'submit', class: 'govuk-button', 'data-module': 'govuk-button'},
      'Sign in'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    errorBox.replaceChildren();
    group.classList.remove('govuk-form-group--error');
    try {
      if (!input.value.trim()) throw new Error('Enter your sign-in token');
      const who = await signIn({token: input.value.trim()});
      input.value = '';
      await onSignedIn(who);
    } catch (e) {
      group.classList.add('govuk-form-group--error');
      errorBox.replaceChildren(errorSummary(
          e.httpStatus === 401 || e.status === 'UNAUTHENTICATED'
              ? 'That token was not recognised, has expired or was revoked'
              : e.message));
      errorBox.querySelector('.govuk-error-summary').focus();
    }
  });
  return [errorBox, ...heading('Sign in'),
          para('Staff and families sign in with the token they were given. ',
               'You stay signed in for up to 12 hours, or 30 minutes without use.'),
          form, offerEmail ? emailForm() : null];
}
