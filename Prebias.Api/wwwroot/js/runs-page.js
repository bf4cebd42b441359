// The #runs view: the runs table and the overlay of the ticked runs with its step slider.
import { el } from './format.js';
import { filterRuns, renderFilters, renderRunsTable, tableRows, rowsForCsv } from './runs-table.js';
import { renderOverlay, rowsAtStep, renderAtStep, quantities } from './overlay.js';
import { runData, finalValLoss } from './run-data.js';
import { setRowsDownload } from './download.js';
import { runLabel } from './labels.js';

const $ = id => document.getElementById(id);

export class RunsPage {
  view = { sort: { key: 'created', desc: true }, group: false, ticked: new Set() };
  filters = { search: '', state: '', ordering: '', dataset: '' };
  facts = new Map(); // run id → final val loss
  #runs = [];
  #rows = [];
  #overlayRows = [];
  #stepIndex = null;

  constructor() {
    const redraw = () => this.#render();
    $('runs-search').addEventListener('input', event => {
      this.filters.search = event.target.value;
      redraw();
    });
    for (const id of ['runs-state', 'runs-ordering', 'runs-dataset']) $(id).addEventListener('change', redraw);
    $('runs-group').addEventListener('change', event => {
      this.view.group = event.target.checked;
      this.view.ticked.clear();
      redraw();
    });
    $('overlay-quantity').addEventListener('change', redraw);
    $('overlay-log').addEventListener('change', redraw);
    $('overlay-step').addEventListener('input', event => {
      this.#stepIndex = Number(event.target.value);
      redraw();
    });
    setRowsDownload($('runs-download'), 'runs', () => rowsForCsv(this.#rows));
    setRowsDownload($('overlay-download'), 'runs-at-step', () => this.#overlayRows);
  }

  async show(state) {
    this.#runs = state.runs;
    // Final val losses for the table: one load per run and state (cached by run-data.js).
    const data = await Promise.all(state.runs.map(run => runData(run).catch(() => null)));
    state.runs.forEach((run, i) => {
      if (data[i]) this.facts.set(run.id, finalValLoss(data[i]));
    });
    renderFilters(state.runs, this.filters);
    await this.#render();
  }

  async #render() {
    renderFilters(this.#runs, this.filters);
    const runs = filterRuns(this.#runs, this.filters);
    this.#rows = tableRows(runs, this.facts, this.view);
    const known = new Set(this.#rows.map(r => r.id));
    for (const id of this.view.ticked) if (!known.has(id)) this.view.ticked.delete(id);
    renderRunsTable($('runs-table'), this.#rows, this.view, () => this.#render());
    await this.#renderOverlay();
  }

  async #renderOverlay() {
    const ticked = this.#rows.filter(r => this.view.ticked.has(r.id));
    const items = await Promise.all(
      ticked.map(async row => ({
        name: row.runs.length > 1 ? row.cells.name : runLabel(row.runs[0]),
        runs: row.runs,
        data: await Promise.all(row.runs.map(runData)),
      })),
    );
    $('overlay-count').textContent = items.length ? `(${items.length} ticked)` : '';
    const select = $('overlay-quantity'),
      current = select.value || 'valLoss';
    const options = quantities(items.flatMap(i => i.data));
    select.replaceChildren(
      ...options.map(([value, text]) => el('option', { value, text, selected: value === current })),
    );
    const quantity = options.some(([v]) => v === current) ? current : 'valLoss';
    const steps = [...new Set(items.flatMap(i => i.data.flatMap(d => d.checkpoints.map(c => c.step))))].sort(
      (a, b) => a - b,
    );
    const slider = $('overlay-step');
    slider.max = String(Math.max(0, steps.length - 1));
    if (this.#stepIndex === null || this.#stepIndex > steps.length - 1) this.#stepIndex = Math.max(0, steps.length - 1);
    slider.value = String(this.#stepIndex);
    slider.disabled = steps.length === 0;
    const step = steps[this.#stepIndex] ?? 0;
    $('overlay-step-label').textContent = steps.length ? `step ${step}` : '';
    slider.dataset.step = steps.length ? String(step) : '';
    renderOverlay($('overlay-chart'), items, quantity, $('overlay-log').checked, step);
    this.#overlayRows = rowsAtStep(items, step);
    renderAtStep($('overlay-at-step'), this.#overlayRows);
  }
}
