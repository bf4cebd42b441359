// The dashboard: polls runs, jobs, experiments and datasets every few seconds and shows the view named in the
// location hash: #runs (the runs table, the default), #run/<id>, #experiment/<id>, #dataset/<id>, #corpus/<id>.
import { getJson, Cache } from './api.js';
import { renderNav, renderExperiments, renderDatasets, renderJobs } from './sidebar.js';
import { CheckpointPanel } from './checkpoint-panel.js';
import { PromptBox } from './prompt-box.js';
import { RunsPage } from './runs-page.js';
import { RunPage } from './run-page.js';
import { ExperimentPage } from './experiment-page.js';
import { DataPages } from './data-pages.js';

const pollMilliseconds = 3000;
const $ = id => document.getElementById(id);
const views = [
  'empty-view',
  'not-found-view',
  'runs-view',
  'run-view',
  'experiment-view',
  'dataset-view',
  'corpus-view',
];

const state = { runs: [], jobs: [], experiments: null, datasets: [], corpora: [], experimentsAvailable: true };
const refresh = () => poll().catch(report);
const checkpoints = new CheckpointPanel(new Cache());
new PromptBox(() => checkpoints.selection);
const pages = {
  runs: new RunsPage(),
  run: new RunPage(checkpoints, refresh),
  experiment: new ExperimentPage(refresh),
  data: new DataPages(),
};

function parseHash() {
  const match = /^#(run|experiment|dataset|corpus)\/([^/]+)$/i.exec(location.hash);
  if (match) return { kind: match[1].toLowerCase(), id: match[2] };
  return { kind: 'runs' };
}

async function loadExperiments() {
  if (!state.experimentsAvailable) return null;
  const response = await fetch('api/experiments', { headers: { Accept: 'application/json' } });
  if (response.status === 404) {
    state.experimentsAvailable = false;
    return null;
  }
  if (!response.ok) throw new Error(`api/experiments: ${response.status}`);
  return response.json();
}

function show(view) {
  for (const id of views) $(id).hidden = id !== view;
}

function notFound(kind, id) {
  $('not-found-message').textContent = `No ${kind} with id "${id}": it may have been deleted, or the link is wrong.`;
  show('not-found-view');
}

async function poll() {
  const [runs, jobs, experiments, datasets, corpora] = await Promise.all([
    getJson('api/runs?limit=1000'),
    getJson('api/jobs?limit=50'),
    loadExperiments(),
    getJson('api/datasets'),
    getJson('api/corpora'),
  ]);
  Object.assign(state, { runs, jobs, experiments, datasets, corpora });
  const selection = parseHash();
  renderNav(runs, selection);
  renderExperiments(
    $('experiments-section'),
    $('experiment-list'),
    experiments,
    jobs,
    selection.kind === 'experiment' ? selection.id : null,
  );
  renderDatasets($('dataset-list'), datasets, corpora, selection);
  renderJobs($('job-list'), $('job-summary'), jobs);
  await showSelection(selection);
}

// Each view of one resource: where its item is found, its element, and its page.
const routes = {
  run: { list: () => state.runs, view: 'run-view', show: item => pages.run.show(item, state) },
  experiment: {
    list: () => state.experiments,
    view: 'experiment-view',
    show: item => pages.experiment.show(item, state),
  },
  dataset: { list: () => state.datasets, view: 'dataset-view', show: item => pages.data.showDataset(item, state) },
  corpus: { list: () => state.corpora, view: 'corpus-view', show: item => pages.data.showCorpus(item, state) },
};

async function showSelection(selection) {
  if (selection.kind === 'runs') {
    if (state.runs.length === 0) {
      show('empty-view');
      return;
    }
    show('runs-view');
    await pages.runs.show(state);
    return;
  }
  const route = routes[selection.kind];
  const item = route.list()?.find(candidate => candidate.id === selection.id);
  if (!item) {
    notFound(selection.kind, selection.id);
    return;
  }
  show(route.view);
  await route.show(item);
}

function report(error) {
  $('job-summary').textContent = `connection problem: ${error.message}`;
}

// Polls one after another (never overlapping), every few seconds.
async function loop() {
  try {
    await poll();
    document.body.dataset.ready = 'true';
  } catch (error) {
    report(error);
  }
  setTimeout(loop, pollMilliseconds);
}

window.addEventListener('hashchange', () => {
  window.scrollTo(0, 0);
  refresh();
});
loop();
