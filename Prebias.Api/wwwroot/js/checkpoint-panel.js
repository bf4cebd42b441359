// The checkpoint card: selectors A and B (B for side-by-side comparison), tabs for attention, embeddings, layer
// similarity and generations. Each tab draws into a div with the id "<tab>-a" or "<tab>-b".
import { getOptional } from './api.js';
import { el, notice, number, piece } from './format.js';
import { renderAttention } from './attention.js';
import { renderEmbeddings, renderLayers, renderGenerations } from './checkpoint-views.js';

const sources = {
  attention: {
    path: 'attention',
    missing: 'Attention: nothing saved for this checkpoint.',
    render: (div, data, panel) => renderAttention(div, data, panel.query),
  },
  embeddings: { path: 'embeddings', missing: 'Embeddings: not evaluated yet.', render: renderEmbeddings },
  layers: { path: 'layers', missing: 'Layer similarity: not evaluated yet.', render: renderLayers },
  generations: {
    path: 'generations',
    missing: 'Generations: not evaluated yet.',
    render: renderGenerations,
    load: generationsWithScores,
  },
};

/** The generations of a checkpoint with each text's metric scores (scores missing → the texts alone). */
async function generationsWithScores(base) {
  const rows = await getOptional(`${base}/generations`);
  if (!rows) return null;
  const scores = await getOptional(`${base}/generations/scores`).catch(() => null);
  return rows.map((g, i) => ({ ...g, scores: scores?.[i]?.scores ?? null }));
}

export class CheckpointPanel {
  tab = 'attention';
  query = -1; // -1: every query token (the full T×T grid)
  #run = null;
  #steps = [];
  #tickets = { a: 0, b: 0 };

