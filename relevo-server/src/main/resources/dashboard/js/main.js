// Boots the dashboard: login, then a hash route per page (#/ the apps, #/apps/NAME one app).

import {fill, showSection} from './dom.js';
import {ApiError} from './api.js';
import {token, saveToken, forgetToken} from './session-store.js';
import {whoami} from './whoami.js';
import {renderApps} from './apps-view.js';
import {AppView} from './app-view.js';

let who = null;
let view = null;
let appsTimer = null;

function showError(message) {
  const el = document.getElementById('error');
  el.textContent = message;
  el.hidden = false;
}

function clearError() {
  const el = document.getElementById('error');
  el.hidden = true;
  el.textContent = '';
}

function showLogin(message) {
  stopViews();
  who = null;
  document.getElementById('who').hidden = true;
  showSection('login');
  if (message) showError(message);
  document.getElementById('token').focus();
}

function stopViews() {
  view?.stop();
  view = null;
  clearTimeout(appsTimer);
}

async function login(value) {
  saveToken(value);
  try {
    who = await whoami();
  } catch (e) {
    forgetToken();
    showLogin(e instanceof ApiError && e.status === 401
      ? 'The agent refused this token. Copy it from the agent\'s state dir (file token) or ask an admin for one.'
      : e.message);
    return false;
  }
  fill('who-name', who.name);
  fill('who-role', who.role);
  document.getElementById('who').hidden = false;
  clearError();
  return true;
}

async function route() {
  if (!who) return;
  stopViews();
  const match = location.hash.match(/^#\/apps\/([^/]+)$/);
  if (match) {
    showSection('app');
    view = new AppView(decodeURIComponent(match[1]), who, {showError, clearError, onAuthLost});
    view.start();
    document.getElementById('app-title').focus();
    return;
  }
  showSection('apps');
  document.getElementById('apps-title').focus();
  await refreshApps();
}

/** The agent refused the token mid-session (revoked, expired, agent restarted with a new one). */
function onAuthLost(message) {
  forgetToken();
  showLogin(message);
}

async function refreshApps() {
  try {
    await renderApps();
    clearError();
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return onAuthLost(e.message);
    showError(e.message);
  }
  appsTimer = setTimeout(refreshApps, 2000);
}

document.getElementById('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const input = document.getElementById('token');
  if (await login(input.value.trim())) {
    input.value = '';
    route();
  }
});

document.getElementById('logout').addEventListener('click', () => {
  forgetToken();
  location.hash = '#/';
  showLogin();
});

window.addEventListener('hashchange', route);

if (token() && (await login(token()))) route();
else showLogin();
