// The dashboard: polls runs, jobs and experiments every few seconds, shows the run or experiment named in the
// location hash (#run/<id>, #experiment/<id>), and redraws a run's charts when it makes progress.
import { getJson, getOptional, Cache } from './api.js';
import { renderRuns, renderExperiments, renderJobs } from './sidebar.js';
import { renderRunHeader, renderLoss, renderBias, renderSaturation } from './run-view.js';
import { renderExperimentHeader, renderComparison } from './experiment-view.js';
import { CheckpointPanel } from './checkpoint-panel.js';
import { PromptBox } from './prompt-box.js';
import { renderDynamics } from './dynamics-view.js';

const pollMilliseconds = 3000;
const $ = id => document.getElementById(id);

const state = {
  runs: [], jobs: [], experiments: null, // null: this API has no experiments endpoint (section hidden)
  experimentsAvailable: true,
  selection: null, // { kind: 'run' | 'experiment', id }
  loadedSignature: null,
  saturation: { enabled: null, scale: 'raw', rows: null },
  biasProbe: null, biasRows: null,
  comparisonMetric: null, comparisonRows: null,
};
const cache = new Cache();
const checkpoints = new CheckpointPanel(cache);
new PromptBox(() => checkpoints.selection);

function parseHash() {
  const match = /^#(run|experiment)\/([0-9a-f-]+)$/i.exec(location.hash);
  return match ? { kind: match[1], id: match[2] } : null;
}

async function loadExperiments() {
  if (!state.experimentsAvailable) return null;
  const response = await fetch('api/experiments', { headers: { Accept: 'application/json' } });
  if (response.status === 404) { state.experimentsAvailable = false; return null; }
  if (!response.ok) throw new Error(`api/experiments: ${response.status}`);
  return response.json();
}

/** Mentions of the resource in jobs (id and state): when one finishes, its results may have appeared. */
function signature(kind, item) {
  const jobs = state.jobs.filter(j => j.id === item.jobId || (j.resource ?? '').includes(item.id)).map(j => `${j.id}:${j.state}`);
  return `${kind}|${item.id}|${item.state}|${item.stepsDone ?? ''}|${jobs.join(',')}`;
}

async function poll() {
  const [runs, jobs, experiments] = await Promise.all([getJson('api/runs'), getJson('api/jobs?limit=50'), loadExperiments()]);
  Object.assign(state, { runs, jobs, experiments });
  const selection = parseHash() ?? (runs[0] ? { kind: 'run', id: runs[0].id } : null);
  state.selection = selection;
  renderRuns($('run-list'), runs, jobs, selection?.kind === 'run' ? selection.id : null);
  renderExperiments($('experiments-section'), $('experiment-list'), experiments, jobs, selection?.kind === 'experiment' ? selection.id : null);
  renderJobs($('job-list'), $('job-summary'), jobs);
  await showSelection();
}

async function showSelection() {
  const { selection } = state;
  const run = selection?.kind === 'run' ? state.runs.find(r => r.id === selection.id) : null;
  const experiment = selection?.kind === 'experiment' ? state.experiments?.find(e => e.id === selection.id) : null;
  $('empty-view').hidden = Boolean(run || experiment);
  $('run-view').hidden = !run;
  $('experiment-view').hidden = !experiment;
  if (run) await showRun(run);
  else if (experiment) await showExperiment(experiment);
  else state.loadedSignature = null;
}

async function showRun(run) {
  const job = state.jobs.find(j => j.id === run.jobId);
  renderRunHeader($('run-header'), run, job);
  const current = signature('run', run);
  if (current === state.loadedSignature) return;
  const newRun = !state.loadedSignature?.startsWith(`run|${run.id}|`);
  state.loadedSignature = current;
  if (newRun) Object.assign(state.saturation, { enabled: null, rows: null });
  const base = `api/runs/${run.id}`;
  const [points, losses, saturation, bias] = await Promise.all([
    getJson(`${base}/checkpoints`), getJson(`${base}/losses`), getOptional(`${base}/saturation`), getOptional(`${base}/bias`)]);
  renderLoss($('loss-chart'), points, losses);
  state.biasRows = bias;
  state.biasProbe = renderBias($('bias-chart'), $('bias-probe'), bias, state.biasProbe);
  state.saturation.rows = saturation;
  renderSaturation($('saturation-input'), $('saturation-output'), $('saturation-metrics'), saturation, state.saturation);
  checkpoints.setRun(run, points);
  await renderDynamics($('run-view'), run);
}

async function showExperiment(experiment) {
  renderExperimentHeader($('experiment-header'), experiment, new Map(state.runs.map(r => [r.id, r])));
  const current = signature('experiment', experiment);
  if (current === state.loadedSignature) return;
  state.loadedSignature = current;
  const comparison = await getOptional(`api/experiments/${experiment.id}/comparison`);
  // The comparison has curves, endPoint, divergence and bias tables; the chart draws the curves.
  state.comparisonRows = comparison?.curves ?? comparison;
  state.comparisonMetric = renderComparison($('comparison-chart'), $('comparison-table'), $('comparison-metric'), state.comparisonRows, state.comparisonMetric);
}

function wireControls() {
  for (const radio of document.querySelectorAll('input[name="saturation-scale"]')) {
    radio.addEventListener('change', () => {
      state.saturation.scale = radio.value;
      renderSaturation($('saturation-input'), $('saturation-output'), $('saturation-metrics'), state.saturation.rows, state.saturation);
    });
  }
  $('bias-probe').addEventListener('change', event => {
    state.biasProbe = renderBias($('bias-chart'), $('bias-probe'), state.biasRows, event.target.value);
  });
  $('comparison-metric').addEventListener('change', event => {
    state.comparisonMetric = renderComparison($('comparison-chart'), $('comparison-table'), $('comparison-metric'), state.comparisonRows, event.target.value);
  });
  window.addEventListener('hashchange', () => { state.loadedSignature = null; poll().catch(report); });
}

function report(error) {
  $('job-summary').textContent = `connection problem: ${error.message}`;
}

// Polls one after another (never overlapping), every few seconds.
async function loop() {
  try { await poll(); document.body.dataset.ready = 'true'; } catch (error) { report(error); }
  setTimeout(loop, pollMilliseconds);
}

wireControls();
loop();
