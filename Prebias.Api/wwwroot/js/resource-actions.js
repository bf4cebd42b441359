// Cancel and delete buttons for runs and experiments (DELETE api/{kind}/{id}, ?purge=true to remove a finished one).
// Writes need the API key (./run.sh prints it): asked for once and kept for this browser tab only.
import { el } from './format.js';
import { stateName } from './states.js';

const keyItem = 'prebias-api-key';

function apiKey() {
  let key = sessionStorage.getItem(keyItem);
  if (!key) {
    key = window.prompt('API key for writes (./run.sh prints it):') ?? '';
    if (key) sessionStorage.setItem(keyItem, key);
  }
  return key;
}

async function send(path, message, onDone) {
  const key = apiKey();
  if (!key) {
    message.textContent = 'No API key given: nothing was changed.';
    return;
  }
  message.textContent = 'Sending…';
  const response = await fetch(path, { method: 'DELETE', headers: { 'X-Api-Key': key, Accept: 'application/json' } });
  if (response.status === 401) sessionStorage.removeItem(keyItem);
  const body = response.status === 204 ? {} : await response.json().catch(() => ({}));
  message.textContent = response.ok
    ? response.status === 204
      ? 'Deleted.'
      : 'Cancelled.'
    : (body.detail ?? `${response.status} ${response.statusText}`);
  message.classList.toggle('error', !response.ok);
  if (response.ok) onDone();
}

/**
 * Buttons for a run or an experiment (kind "runs" or "experiments"): cancel while it is queued or running, delete
 * once it failed or was cancelled. onDone is called after a successful request (the caller refreshes).
 */
export function resourceActions(kind, resource, onDone) {
  const state = stateName(resource.state);
  const message = el('span', { class: 'action-message' });
  const path = `api/${kind}/${resource.id}`;
  const cancel =
    state === 'Queued' || state === 'Running'
      ? el('button', {
          type: 'button',
          class: 'action cancel',
          onclick: () => send(path, message, onDone),
          text: 'Cancel',
        })
      : null;
  const remove =
    state === 'Failed' || state === 'Cancelled'
      ? el('button', {
          type: 'button',
          class: 'action delete',
          text: 'Delete',
          onclick: () => {
            if (window.confirm('Delete its rows and files for good?')) send(`${path}?purge=true`, message, onDone);
          },
        })
      : null;
  return el('span', { class: 'actions' }, cancel, remove, message);
}
