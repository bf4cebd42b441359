// One display name per state. The API names "not started yet" Pending for resources and for a job that waits for
// another; Hangfire's Enqueued and Scheduled say why a job has not started, which the page does not need.
const names = {
  Pending: 'Queued',
  Enqueued: 'Queued',
  Scheduled: 'Queued',
  Processing: 'Running',
  Running: 'Running',
  Succeeded: 'Succeeded',
  Ready: 'Ready',
  Failed: 'Failed',
  Cancelled: 'Cancelled',
  Deleted: 'Cancelled',
};

/** The display name of a resource or job state (unknown ones are shown as they arrive). */
export function stateName(state) {
  if (state === null || state === undefined) return '?';
  const key = String(state);
  return names[key] ?? names[key[0].toUpperCase() + key.slice(1)] ?? key;
}

export const finalStates = new Set(['Succeeded', 'Ready', 'Failed', 'Cancelled']);

/** Whether the resource has stopped (its display name is final). */
export const isFinal = state => finalStates.has(stateName(state));
