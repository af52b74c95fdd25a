// Sign in with a token (README, "The web app"); the token stays in this
// page only until the server has swapped it for a session cookie.

import {signIn} from '../api.js';
import {h, heading, para, errorSummary} from '../dom.js';

export function signInPage(onSignedIn) {
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
      const who = await signIn(input.value.trim());
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
          form];
}
