// The #experiment/<id> view: the verdict table at the last or a chosen checkpoint, the curve of the metric picked
// in it, the divergences and the bias summaries; a waiting state while the runs train.
import { getJson, getOptional } from './api.js';
import { el } from './format.js';
import { renderExperimentHeader, renderComparison, waitingText } from './experiment-view.js';
import { renderDivergence, renderExperimentBias } from './experiment-panels.js';
import { renderVerdicts } from './verdict-table.js';
import { setDownload } from './download.js';

const $ = id => document.getElementById(id);

export class ExperimentPage {
  metric = null;
  #experiment = null;
  #comparison = null;
  #loaded = null;

  constructor(refresh) {
    this.refresh = refresh;
    $('comparison-metric').addEventListener('change', event => {
      this.metric = event.target.value;
      this.#drawCurves();
    });
    $('comparison-log').addEventListener('change', () => this.#drawCurves());
    $('verdict-step').addEventListener('change', () => this.#drawVerdicts());
    $('verdict-phase').addEventListener('change', () => this.#drawPhase());
  }

  async show(experiment, state) {
    renderExperimentHeader($('experiment-header'), experiment, this.refresh);
    const jobs = state.jobs
      .filter(j => j.id === experiment.jobId || (j.resource ?? '').includes(experiment.id))
      .map(j => `${j.id}:${j.state}`);
    const evaluated = (experiment.runs ?? []).map(r => `${r.state}:${r.evaluatedCheckpoints}`).join(',');
    const signature = `${experiment.id}|${experiment.state}|${evaluated}|${jobs.join(',')}`;
    if (signature === this.#loaded) return;
    if (this.#experiment?.id !== experiment.id) {
      this.metric = null;
      $('verdict-step').replaceChildren();
    }
    this.#loaded = signature;
    this.#experiment = experiment;
    this.#comparison = await getOptional(`api/experiments/${experiment.id}/comparison`);
    const base = `api/experiments/${experiment.id}/comparison?format=csv&table=`;
    const has = part => Boolean(this.#comparison?.[part]?.length);
    setDownload($('curves-download'), has('curves') ? `${base}curves` : null);
    setDownload($('divergence-download'), has('divergence') ? `${base}divergence` : null);
    setDownload($('experiment-bias-download'), has('bias') ? `${base}bias` : null);
    // An experiment with a fine-tune has rows of both phases: the toggle shows the effects before or after it.
    const fineTuned = (this.#comparison?.endPoint ?? []).some(r => r.phase === 'finetune');
    $('verdict-phase-label').hidden = !fineTuned;
    if (!fineTuned) $('verdict-phase').value = 'pretrain';
    this.#fillSteps();
    renderDivergence($('divergence-chart'), this.#comparison?.divergence, waitingText(experiment));
    await this.#drawPhase();
  }

  #phase() {
    return $('verdict-phase').value || 'pretrain';
  }

  // Rows of the chosen phase; rows without a phase are the pretraining's.
  #ofPhase(rows) {
    return rows?.filter(r => (r.phase ?? 'pretrain') === this.#phase());
  }

  async #drawPhase() {
    // Checkpoint steps are the pretraining's: a fine-tune's are shown at its last checkpoint only.
    $('verdict-step').disabled = this.#phase() !== 'pretrain';
    await this.#drawVerdicts();
    this.#drawCurves();
    renderExperimentBias(
      $('experiment-bias-chart'),
      this.#ofPhase(this.#comparison?.bias),
      waitingText(this.#experiment),
    );
  }

  #fillSteps() {
    const select = $('verdict-step'),
      current = select.value;
    const pretrain = (this.#comparison?.curves ?? []).filter(c => (c.phase ?? 'pretrain') === 'pretrain');
    const steps = [...new Set(pretrain.map(c => c.step))].sort((a, b) => a - b);
    select.replaceChildren(
      el('option', { value: '', text: 'last' }),
      ...steps.map(s => el('option', { value: String(s), text: `step ${s}`, selected: String(s) === current })),
    );
  }

  async #drawVerdicts() {
    const id = this.#experiment.id,
      step = this.#phase() === 'pretrain' ? $('verdict-step').value : '';
    const rows =
      step === ''
        ? this.#ofPhase(this.#comparison?.endPoint)
        : await getJson(`api/experiments/${id}/verdicts?step=${step}`);
    renderVerdicts(
      $('verdict-table'),
      $('verdict-warning'),
      rows,
      metric => this.#pick(metric),
      waitingText(this.#experiment),
    );
    $('verdict-table').dataset.step = step === '' ? 'last' : step;
    setDownload(
      $('verdict-download'),
      rows?.length
        ? step === ''
          ? `api/experiments/${id}/comparison?format=csv&table=endpoint`
          : `api/experiments/${id}/verdicts?step=${step}&format=csv`
        : null,
    );
  }

  #pick(metric) {
    this.metric = metric;
    this.#drawCurves();
    for (const row of document.querySelectorAll('#verdict-table tr.verdict-row'))
      row.classList.toggle('picked', row.dataset.metric === metric);
    $('comparison-chart').scrollIntoView({ block: 'center' });
  }

  #drawCurves() {
    this.metric = renderComparison(
      $('comparison-chart'),
      $('comparison-table'),
      $('comparison-metric'),
      this.#ofPhase(this.#comparison?.curves),
      this.metric,
      $('comparison-log').checked,
      waitingText(this.#experiment),
    );
  }
}
