// Per-run charts: header facts, loss curves, bias probes over checkpoints, and the saturation curves.
import { el, badge, progressBar, notice, number, shortId, ago } from './format.js';
import { draw, layout, palette } from './charts.js';
import { runLabel, orderingLabel } from './sidebar.js';

export function renderRunHeader(container, run, job) {
  const model = run.model ?? {};
  const options = run.training?.options ?? {};
  const fact = (label, value) => el('span', { class: 'fact' }, `${label} `, el('b', { text: String(value) }));
  const active = job && ['Enqueued', 'Scheduled', 'Awaiting', 'Processing'].includes(job.state);
  container.replaceChildren(...[
    el('h2', {}, el('span', { text: runLabel(run) }), badge(run.state), el('span', { class: 'id', text: run.id })),
    fact('ordering', orderingLabel(run.ordering)),
    fact('seed', run.seed),
    fact('model', `${model.dim}d · ${model.nLayers} layers · ${model.nHeads} heads · vocab ${model.vocabSize ?? '?'}`),
    fact('batch', options.batchSize ?? '?'),
    fact('steps', `${run.stepsDone} / ${options.maxIters ?? '?'}`),
    fact('tokens/s', number(run.tokensPerSecond, 3)),
    fact('dataset', shortId(run.datasetId)),
    fact('created', ago(run.createdAt)),
    active ? el('span', { class: 'fact' }, `${job.type}: ${job.message ?? job.state}`, progressBar(job.progress)) : null,
    run.error ? el('span', { class: 'fact', style: 'color: var(--bad)', text: run.error }) : null,
  ].filter(Boolean));
}

/** Train loss per step (from api/runs/{id}/losses, or the checkpoints' estimate) and validation loss at checkpoints. */
export function renderLoss(container, checkpoints, losses) {
  const traces = [];
  if (losses?.length) {
    // A long run has one loss per step: draw at most ~4000 points (every k-th step, and the last).
    const stride = Math.ceil(losses.length / 4000);
    const shown = stride === 1 ? losses : losses.filter((_, i) => i % stride === 0 || i === losses.length - 1);
    traces.push({ name: 'train', x: shown.map(l => l.step), y: shown.map(l => l.loss), mode: 'lines', line: { color: palette[0], width: 1.5 } });
  } else if (checkpoints.some(c => c.trainLoss != null)) {
    traces.push({ name: 'train', x: checkpoints.map(c => c.step), y: checkpoints.map(c => c.trainLoss), mode: 'lines+markers', line: { color: palette[0] } });
  }
  if (checkpoints.some(c => c.valLoss != null)) {
    traces.push({ name: 'val', x: checkpoints.map(c => c.step), y: checkpoints.map(c => c.valLoss), mode: 'lines+markers',
      line: { color: palette[1], width: 2 }, marker: { size: 6 } });
  }
  if (traces.length === 0) { notice(container, 'No losses yet: the run has not started training.'); return; }
  draw(container, traces, layout({ xaxis: { title: { text: 'step' }, gridcolor: '#eef0f3' }, yaxis: { title: { text: 'cross-entropy (nats)' }, gridcolor: '#eef0f3' }, uirevision: 'loss' }));
}

/** One probe's scores over checkpoints: a thin line per subject (occupation) and the mean in bold. */
export function renderBias(container, select, rows, selectedProbe) {
  select.parentElement.hidden = !rows;
  if (!rows) { select.replaceChildren(); notice(container, 'Bias probes: not evaluated yet.'); return null; }
  const probes = [...new Set(rows.map(r => r.probe))];
  const probe = probes.includes(selectedProbe) ? selectedProbe : probes[0];
  select.replaceChildren(...probes.map(p => el('option', { value: p, text: p, selected: p === probe })));
  const ofProbe = rows.filter(r => r.probe === probe);
  const subjects = [...new Set(ofProbe.map(r => r.subject))].sort((a, b) => (a === '_mean') - (b === '_mean') || a.localeCompare(b));
  const traces = subjects.map((subject, i) => {
    const points = ofProbe.filter(r => r.subject === subject).sort((a, b) => a.step - b.step);
    const mean = subject === '_mean';
    return {
      name: mean ? 'mean' : subject, x: points.map(p => p.step), y: points.map(p => p.score), mode: mean ? 'lines+markers' : 'lines',
      line: { color: mean ? '#1f2430' : palette[i % palette.length], width: mean ? 3 : 1.2 }, opacity: mean ? 1 : 0.7,
      hovertemplate: `${mean ? 'mean' : subject}<br>step %{x}<br>score %{y:.3f}<extra></extra>`,
    };
  });
  const yTitle = probe === 'minimal_pairs' ? 'share stereotyped more likely' : 'log P(she) − log P(he)';
  draw(container, traces, layout({
    xaxis: { title: { text: 'step' }, gridcolor: '#eef0f3' },
    yaxis: { title: { text: probe === 'her_his' ? 'log P(her) − log P(his)' : yTitle }, gridcolor: '#eef0f3', zeroline: true, zerolinecolor: '#9aa3b2' },
    showlegend: subjects.length <= 12, uirevision: `bias-${probe}`,
  }));
  return probe;
}

