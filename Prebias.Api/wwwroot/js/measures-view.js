// Two cards of an evaluated run: next-token and next-word accuracy per checkpoint, and the PMI of word-set pairs
// across steps, on the training samples of each ledger window and on the checkpoint's generations. Each card creates
// itself inside the run view, before the checkpoint card.
import { getOptional } from './api.js';
import { el, notice } from './format.js';
import { draw, layout, palette } from './charts.js';

const accuracyMetrics = [
  ['next_token_top1_accuracy', 'next token, top-1'],
  ['next_token_top5_accuracy', 'next token, top-5'],
  ['next_word_accuracy', 'next word (first token of each word)'],
];

// The named word sets of GET api/runs/{id}/associations (AssociationSets.Named).
const wordSets = ['gender_female', 'gender_male', 'occupations', 'afinn_positive', 'afinn_negative'];
// 'data' rows count the samples the ledger says were trained on since the previous checkpoint.
const sourceNames = { data: 'ledger', generations: 'generations' };

/** A p below this under the permutation null marks a cell as more than chance co-occurrence. */
const significance = 0.05;

function card(runView, id, title, ...controls) {
  let section = document.getElementById(id);
  if (!section) {
    section = el(
      'section',
      { class: 'card', id },
      el('div', { class: 'card-title' }, el('h3', { text: title }), ...controls),
      el('div', { class: 'chart', id: `${id}-chart` }),
    );
    runView.insertBefore(section, document.getElementById('checkpoint-card'));
  }
  return section;
}

/** Top-1, top-5 and next-word accuracy on the validation samples at each evaluated checkpoint. */
export function renderAccuracy(runView, saturation) {
  const chart = card(runView, 'accuracy-card', 'Next-token and next-word accuracy (validation samples)')
    .querySelector('.chart');
  const rows = (saturation ?? []).filter(r => accuracyMetrics.some(([m]) => m === r.metric) && r.output != null);
  if (!rows.length) {
    notice(chart, 'Accuracy: not evaluated yet (POST api/runs/{id}/evaluations).');
    return;
  }
  const traces = accuracyMetrics
    .map(([metric, name], i) => {
      const points = rows.filter(r => r.metric === metric).sort((a, b) => a.step - b.step);
      return {
        name,
        meta: metric,
        x: points.map(p => p.step),
        y: points.map(p => p.output),
        mode: 'lines+markers',
        line: { color: palette[i] },
        hovertemplate: `${name}<br>step %{x}: %{y:.3f}<extra></extra>`,
      };
    })
    .filter(t => t.x.length);
  draw(
    chart,
    traces,
    layout({
      xaxis: { title: { text: 'checkpoint step' } },
      yaxis: { title: { text: 'accuracy' }, rangemode: 'tozero' },
      uirevision: 'accuracy',
    }),
  );
}

function setSelect(id, selected) {
  return el(
    'select',
    { id, multiple: true, size: 3 },
    ...wordSets.map(s => el('option', { value: s, text: s.replace('_', ' '), selected: selected.includes(s) })),
  );
}

/** Rows "source: A × B", columns the checkpoint steps, colour the PMI; a star marks p < 0.05 under the null. */
export function drawAssociations(chart, rows) {
  if (!rows?.length) {
    notice(chart, 'Associations: no evaluated checkpoint yet (POST api/runs/{id}/evaluations).');
    return;
  }
  const steps = [...new Set(rows.map(r => r.step))].sort((a, b) => a - b);
  const labels = [...new Set(rows.map(r => `${sourceNames[r.source] ?? r.source}: ${r.setA} × ${r.setB}`))].sort();
  const cell = (label, step) =>
    rows.find(r => r.step === step && `${sourceNames[r.source] ?? r.source}: ${r.setA} × ${r.setB}` === label);
  const grid = labels.map(label => steps.map(step => cell(label, step)));
  const flagged = c => c?.nullP != null && c.nullP < significance;
  const z = grid.map(line => line.map(c => c?.pmi ?? null));
  const bound = Math.max(0.1, ...z.flat().filter(v => v != null).map(Math.abs));
  chart.dataset.rows = String(labels.length);
  chart.dataset.steps = String(steps.length);
  chart.dataset.flagged = String(grid.flat().filter(flagged).length);
  draw(
    chart,
    [
      {
        type: 'heatmap',
        x: steps.map(String),
        y: labels,
        z,
        zmin: -bound,
        zmax: bound,
        colorscale: 'RdBu',
        reversescale: true,
        colorbar: { title: { text: 'PMI (nats)' } },
        text: grid.map(line => line.map(c => (c?.pmi == null ? '' : `${c.pmi.toFixed(2)}${flagged(c) ? '*' : ''}`))),
        texttemplate: '%{text}',
        customdata: grid.map(line =>
          line.map(c =>
            c
              ? `${c.countAB} of ${c.documents} texts hold both (A ${c.countA}, B ${c.countB})<br>` +
                `null mean ${c.nullMean?.toFixed(3) ?? '–'} · permutation p ${c.nullP?.toFixed(3) ?? '–'}`
              : '',
          ),
        ),
        hovertemplate: '%{y}<br>step %{x}: PMI %{z:.3f}<br>%{customdata}<extra></extra>',
      },
    ],
    layout({
      margin: { l: 260, r: 14, t: 28, b: 44 },
      xaxis: { title: { text: 'checkpoint step' }, type: 'category' },
      yaxis: { autorange: 'reversed' },
      height: Math.max(260, 60 + 34 * labels.length),
      uirevision: 'associations',
    }),
  );
}

/** The PMI card with set A and set B pickers; it reloads the table when either changes. */
export async function renderAssociations(runView, run) {
  const controls = [
    el('label', {}, 'set A ', setSelect('association-a', ['gender_female', 'gender_male'])),
    el('label', {}, 'set B ', setSelect('association-b', ['afinn_positive', 'afinn_negative'])),
    el('a', { id: 'association-download', class: 'download', text: 'CSV' }),
    el('span', {
      class: 'muted',
      text: `ledger: samples trained on since the previous checkpoint · * permutation p < ${significance}`,
    }),
  ];
  const section = card(runView, 'associations-card', 'Word-set associations (PMI) across steps', ...controls);
  const chart = section.querySelector('.chart');
  const load = async () => {
    const picked = id => [...document.getElementById(id).selectedOptions].map(o => o.value).join(',');
    const [a, b] = [picked('association-a'), picked('association-b')];
    if (!a || !b) {
      notice(chart, 'Pick at least one set A and one set B.');
      return;
    }
    const query = `api/runs/${run.id}/associations?${new URLSearchParams({ a, b })}`;
    document.getElementById('association-download').href = `${query}&format=csv`;
    chart.dataset.query = query;
    drawAssociations(chart, await getOptional(query));
  };
  if (section.dataset.runId !== run.id) {
    section.dataset.runId = run.id;
    for (const id of ['association-a', 'association-b']) document.getElementById(id).onchange = load;
  }
  await load();
}
