// The sidebar: runs and experiments (with their jobs' live state and progress) and the recent jobs.
import { el, badge, progressBar, shortId, ago, number } from './format.js';

const activeStates = new Set(['Enqueued', 'Scheduled', 'Awaiting', 'Processing']);

export const isActive = job => activeStates.has(job.state);

/** The job that best describes a resource now: an active one mentioning it, else its own job. */
function jobFor(id, ownJobId, jobs) {
  const mentioning = jobs.filter(j => j.id === ownJobId || (j.resource ?? '').includes(id));
  return mentioning.find(j => j.state === 'Processing') ?? mentioning.find(isActive) ?? mentioning.find(j => j.id === ownJobId);
}

export function runLabel(run) { return run.name || `run ${shortId(run.id)}`; }

export function orderingLabel(ordering) {
  if (!ordering?.method) return 'shuffle';
  return ordering.metric ? `${ordering.method} · ${ordering.metric}` : ordering.method;
}

export function renderRuns(list, runs, jobs, selectedId) {
  document.getElementById('run-count').textContent = runs.length ? `(${runs.length})` : '';
  if (runs.length === 0) { list.replaceChildren(el('li', { class: 'muted', text: 'No runs yet.' })); return; }
  list.replaceChildren(...runs.map(run => {
    const job = jobFor(run.id, run.jobId, jobs);
    const maxIters = run.training?.options?.maxIters;
    const showJob = job && isActive(job);
    const model = run.model ?? {};
    return el('li', { 'data-run-id': run.id, class: run.id === selectedId ? 'selected' : '', onclick: () => { location.hash = `run/${run.id}`; } },
      el('div', { class: 'name' }, el('span', { text: runLabel(run) }), badge(showJob ? job.state : run.state)),
      el('div', { class: 'meta', text: `${orderingLabel(run.ordering)} · seed ${run.seed} · ${model.dim ?? '?'}d×${model.nLayers ?? '?'}L` }),
      el('div', { class: 'meta', text: showJob && job.message ? job.message : `step ${run.stepsDone}${maxIters ? ` / ${maxIters}` : ''}` }),
      showJob ? progressBar(job.progress) : (maxIters && run.stepsDone < maxIters ? progressBar(run.stepsDone / maxIters) : null));
  }));
}

export function renderExperiments(section, list, experiments, jobs, selectedId) {
  section.hidden = experiments === null;
  if (experiments === null) return;
  if (experiments.length === 0) { list.replaceChildren(el('li', { class: 'muted', text: 'No experiments yet.' })); return; }
  list.replaceChildren(...experiments.map(experiment => {
    const job = jobFor(experiment.id, experiment.jobId, jobs);
    const showJob = job && isActive(job);
    return el('li', { 'data-experiment-id': experiment.id, class: experiment.id === selectedId ? 'selected' : '', onclick: () => { location.hash = `experiment/${experiment.id}`; } },
      el('div', { class: 'name' }, el('span', { text: experiment.name || `experiment ${shortId(experiment.id)}` }), badge(showJob ? job.state : experiment.state)),
      el('div', { class: 'meta', text: `${(experiment.runIds ?? []).length} run${(experiment.runIds ?? []).length === 1 ? '' : 's'}${showJob && job.message ? ` · ${job.message}` : ''}` }),
      showJob ? progressBar(job.progress) : null);
  }));
}

export function renderJobs(list, summary, jobs) {
  const active = jobs.filter(isActive);
  const running = active.filter(j => j.state === 'Processing').length;
  summary.textContent = active.length ? `${running} running · ${active.length - running} waiting` : 'no jobs running';
  // Active jobs first, then the latest finished ones.
  const shown = [...active, ...jobs.filter(j => !isActive(j)).slice(0, Math.max(3, 8 - active.length))];
  if (shown.length === 0) { list.replaceChildren(el('li', { class: 'muted', text: 'No jobs yet.' })); return; }
  list.replaceChildren(...shown.map(job => el('li', { 'data-job-id': job.id },
    el('div', { class: 'job-line' }, el('span', { text: `${job.type} #${job.id}` }), badge(job.state)),
    el('div', { class: 'message', title: job.error ?? job.message ?? '',
      text: job.error ?? (isActive(job) ? `${Math.round(job.progress * 100)}% ${job.message ?? ''}` : `${job.message ?? ''} ${ago(job.finishedAt ?? job.createdAt)}`) }),
    isActive(job) ? progressBar(job.progress) : null)));
}
