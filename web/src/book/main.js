// The online booking page (book.html), served at /book/{branch} and at
// /book/manage/{token} for the client's own booking. Public: no session.

import './book.css';
import {manageBooking} from './manage.js';
import {startBooking} from './flow.js';

const root = document.getElementById('app');
const parts = location.pathname.split('/').filter(Boolean);  // ['book', …]
if (parts[1] === 'manage' && parts[2]) manageBooking(root, decodeURIComponent(parts[2]));
else startBooking(root, decodeURIComponent(parts[parts.length - 1] || ''));
