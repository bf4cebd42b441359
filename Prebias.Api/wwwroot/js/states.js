// One display name per state. Resources (runs, experiments, datasets) and Hangfire jobs name the same situations
// differently ("Pending" and "Awaiting" both mean "not started yet"); the page shows one word for each.
const names = {
  Pending: 'Queued',
  Awaiting: 'Queued',
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
