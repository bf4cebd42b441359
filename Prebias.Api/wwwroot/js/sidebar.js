// The sidebar: the runs table link, experiments and datasets (with their jobs' live state), and the recent jobs.
import { el, badge, progressBar, shortId, ago } from './format.js';
import { stateName } from './states.js';

export const isActive = job => ['Queued', 'Running'].includes(stateName(job.state));

/** The job that best describes a resource now: an active one mentioning it, else its own job. */
export function jobFor(id, ownJobId, jobs) {
  const mentioning = jobs.filter(j => j.id === ownJobId || (j.resource ?? '').includes(id));
  return (
    mentioning.find(j => j.state === 'Processing') ??
    mentioning.find(isActive) ??
    mentioning.find(j => j.id === ownJobId)
  );
}

export function renderNav(runs, selection) {
  document.getElementById('run-count').textContent = runs.length ? `(${runs.length})` : '';
  document.getElementById('nav-runs').classList.toggle('selected', selection.kind === 'runs');
}

export function renderExperiments(section, list, experiments, jobs, selectedId) {
  section.hidden = experiments === null;
  if (experiments === null) return;
  if (experiments.length === 0) {
    list.replaceChildren(el('li', { class: 'muted', text: 'No experiments yet.' }));
    return;
  }
  list.replaceChildren(
    ...experiments.map(experiment => {
      const job = jobFor(experiment.id, experiment.jobId, jobs);
      const showJob = job && isActive(job);
      const runs = (experiment.runIds ?? []).length;
      return el(
        'li',
        {
          'data-experiment-id': experiment.id,
          class: experiment.id === selectedId ? 'selected' : '',
          onclick: () => {
            location.hash = `experiment/${experiment.id}`;
          },
        },
        el(
          'div',
          { class: 'name' },
          el('span', { text: experiment.name || `experiment ${shortId(experiment.id)}` }),
          badge(experiment.state),
        ),
        el('div', {
          class: 'meta',
          text: `${runs} run${runs === 1 ? '' : 's'}${showJob && job.message ? ` · ${job.message}` : ''}`,
        }),
        experiment.progress < 1 && stateName(experiment.state) === 'Running' ? progressBar(experiment.progress) : null,
      );
    }),
  );
}

export function renderDatasets(list, datasets, corpora, selection) {
  if (datasets.length === 0) {
    list.replaceChildren(el('li', { class: 'muted', text: 'No datasets yet.' }));
    return;
  }
  const corpusName = id => corpora.find(c => c.id === id)?.name ?? shortId(id);
  list.replaceChildren(
    ...datasets.map(d =>
      el(
        'li',
        {
          'data-dataset-id': d.id,
          class: selection.kind === 'dataset' && selection.id === d.id ? 'selected' : '',
          onclick: () => {
            location.hash = `dataset/${d.id}`;
          },
        },
        el('div', { class: 'name' }, el('span', { text: `dataset ${shortId(d.id)}` }), badge(d.state)),
        el('div', {
          class: 'meta',
          text: `${corpusName(d.corpusId)} · ${(d.sampleCount ?? 0).toLocaleString('en-US')} samples`,
        }),
      ),
    ),
  );
}

export function renderJobs(list, summary, jobs) {
  const active = jobs.filter(isActive);
  const running = active.filter(j => stateName(j.state) === 'Running').length;
  summary.textContent = active.length ? `${running} running · ${active.length - running} queued` : 'no jobs running';
  // Active jobs first, then the latest finished ones.
  const shown = [...active, ...jobs.filter(j => !isActive(j)).slice(0, Math.max(3, 8 - active.length))];
  if (shown.length === 0) {
    list.replaceChildren(el('li', { class: 'muted', text: 'No jobs yet.' }));
    return;
  }
  list.replaceChildren(
    ...shown.map(job =>
      el(
        'li',
        { 'data-job-id': job.id },
        el('div', { class: 'job-line' }, el('span', { text: `${job.type} #${job.id}` }), badge(job.state)),
        el('div', {
          class: 'message',
          title: job.error ?? job.message ?? '',
          text:
            job.error ??
            (isActive(job)
              ? `${Math.round(job.progress * 100)}% ${job.message ?? ''}`
              : `${job.message ?? ''} ${ago(job.finishedAt ?? job.createdAt)}`),
        }),
        isActive(job) ? progressBar(job.progress) : null,
      ),
    ),
  );
}
