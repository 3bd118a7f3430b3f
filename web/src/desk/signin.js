// The sign-in form. Resolves with the session once the server accepts the
// email and password; shows 401 / 429 (with Retry-After) in the form.

import {describeError} from '../shared/api.js';
import {errorBox, field, h, render} from '../shared/dom.js';
import {signIn} from './session.js';

export function showSignIn(root, {message = ''} = {}) {
  return new Promise((resolve) => {
    const email = h('input', {type: 'email', name: 'email', autocomplete: 'username', required: true});
    const password = h('input', {type: 'password', name: 'password', autocomplete: 'current-password', required: true});
    const error = errorBox();
    const submit = h('button', {type: 'submit', class: 'primary'}, 'Sign in');
    const form = h('form', {class: 'signin panel stack', 'aria-labelledby': 'signin-title'},
      h('h1', {id: 'signin-title'}, 'Sign in to the front desk'),
      message ? h('p', {class: 'hint', role: 'status'}, message) : null,
      field('Email', email), field('Password', password), error, submit);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      error.show('');
      submit.disabled = true;
      try {
        resolve(await signIn(email.value.trim(), password.value));
      } catch (err) {
        error.show(err.status === 401 ? 'Wrong email or password.' : describeError(err));
        password.select();
      } finally {
        submit.disabled = false;
      }
    });
    render(root, h('main', {id: 'main', class: 'signin-page'}, form));
    email.focus();
  });
}
