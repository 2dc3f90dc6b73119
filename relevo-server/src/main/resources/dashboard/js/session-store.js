// The token lives in sessionStorage: it goes when the tab closes and is never sent in a URL.

const KEY = 'relevo.token';

export function token() {
  return sessionStorage.getItem(KEY) ?? '';
}

export function saveToken(value) {
  sessionStorage.setItem(KEY, value);
}

export function forgetToken() {
  sessionStorage.removeItem(KEY);
}