  constructor(cache) {
    this.cache = cache;
    this.selectA = document.getElementById('checkpoint-a');
    this.selectB = document.getElementById('checkpoint-b');
    this.compare = document.getElementById('compare-toggle');
    this.querySelect = document.getElementById('attention-query');
    this.selectA.addEventListener('change', () => this.render('a'));
    this.selectB.addEventListener('change', () => this.render('b'));
    this.compare.addEventListener('change', () => this.#layout());
    let resizeTimer;
    window.addEventListener('resize', () => {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(() => this.#redraw(), 250);
    });
    this.querySelect.addEventListener('change', () => {
      this.query = Number(this.querySelect.value);
      this.renderAll();
    });
    for (const button of document.querySelectorAll('.tabs button[data-tab]')) {
      button.addEventListener('click', () => {
        this.tab = button.dataset.tab;
        for (const b of document.querySelectorAll('.tabs button[data-tab]')) b.classList.toggle('active', b === button);
        document.getElementById('attention-query-option').hidden = this.tab !== 'attention';
        this.renderAll();
      });
    }
  }

  /** The run shown, and the step chosen in selector A (the prompt box generates with it). */
  get selection() {
    return this.#run ? { runId: this.#run.id, step: Number(this.selectA.value) } : null;
  }

  /** Called when the run or its checkpoints change; keeps the chosen steps when they still exist. */
  setRun(run, checkpoints) {
    const sameRun = this.#run?.id === run.id;
    const steps = checkpoints.map(c => c.step);
    if (sameRun && steps.join() === this.#steps.join()) return;
    const previousA = sameRun ? Number(this.selectA.value) : null,
      previousB = sameRun ? Number(this.selectB.value) : null;
    this.#run = run;
    this.#steps = steps;
    if (!sameRun) {
      this.query = -1;
      this.querySelect.replaceChildren(el('option', { value: -1, text: 'all (T×T per head)' }));
    }
    const option = c =>
      el('option', {
        value: c.step,
        title: `${number(c.samplesSeen)} samples seen`,
        text: `step ${c.step}${c.valLoss != null ? ` · val ${c.valLoss.toFixed(3)}` : ''}`,
      });
    this.selectA.replaceChildren(...checkpoints.map(option));
    this.selectB.replaceChildren(...checkpoints.map(option));
    const a = steps.includes(previousA) ? previousA : steps.at(-1);
    const b = steps.includes(previousB) ? previousB : (steps.find(s => s > 0) ?? steps[0]);
    if (a !== undefined) this.selectA.value = String(a);
    if (b !== undefined) this.selectB.value = String(b);
    this.renderAll();
  }

  #layout() {
    const on = this.compare.checked;
    this.selectB.disabled = !on;
    document.getElementById('panel-b').hidden = !on;
    document.getElementById('checkpoint-panels').classList.toggle('compare', on);
    this.#redraw();
  }

  /** The panels' width changed: drop the charts so they are drawn again at the new size. */
  #redraw() {
    for (const view of document.querySelectorAll('#checkpoint-panels .view')) {
      if (view.firstElementChild?.classList.contains('js-plotly-plot')) window.Plotly.purge(view.firstElementChild);
      view.replaceChildren();
    }
    this.renderAll();
  }

  renderAll() {
    this.render('a');
    if (this.compare.checked) this.render('b');
  }

  /** Draws the current tab for side a or b; a newer call for the same side wins over a slower older one. */
  async render(side) {
    const view = document.getElementById(`view-${side}`);
    if (!this.#run || this.#steps.length === 0) {
      view.replaceChildren();
      notice(view, 'No checkpoints yet.');
      return;
    }
    const ticket = ++this.#tickets[side];
    const tab = this.tab,
      step = Number((side === 'a' ? this.selectA : this.selectB).value);
    const source = sources[tab];
    let div = view.firstElementChild;
    if (div?.id !== `${tab}-${side}`) {
      if (div?.classList.contains('js-plotly-plot')) window.Plotly.purge(div);
      div = el('div', { id: `${tab}-${side}`, class: 'chart' });
      view.replaceChildren(div);
    }
    let data;
    try {
      const base = `api/runs/${this.#run.id}/checkpoints/${step}`;
      data = await this.cache.get(`${this.#run.id}/${step}/${tab}`, () =>
        source.load ? source.load(base) : getOptional(`${base}/${source.path}`),
      );
    } catch (error) {
      if (ticket === this.#tickets[side]) notice(div, `Could not load ${tab}: ${error.message}`);
      return;
    }
    if (ticket !== this.#tickets[side]) return;
    if (!data) {
      notice(div, source.missing);
      div.dataset.step = step;
      return;
    }
    if (tab === 'attention' && side === 'a') this.#fillQueries(data);
    await source.render(div, data, this);
    if (tab === 'embeddings' && this.compare.checked) this.#shareEmbeddingAxes();
    if (ticket === this.#tickets[side]) div.dataset.step = step; // tests wait for this: the chart shows `step`
  }

  /** A and B embeddings on the same axis ranges, so that a spread or a shift between checkpoints is visible. */
  #shareEmbeddingAxes() {
    const charts = ['a', 'b'].map(s => document.getElementById(`embeddings-${s}`)).filter(c => c?.data?.length);
    if (charts.length !== 2) return;
    const range = axis => {
      const values = charts.flatMap(c => c.data[0][axis]);
      const low = Math.min(...values),
        high = Math.max(...values),
        pad = (high - low) * 0.05 || 1;
      return [low - pad, high + pad];
    };
    const shared = { 'xaxis.range': range('x'), 'yaxis.range': range('y') };
    for (const chart of charts) window.Plotly.relayout(chart, shared);
  }

  #fillQueries(data) {
    if (this.querySelect.options.length === data.pieces.length + 1) return;
    this.querySelect.replaceChildren(
      el('option', { value: -1, text: 'all (T×T per head)' }),
      ...data.pieces.map((p, i) => el('option', { value: i, text: `${i}: ${piece(p)}` })),
    );
    this.querySelect.value = String(this.query);
  }
}
