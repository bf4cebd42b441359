// The #dataset/<id> and #corpus/<id> views.
import { getJson, getOptional } from './api.js';
import { renderDatasetHeader, renderHistograms, renderCorpus } from './dataset-view.js';
import { SampleBrowser } from './sample-browser.js';
import { notice } from './format.js';

const $ = id => document.getElementById(id);

export class DataPages {
  #datasetKey = null;
  #corpusKey = null;
  #histograms = null;
  browser = new SampleBrowser();

  constructor() {
    $('histogram-density').addEventListener('change', () =>
      renderHistograms($('dataset-histograms'), this.#histograms, $('histogram-density').checked),
    );
  }

  async showDataset(dataset, state) {
    const corpus = state.corpora.find(c => c.id === dataset.corpusId);
    const key = `${dataset.id}|${dataset.state}|${state.jobs
      .filter(j => (j.resource ?? '').includes(dataset.id))
      .map(j => j.state)
      .join(',')}`;
    if (key === this.#datasetKey) return;
    this.#datasetKey = key;
    const ready = dataset.state === 'Ready';
    renderDatasetHeader($('dataset-header'), dataset, corpus, null, state.runs);
    const [summary, histograms] = ready
      ? await Promise.all([
          getOptional(`api/datasets/${dataset.id}/metrics/summary`),
          getOptional(`api/datasets/${dataset.id}/metrics/histograms?bins=30`),
        ])
      : [null, null];
    renderDatasetHeader($('dataset-header'), dataset, corpus, summary, state.runs);
    this.#histograms = histograms;
    if (!ready) {
      notice($('dataset-histograms'), `The dataset is ${dataset.state}: metrics appear once it is ready and scored.`);
      $('sample-browser').hidden = true;
      return;
    }
    $('sample-browser').hidden = false;
    renderHistograms($('dataset-histograms'), histograms, $('histogram-density').checked);
    this.browser.setDataset(
      dataset.id,
      (summary ?? []).map(s => s.metric),
    );
  }

  async showCorpus(corpus, state) {
    const key = `${corpus.id}|${corpus.state}`;
    if (key === this.#corpusKey) return;
    this.#corpusKey = key;
    const documents = corpus.state === 'Ready' ? await getJson(`api/corpora/${corpus.id}/documents?limit=10`) : null;
    renderCorpus($('corpus-header'), $('corpus-documents'), corpus, documents, state.datasets, state.corpora);
  }
}