/** Input (window dotted, cumulative solid) and output metric curves side by side; one colour per metric. */
export function renderSaturation(inputChart, outputChart, chips, rows, state) {
  if (!rows) {
    chips.replaceChildren();
    notice(inputChart, 'Saturation curves: not evaluated yet.');
    notice(outputChart, 'Output metrics appear once checkpoints are evaluated.');
    return;
  }
  const metrics = [...new Set(rows.map(r => r.metric))].sort();
  if (state.enabled === null) state.enabled = new Set(defaultMetrics(metrics));
  chips.replaceChildren(...metrics.map((metric, i) => {
    const on = state.enabled.has(metric);
    const chip = el('label', { class: `chip${on ? '' : ' off'}`, 'data-metric': metric },
      el('input', { type: 'checkbox', checked: on }), el('span', { class: 'swatch' }), metric);
    chip.querySelector('.swatch').style.background = palette[i % palette.length];
    chip.addEventListener('click', event => {
      event.preventDefault();
      if (on) state.enabled.delete(metric); else state.enabled.add(metric);
      renderSaturation(inputChart, outputChart, chips, rows, state);
    });
    return chip;
  }));
  const norm = state.scale === 'norm';
  const value = (row, field) => row[norm ? `${field}Norm` : field];
  const input = [], output = [];
  metrics.forEach((metric, i) => {
    if (!state.enabled.has(metric)) return;
    const points = rows.filter(r => r.metric === metric).sort((a, b) => a.step - b.step);
    const x = points.map(p => p.step), color = palette[i % palette.length];
    const samples = points.map(p => p.samplesSeen);
    const hover = `${metric} (%{meta})<br>step %{x} · %{customdata} samples<br>%{y:.4g}<extra></extra>`;
    input.push({ name: `${metric} cumulative`, meta: 'cumulative', x, y: points.map(p => value(p, 'inputCumulative')), customdata: samples, mode: 'lines', line: { color, width: 2 }, hovertemplate: hover, legendgroup: metric });
    input.push({ name: `${metric} window`, meta: 'window', x, y: points.map(p => value(p, 'inputWindow')), customdata: samples, mode: 'lines', line: { color, width: 1.2, dash: 'dot' }, hovertemplate: hover, legendgroup: metric });
    output.push({ name: metric, meta: 'output', x, y: points.map(p => value(p, 'output')), customdata: samples, mode: 'lines+markers', line: { color, width: 2 }, marker: { size: 5 }, hovertemplate: hover });
  });
  const yTitle = norm ? 'min–max normalised' : 'metric value';
  const axes = title => ({
    title: { text: title, font: { size: 12 } },
    xaxis: { title: { text: 'step' }, gridcolor: '#eef0f3' },
    yaxis: { title: { text: yTitle }, gridcolor: '#eef0f3', ...(norm ? { range: [-0.05, 1.05] } : {}) },
    margin: { l: 52, r: 10, t: 40, b: 40 }, showlegend: false, uirevision: `saturation-${state.scale}`,
  });
  draw(inputChart, input, layout(axes('Input: samples seen (solid cumulative, dotted window)')));
  draw(outputChart, output, layout(axes('Output: generated text')));
}

/** At most four metrics on at first (the rest one click away), sentiment and gender first when present. */
function defaultMetrics(metrics) {
  const preferred = metrics.filter(m => /sentiment|gender|she|he_share/i.test(m));
  return [...new Set([...preferred, ...metrics])].slice(0, 4);
}
