// A dataset page: its counts, the corpus it came from (with a synthetic corpus's ground-truth dials next to the
// measured means), and one histogram per metric with train and val overlaid on shared bins.
import { el, badge, notice, number, shortId, ago } from './format.js';
import { draw, layout, palette, translucent } from './charts.js';

const fact = (label, value) => el('span', { class: 'fact' }, `${label} `, el('b', { text: String(value ?? '–') }));

/** The corpus's source spec (the import spec wraps it as "source", with its bad-document policy beside it). */
const sourceOf = corpus => corpus?.source?.source ?? corpus?.source;

/** A synthetic corpus's dials (what its generator was told), as [name, value] pairs; [] for other sources. */
export function dialsOf(corpus) {
  const synthetic = sourceOf(corpus)?.synthetic;
  if (!synthetic) return [];
  return Object.entries(synthetic)
    .filter(([key]) => key !== 'seed' && key !== 'documents')
    .map(([key, value]) => [
      key,
      typeof value === 'object'
        ? Object.entries(value)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')
        : value,
    ]);
}

/** The dials as a row of chips (nothing for a corpus without dials). */
function dialsRow(dials) {
  if (!dials.length) return null;
  const chips = dials.map(([k, v]) => el('span', { class: 'dial', 'data-dial': k, text: `${k} = ${v}` }));
  return el('div', { class: 'dials' }, el('b', { text: 'ground-truth dials ' }), ...chips);
}

/** The document attributes copied as metrics (attr.*), with their means (nothing before POST …/attributes). */
function attributesRow(summary) {
  const attributes = (summary ?? []).filter(s => s.metric.startsWith('attr.'));
  if (!attributes.length) return null;
  return el(
    'div',
    { class: 'dials attributes' },
    el('b', { text: 'document attributes (mean) ' }),
    ...attributes.map(s =>
      el('span', { class: 'dial', 'data-metric': s.metric, text: `${s.metric} = ${number(s.mean, 3)}` }),
    ),
  );
}

/** A mixture's parts: each corpus (linked) with its weight and share of the documents, then size and seed. */
function mixtureRow(source, corpora) {
  const parts = source?.kind === 'mixture' ? (source.parts ?? []) : [];
  if (!parts.length) return null;
  const total = parts.reduce((sum, p) => sum + p.weight, 0);
  return el(
    'div',
    { class: 'dials mixture' },
    el('b', { text: `mixture of ${parts.length} (size ${number(source.size)}, seed ${source.seed ?? 0}) ` }),
    ...parts.map((p, i) =>
      el(
        'span',
        { class: 'dial mixture-part', 'data-origin': i, 'data-weight': p.weight },
        `origin ${i}: `,
        el('a', {
          href: `#corpus/${p.corpusId}`,
          class: 'corpus-link',
          text: corpora.find(c => c.id === p.corpusId)?.name ?? shortId(p.corpusId),
        }),
        ` weight ${p.weight} (${number((100 * p.weight) / total, 3)}%)`,
      ),
    ),
  );
}

export function renderDatasetHeader(container, dataset, corpus, summary, runs) {
  const usedBy = runs.filter(r => r.datasetId === dataset.id);
  const dials = dialsOf(corpus);
  const means = (summary ?? [])
    .filter(s => /sentiment|happy|profan|he_share|gender|occupation/i.test(s.metric))
    .slice(0, 6);
  container.replaceChildren(
    ...[
      el(
        'h2',
        {},
        el('span', { text: `dataset ${shortId(dataset.id)}` }),
        badge(dataset.state),
        el('span', { class: 'id', text: dataset.id }),
      ),
      el(
        'span',
        { class: 'fact' },
        'corpus ',
        el('a', {
          href: `#corpus/${dataset.corpusId}`,
          class: 'corpus-link',
          text: corpus?.name ?? shortId(dataset.corpusId),
        }),
      ),
      fact('samples', number(dataset.sampleCount)),
      fact('train', number(dataset.trainCount)),
      fact('val', number(dataset.valCount)),
      fact('truncated', number(dataset.truncatedCount)),
      fact('tokens', number(dataset.tokenCount)),
      fact('max length', dataset.maxSeqLen),
      fact('created', ago(dataset.createdAt)),
      dataset.error ? el('span', { class: 'fact error-text', text: dataset.error }) : null,
      dialsRow(dials),
      means.length
        ? el(
            'div',
            { class: 'dials measured' },
            el('b', { text: 'measured means ' }),
            ...means.map(s =>
              el('span', { class: 'dial', 'data-metric': s.metric, text: `${s.metric} = ${number(s.mean, 3)}` }),
            ),
          )
        : null,
      attributesRow(summary),
      el(
        'div',
        { class: 'run-links' },
        el('span', { class: 'muted', text: `${usedBy.length} run${usedBy.length === 1 ? '' : 's'} use it: ` }),
        ...usedBy.slice(0, 30).map(r => el('a', { href: `#run/${r.id}`, text: r.name || shortId(r.id) })),
      ),
    ].filter(Boolean),
  );
}

