// The sample browser of a dataset: samples sorted and filtered by any metric or copied document attribute (attr.*,
// GET api/datasets/{id}/samples), each with its text, metrics and attributes; a bad filter shows the API's message,
// which names the field.
import { el, number } from './format.js';
import { setDownload } from './download.js';

const $ = id => document.getElementById(id);
const pageSize = 20;

export class SampleBrowser {
  #datasetId = null;
  #next = null;
  #ticket = 0;

  constructor() {
    $('sample-filter').addEventListener('submit', event => {
      event.preventDefault();
      this.load(false);
    });
    $('sample-more').addEventListener('click', () => this.load(true));
  }

  /** Shows a dataset's samples, sorted by the first metric with the sort select's choices. */
  setDataset(datasetId, metrics) {
    const select = $('sample-sort');
    if (this.#datasetId !== datasetId || select.options.length !== metrics.length + 1) {
      const current =
        this.#datasetId === datasetId ? select.value : metrics.includes('sentiment') ? 'sentiment' : (metrics[0] ?? '');
      const option = m => el('option', { value: m, text: m, selected: m === current });
      const attributes = metrics.filter(m => m.startsWith('attr.'));
      select.replaceChildren(
        el('option', { value: '', text: 'sample id' }),
        ...metrics.filter(m => !m.startsWith('attr.')).map(option),
        ...(attributes.length ? [el('optgroup', { label: 'document attributes' }, ...attributes.map(option))] : []),
      );
    }
    if (this.#datasetId === datasetId) return;
    this.#datasetId = datasetId;
    this.load(false);
  }

  query(format) {
    const query = new URLSearchParams({ limit: format ? '1000' : String(pageSize) });
    const sort = $('sample-sort').value;
    if (sort) {
      query.set('sort', sort);
      query.set('order', $('sample-order').value);
    }
    if ($('sample-min').value !== '') query.set('min', $('sample-min').value);
    if ($('sample-max').value !== '') query.set('max', $('sample-max').value);
    if ($('sample-split').value) query.set('split', $('sample-split').value);
    if (format) query.set('format', format);
    return `api/datasets/${this.#datasetId}/samples?${query}`;
  }

  async load(more) {
    const ticket = ++this.#ticket;
    const path = more ? `${this.query()}&after=${encodeURIComponent(this.#next)}` : this.query();
    setDownload($('sample-download'), this.query('csv'));
    const response = await fetch(path, { headers: { Accept: 'application/json' } });
    const body = await response.json().catch(() => ({}));
    if (ticket !== this.#ticket) return;
    const list = $('sample-list'),
      error = $('sample-error');
    if (!response.ok) {
      const fields = body.errors
        ? Object.entries(body.errors)
            .map(([k, v]) => `${k}: ${v.join(' ')}`)
            .join(' · ')
        : '';
      error.textContent = fields || body.detail || `${response.status} ${response.statusText}`;
      error.hidden = false;
      list.replaceChildren();
      $('sample-more').hidden = true;
      delete list.dataset.loaded;
      return;
    }
    error.hidden = true;
    this.#next = body.next;
    const sort = $('sample-sort').value;
    const cards = body.items.map(s => sampleCard(s, sort));
    if (more) list.append(...cards);
    else list.replaceChildren(...cards);
    if (!more && cards.length === 0)
      list.replaceChildren(el('div', { class: 'notice', text: 'No sample matches these filters.' }));
    $('sample-more').hidden = !body.next;
    list.dataset.loaded = String(list.querySelectorAll('.sample').length);
    list.dataset.query = path; // what the list shows (tests wait for it)
  }
}

function sampleCard(sample, sort) {
  const metrics = Object.entries(sample.metrics ?? {}).filter(([, v]) => v !== null);
  metrics.sort(([a], [b]) => (b === sort) - (a === sort) || a.localeCompare(b));
  return el(
    'div',
    { class: 'sample', 'data-sample-id': sample.id, 'data-sort-value': sort ? (sample.metrics?.[sort] ?? '') : '' },
    el(
      'div',
      { class: 'head' },
      el('b', { text: `sample ${sample.id}` }),
      el('span', { class: `badge mode`, text: sample.split }),
      el('span', { class: 'muted', text: `${sample.tokenizerTokens} tokens` }),
    ),
    el('div', { class: 'text', text: sample.preview }),
    el(
      'div',
      { class: 'metric-chips' },
      ...metrics.map(([k, v]) =>
        el('span', {
          class: `metric-chip${k === sort ? ' sorted' : ''}`,
          'data-metric': k,
          text: `${k} ${number(v, 3)}`,
        }),
      ),
    ),
  );
}
