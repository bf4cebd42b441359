// The #run/<id> view: header with cancel/delete, loss (refetched while the run trains, so it follows the job's
// progress instead of waiting for the next checkpoint), bias probes, saturation, accuracy, word-set associations and
// the checkpoint card.
import { getJson, getOptional } from './api.js';
import { renderRunHeader, renderLoss } from './run-view.js';
import { renderBias } from './bias-chart.js';
import { renderSaturation } from './saturation-chart.js';
import { setDownload } from './download.js';
import { isActive } from './sidebar.js';
import { renderDynamics } from './dynamics-view.js';
import { renderAccuracy, renderAssociations } from './measures-view.js';

const $ = id => document.getElementById(id);

export class RunPage {
  saturation = { enabled: null, scale: 'panels', rows: null };
  biasProbe = null;
  biasRows = null;
  #loaded = null; // what the charts show: run id, state, steps and job states
  #lossKey = null;
  #run = null;
  #points = [];
  #losses = [];

  constructor(checkpoints, refresh) {
    this.checkpoints = checkpoints;
    this.refresh = refresh;
    this.view = {
      panels: $('saturation-panels'),
      pair: $('saturation-pair'),
      inputChart: $('saturation-input'),
      outputChart: $('saturation-output'),
      chips: $('saturation-metrics'),
    };
    for (const radio of document.querySelectorAll('input[name="saturation-scale"]')) {
      radio.addEventListener('change', () => {
        this.saturation.scale = radio.value;
        renderSaturation(this.view, this.saturation.rows, this.saturation);
      });
    }
    $('bias-probe').addEventListener('change', event => {
      this.biasProbe = renderBias($('bias-chart'), $('bias-probe'), this.biasRows, event.target.value, this.#log());
    });
    $('loss-log').addEventListener('change', () => {
      renderLoss($('loss-chart'), this.#points, this.#losses, this.#log());
      this.biasProbe = renderBias($('bias-chart'), $('bias-probe'), this.biasRows, this.biasProbe, this.#log());
    });
  }

  #log() {
    return $('loss-log').checked;
  }

  async show(run, state) {
    const job = state.jobs.find(j => j.id === run.jobId);
    renderRunHeader($('run-header'), run, job, state.datasets, this.refresh);
    const base = `api/runs/${run.id}`;
    const jobs = state.jobs
      .filter(j => j.id === run.jobId || (j.resource ?? '').includes(run.id))
      .map(j => `${j.id}:${j.state}`);
    const signature = `${run.id}|${run.state}|${run.stepsDone}|${jobs.join(',')}`;
    const training = job && isActive(job);
    const lossKey = `${signature}|${training ? job.progress : ''}`;
    if (signature === this.#loaded) {
      if (lossKey !== this.#lossKey) {
        this.#lossKey = lossKey;
        this.#losses = await getJson(`${base}/losses`);
        renderLoss($('loss-chart'), this.#points, this.#losses, this.#log());
      }
      return;
    }
    if (this.#run?.id !== run.id) Object.assign(this.saturation, { enabled: null, rows: null });
    this.#loaded = signature;
    this.#lossKey = lossKey;
    this.#run = run;
    const [points, losses, saturation, bias] = await Promise.all([
      getJson(`${base}/checkpoints`),
      getJson(`${base}/losses`),
      getOptional(`${base}/saturation`),
      getOptional(`${base}/bias`),
    ]);
    this.#points = points;
    this.#losses = losses;
    renderLoss($('loss-chart'), points, losses, this.#log());
    this.biasRows = bias;
    this.biasProbe = renderBias($('bias-chart'), $('bias-probe'), bias, this.biasProbe, this.#log());
    this.saturation.rows = saturation;
    renderSaturation(this.view, saturation, this.saturation);
    setDownload($('loss-download'), losses.length ? `${base}/losses?format=csv` : null);
    setDownload($('bias-download'), bias ? `${base}/bias?format=csv` : null);
    setDownload($('saturation-download'), saturation ? `${base}/saturation?format=csv` : null);
    this.checkpoints.setRun(run, points);
    renderAccuracy($('run-view'), saturation);
    await Promise.all([renderDynamics($('run-view'), run), renderAssociations($('run-view'), run)]);
  }
}