export function renderHistograms(container, histograms, density) {
  if (!histograms?.length) {
    notice(container, 'No sample metrics yet: POST api/datasets/{id}/metrics computes them.');
    return;
  }
  container.replaceChildren(
    ...histograms.map(h => {
      const div = el('div', { class: 'chart small', 'data-metric': h.metric });
      const width = (h.upper - h.lower) / h.bins || 1;
      const x = h.train.map((_, i) => h.lower + (i + 0.5) * width);
      const total = counts => counts.reduce((s, v) => s + v, 0) || 1;
      const y = counts => (density ? counts.map(v => v / total(counts)) : counts);
      const traces = [
        ['train', h.train, palette[0]],
        ['val', h.val, palette[1]],
      ].map(([name, counts, color]) => ({
        type: 'bar',
        name: `${name} (n = ${total(counts)})`,
        x,
        y: y(counts),
        width,
        marker: { color: translucent(color, 0.55), line: { color, width: 0.5 } },
        hovertemplate: `${name}<br>%{x:.3g}<br>%{y:.3g}<extra></extra>`,
      }));
      queueMicrotask(() =>
        draw(
          div,
          traces,
          layout({
            barmode: 'overlay',
            bargap: 0,
            title: { text: h.metric, font: { size: 12 } },
            margin: { l: 44, r: 8, t: 30, b: 50 },
            legend: { orientation: 'h', x: 0, y: -0.12, yanchor: 'top', font: { size: 9.5 } },
            yaxis: { title: { text: density ? 'share of split' : 'samples' } },
            uirevision: `histogram-${h.metric}-${density}`,
          }),
        ),
      );
      return div;
    }),
  );
}

export function renderCorpus(header, documentsView, corpus, documents, datasets, corpora) {
  const dials = dialsOf(corpus);
  const keys = [...new Set((documents ?? []).flatMap(d => Object.keys(d.attributes ?? {})))].sort();
  header.replaceChildren(
    ...[
      el(
        'h2',
        {},
        el('span', { text: `corpus ${corpus.name}` }),
        badge(corpus.state),
        el('span', { class: 'id', text: corpus.id }),
      ),
      fact('source', sourceOf(corpus)?.kind),
      fact('documents', number(corpus.documentCount)),
      fact('bytes', number(corpus.bytes)),
      fact('skipped', number(corpus.skippedDocuments)),
      fact('sha256', corpus.sha256 ? corpus.sha256.slice(0, 12) : '–'),
      corpus.error ? el('span', { class: 'fact error-text', text: corpus.error }) : null,
      dialsRow(dials),
      mixtureRow(sourceOf(corpus), corpora),
      keys.length
        ? el(
            'div',
            { class: 'dials document-attributes' },
            el('b', { text: 'document attributes ' }),
            ...keys.map(k => el('span', { class: 'dial', 'data-attribute': k, text: k })),
            el('span', { class: 'muted', text: ' (numeric and boolean ones become attr.<name> metrics of a dataset)' }),
          )
        : null,
      el(
        'div',
        { class: 'run-links' },
        el('span', { class: 'muted', text: 'datasets: ' }),
        ...datasets
          .filter(d => d.corpusId === corpus.id)
          .map(d => el('a', { href: `#dataset/${d.id}`, class: 'dataset-link', text: shortId(d.id) })),
      ),
    ].filter(Boolean),
  );
  if (!documents) {
    notice(documentsView, `The corpus is ${corpus.state}: no documents to show yet.`);
    return;
  }
  documentsView.replaceChildren(
    ...documents.map((d, i) =>
      el(
        'div',
        { class: 'sample' },
        el(
          'div',
          { class: 'head' },
          el('b', { text: `document ${d.index ?? i}` }),
          ...Object.entries(d.attributes ?? {}).map(([k, v]) => el('span', { class: 'dial', text: `${k} = ${v}` })),
        ),
        el('div', { class: 'text', text: d.text }),
      ),
    ),
  );
}
