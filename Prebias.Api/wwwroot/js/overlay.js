// The overlay of ticked runs (a group draws its mean with a min–max band over its seeds): validation or train loss,
// or any output or input metric, on a linear or log step axis; the step slider lists every ticked run's values at
// the chosen checkpoint.
import { el, notice, number } from './format.js';
import { draw, layout, palette, band, stepAxis, stepX } from './charts.js';
import { runLabel } from './labels.js';

/** The series of one run for a quantity: [{ step, value }] in step order. */
export function seriesOf(data, quantity) {
  if (quantity === 'valLoss')
    return data.checkpoints.filter(c => c.valLoss != null).map(c => ({ step: c.step, value: c.valLoss }));
  if (quantity === 'trainLoss') {
    return data.losses.length
      ? data.losses.map(l => ({ step: l.step, value: l.loss }))
      : data.checkpoints.filter(c => c.trainLoss != null).map(c => ({ step: c.step, value: c.trainLoss }));
  }
  const [side, metric] = quantity.split(':');
  return (data.saturation ?? [])
    .filter(r => r.metric === metric && r[side === 'input' ? 'inputCumulative' : 'output'] != null)
    .sort((a, b) => a.step - b.step)
    .map(r => ({ step: r.step, value: side === 'input' ? r.inputCumulative : r.output }));
}

/** The value at the last point at or before step (a run shows where it stood then), or null. */
export function valueAt(series, step) {
  let found = null;
  for (const p of series) if (p.step <= step) found = p;
  return found;
}

export function quantities(dataList) {
  const metrics = [...new Set(dataList.flatMap(d => (d.saturation ?? []).map(r => r.metric)))].sort();
  return [
    ['valLoss', 'val loss'],
    ['trainLoss', 'train loss'],
    ...metrics.map(m => [`output:${m}`, `${m} (output)`]),
    ...metrics.map(m => [`input:${m}`, `${m} (input, cumulative)`]),
  ];
}

export function renderOverlay(chart, items, quantity, log, step) {
  if (items.length === 0) {
    notice(chart, 'Tick runs (or groups) in the table to overlay them.');
    return;
  }
  const traces = [],
    steps = [];
  items.forEach((item, i) => {
    const color = palette[i % palette.length];
    const all = item.data.map(d => seriesOf(d, quantity));
    const xs = [...new Set(all.flatMap(s => s.map(p => p.step)))].sort((a, b) => a - b);
    steps.push(...xs);
    if (item.data.length === 1) {
      traces.push({
        name: item.name,
        x: stepX(xs, log),
        y: all[0].map(p => p.value),
        mode: 'lines+markers',
        line: { color, width: 2 },
        marker: { size: 4 },
      });
      return;
    }
    const at = xs.map(s => all.map(series => series.find(p => p.step === s)?.value).filter(v => v !== undefined));
    const x = stepX(xs, log);
    traces.push(
      ...band(
        x,
        at.map(v => Math.max(...v)),
        at.map(v => Math.min(...v)),
        color,
        item.name,
      ),
    );
    traces.push({
      name: `${item.name} (mean of ${item.data.length})`,
      x,
      y: at.map(v => v.reduce((s, a) => s + a, 0) / v.length),
      mode: 'lines+markers',
      line: { color, width: 2.2 },
      marker: { size: 4 },
    });
  });
  const marker = log ? step + 1 : step;
  draw(
    chart,
    traces,
    layout({
      xaxis: stepAxis(log, steps),
      yaxis: { title: { text: quantity.replace(':', ' · ') } },
      uirevision: `overlay-${quantity}-${log}`,
      shapes: [
        {
          type: 'line',
          xref: 'x',
          yref: 'paper',
          x0: marker,
          x1: marker,
          y0: 0,
          y1: 1,
          line: { color: '#9aa3b2', width: 1, dash: 'dot' },
        },
      ],
    }),
  );
  chart.dataset.traces = traces.filter(t => t.name).length;
}

/** One row per ticked run: where it stood at the chosen step (the last checkpoint at or before it). */
export function rowsAtStep(items, step) {
  return items.flatMap(item =>
    item.runs.map((run, i) => {
      const data = item.data[i];
      const checkpoint = valueAt(
        data.checkpoints.map(c => ({ step: c.step, value: c })),
        step,
      )?.value;
      const outputs = {};
      for (const r of data.saturation ?? [])
        if (r.step === checkpoint?.step && r.output != null) outputs[r.metric] = r.output;
      return {
        runId: run.id,
        run: runLabel(run),
        seed: run.seeds?.init ?? run.seed,
        checkpoint: checkpoint?.step ?? null,
        valLoss: checkpoint?.valLoss ?? null,
        trainLoss: checkpoint?.trainLoss ?? null,
        ...outputs,
      };
    }),
  );
}

/** A measured value (shown to 4 digits), not an id, a step or a seed. */
const measured = (key, value) => typeof value === 'number' && key !== 'checkpoint' && key !== 'seed';

export function renderAtStep(container, rows) {
  if (rows.length === 0) {
    container.replaceChildren();
    return;
  }
  const keys = [...new Set(rows.flatMap(r => Object.keys(r)))].filter(k => k !== 'runId');
  container.replaceChildren(
    el(
      'table',
      { class: 'data at-step' },
      el('thead', {}, el('tr', {}, ...keys.map(k => el('th', { text: k })))),
      el(
        'tbody',
        {},
        ...rows.map(r =>
          el(
            'tr',
            { 'data-run-id': r.runId },
            ...keys.map(k =>
              el('td', {
                'data-key': k,
                text: measured(k, r[k]) ? number(r[k], 4) : (r[k] ?? '–'),
              }),
            ),
          ),
        ),
      ),
    ),
  );
}
