// The front desk page (served at /): signed in → the desk; else the sign-in
// form. Any 401 later (session expired, signed out elsewhere) comes back here.

import './desk.css';
import {describeError, setUnauthorizedHandler} from '../shared/api.js';
import {h, render} from '../shared/dom.js';
import {currentSession, signOut} from './session.js';
import {showSignIn} from './signin.js';
import {startDesk} from './desk_app.js';

const root = document.getElementById('app');
let stopDesk = null;

async function run(message = '') {
  stopDesk?.();
  stopDesk = null;
  document.querySelectorAll('dialog').forEach((d) => d.close());
  let session = null;
  try {
    session = message ? null : await currentSession();
  } catch (err) {
    render(root, h('main', {id: 'main', class: 'signin-page'}, h('p', {class: 'error', role: 'alert'}, describeError(err))));
    return;
  }
  if (!session) session = await showSignIn(root, {message});
  root.dataset.role = session.user.role;
  try {
    stopDesk = await startDesk(root, session, {
      onSignOut: async () => { await signOut().catch(() => {}); run('You are signed out.'); },
    });
  } catch (err) {
    if (err.status !== 401) render(root, h('main', {id: 'main'}, h('p', {class: 'error', role: 'alert'}, describeError(err))));
  }
}

let expired = false;
setUnauthorizedHandler(() => {
  if (expired) return;
  expired = true;
  run('Your session has ended. Sign in again.').finally(() => { expired = false; });
});

run();
