// Who the token belongs to. An agent without named tokens (no /whoami yet) has one token: the
// local admin's.

import {api, ApiError} from './api.js';

export async function whoami() {
  try {
    const me = await api('/api/v1/whoami');
    return {name: me.name, role: me.role};
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return {name: 'local', role: 'admin'};
    throw e;
  }
}
