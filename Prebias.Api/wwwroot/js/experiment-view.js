// An experiment: its runs named by ordering and seed, and the curve of one output metric per ordering (mean,
// min–max band over seeds).
import { el, badge, notice, shortId } from './format.js';
import { draw, layout, palette, band, stepAxis, stepX } from './charts.js';
import { orderingLabel } from './labels.js';
import { stateName } from './states.js';
import { resourceActions } from './resource-actions.js';

export function renderExperimentHeader(container, experiment, onChange) {
  const byOrdering = new Map();
  for (const run of experiment.runs ?? []) byOrdering.set(run.ordering, [...(byOrdering.get(run.ordering) ?? []), run]);
  const trained = (experiment.runs ?? []).filter(r => stateName(r.state) === 'Succeeded').length;
  // Order seeds are named only where they vary (by default every run shares one).
  const orderSeeds = new Set((experiment.runs ?? []).map(r => r.orderSeed)).size > 1;
  container.replaceChildren(
    ...[
      el(
        'h2',
        {},
        el('span', { text: experiment.name || `experiment ${shortId(experiment.id)}` }),
        badge(experiment.state),
        el('span', { class: 'id', text: experiment.id }),
        resourceActions('experiments', experiment, onChange),
      ),
      el(
        'span',
        { class: 'fact' },
        'dataset ',
        el('a', {
          href: `#dataset/${experiment.datasetId}`,
          class: 'dataset-link',
          text: shortId(experiment.datasetId),
        }),
      ),
      el(
        'span',
        { class: 'fact' },
        'runs trained ',
        el('b', { text: `${trained} / ${(experiment.runs ?? []).length}` }),
      ),
      el(
        'span',
        { class: 'fact' },
        'progress ',
        el('b', { text: `${Math.round((experiment.progress ?? 0) * 100)} %` }),
      ),
      experiment.error ? el('span', { class: 'fact error-text', text: experiment.error }) : null,
      el(
        'div',
        { class: 'seed-groups' },
        ...[...byOrdering.entries()].map(([ordering, runs]) =>
          el(
            'div',
            { class: 'seed-group', 'data-ordering': ordering },
            el('b', { text: ordering }),
            ' ',
            ...runs.map(r =>
              el('a', {
                href: `#run/${r.id}`,
                'data-run-id': r.id,
                class: 'seed-link',
                title: stateName(r.state),
                text: `seed ${r.seed}${orderSeeds ? ` · order ${r.orderSeed}` : ''}`,
              }),
            ),
          ),
        ),
      ),
    ].filter(Boolean),
  );
}

/** Mean line per ordering with a min–max band across seeds; the baseline dashed. Returns the metric shown. */
export function renderComparison(chart, table, select, rows, selectedMetric, log, waiting) {
  if (!rows?.length) {
    select.replaceChildren();
    table.replaceChildren();
    notice(chart, waiting);
    return null;
  }
  const metrics = [...new Set(rows.map(r => r.metric))].sort();
  const metric = metrics.includes(selectedMetric)
    ? selectedMetric
    : (metrics.find(m => /sentiment/.test(m)) ?? metrics[0]);
  select.replaceChildren(...metrics.map(m => el('option', { value: m, text: m, selected: m === metric })));
  const ofMetric = rows.filter(r => r.metric === metric);
  const orderings = [...new Set(ofMetric.map(r => orderingLabel(r.ordering)))].sort(
    (a, b) => ofMetric.find(r => r.ordering === b).isBaseline - ofMetric.find(r => r.ordering === a).isBaseline,
  );
  const traces = [];
  orderings.forEach((name, i) => {
    const points = ofMetric.filter(r => r.ordering === name).sort((a, b) => a.step - b.step);
    const color = palette[i % palette.length],
      x = stepX(
        points.map(p => p.step),
        log,
      ),
      baseline = points[0].isBaseline;
    traces.push(
      ...band(
        x,
        points.map(p => p.max),
        points.map(p => p.min),
        color,
        name,
      ),
    );
    traces.push({
      name: baseline ? `${name} (baseline)` : name,
      x,
      y: points.map(p => p.mean),
      mode: 'lines+markers',
      legendgroup: name,
      line: { color, width: 2.2, dash: baseline ? 'dash' : 'solid' },
      marker: { size: 5 },
      customdata: points.map(p => [p.std, p.min, p.max, p.seeds, p.step]),
      hovertemplate:
        `${name}<br>step %{customdata[4]}<br>mean %{y:.4g} ± %{customdata[0]:.3g}` +
        '<br>min %{customdata[1]:.4g} · max %{customdata[2]:.4g}<br>%{customdata[3]} seeds<extra></extra>',
    });
  });
  draw(
    chart,
    traces,
    layout({
      xaxis: stepAxis(
        log,
        ofMetric.map(r => r.step),
      ),
      yaxis: { title: { text: `${metric} (output)` } },
      uirevision: `${metric}-${log}`,
    }),
  );
  chart.dataset.metric = metric;
  table.replaceChildren();
  return metric;
}

/** What the experiment is waiting for, in words (never "undefined" or "-Infinity"). */
export function waitingText(experiment) {
  const runs = experiment.runs ?? [];
  const trained = runs.filter(r => stateName(r.state) === 'Succeeded').length;
  const evaluated = runs.reduce((s, r) => s + r.evaluatedCheckpoints, 0);
  const checkpoints = runs.reduce((s, r) => s + r.checkpoints, 0);
  const state = stateName(experiment.state);
  if (state === 'Failed' || state === 'Cancelled')
    return `The experiment is ${state.toLowerCase()}: nothing to compare.`;
  return (
    `Waiting for results: ${trained} of ${runs.length} runs trained, ` +
    `${evaluated} of ${checkpoints} checkpoints evaluated.`
  );
}
