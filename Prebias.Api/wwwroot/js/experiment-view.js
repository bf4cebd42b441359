// An experiment: its runs, and each ordering's output metric over checkpoints with the spread across seeds.
import { el, badge, notice, number, shortId } from './format.js';
import { draw, layout, palette, translucent } from './charts.js';
import { runLabel, orderingLabel } from './sidebar.js';

const label = ordering => (typeof ordering === 'string' ? ordering : orderingLabel(ordering));

export function renderExperimentHeader(container, experiment, runsById) {
  container.replaceChildren(
    el('h2', {}, el('span', { text: experiment.name || `experiment ${shortId(experiment.id)}` }), badge(experiment.state), el('span', { class: 'id', text: experiment.id })),
    el('div', { class: 'run-links' }, ...(experiment.runIds ?? []).map(id => {
      const run = runsById.get(id);
      return el('a', { href: `#run/${id}`, 'data-run-id': id, text: run ? `${runLabel(run)} · ${label(run.ordering)} · seed ${run.seed}` : shortId(id) });
    })));
}

/** Mean line per ordering with a min–max band across seeds; the baseline dashed. Returns the metric shown. */
export function renderComparison(chart, table, select, rows, selectedMetric) {
  if (!rows) { select.replaceChildren(); table.replaceChildren(); notice(chart, 'Comparison: not computed yet (runs still training or not evaluated).'); return null; }
  const metrics = [...new Set(rows.map(r => r.metric))].sort();
  const metric = metrics.includes(selectedMetric) ? selectedMetric : (metrics.find(m => /sentiment/.test(m)) ?? metrics[0]);
  select.replaceChildren(...metrics.map(m => el('option', { value: m, text: m, selected: m === metric })));
  const ofMetric = rows.filter(r => r.metric === metric);
  const orderings = [...new Set(ofMetric.map(r => label(r.ordering)))]
    .sort((a, b) => ofMetric.find(r => label(r.ordering) === b).isBaseline - ofMetric.find(r => label(r.ordering) === a).isBaseline);
  const traces = [];
  orderings.forEach((name, i) => {
    const points = ofMetric.filter(r => label(r.ordering) === name).sort((a, b) => a.step - b.step);
    const color = palette[i % palette.length], x = points.map(p => p.step), baseline = points[0].isBaseline;
    traces.push({ x, y: points.map(p => p.max), mode: 'lines', line: { width: 0, color }, hoverinfo: 'skip', showlegend: false, legendgroup: name });
    traces.push({ x, y: points.map(p => p.min), mode: 'lines', line: { width: 0, color }, fill: 'tonexty', fillcolor: translucent(color, 0.16), hoverinfo: 'skip', showlegend: false, legendgroup: name });
    traces.push({
      name: baseline ? `${name} (baseline)` : name, x, y: points.map(p => p.mean), mode: 'lines+markers', legendgroup: name,
      line: { color, width: 2.2, dash: baseline ? 'dash' : 'solid' }, marker: { size: 5 },
      customdata: points.map(p => [p.std, p.min, p.max, p.seeds]),
      hovertemplate: `${name}<br>step %{x}<br>mean %{y:.4g} ± %{customdata[0]:.3g}<br>min %{customdata[1]:.4g} · max %{customdata[2]:.4g}<br>%{customdata[3]} seeds<extra></extra>`,
    });
  });
  draw(chart, traces, layout({ xaxis: { title: { text: 'step' }, gridcolor: '#eef0f3' }, yaxis: { title: { text: `${metric} (output)` }, gridcolor: '#eef0f3' }, uirevision: metric }));
  table.replaceChildren(endTable(ofMetric, orderings));
  return metric;
}

/** The last checkpoint: each ordering next to the baseline, and the difference in units of the seed spread. */
function endTable(rows, orderings) {
  const lastStep = Math.max(...rows.map(r => r.step));
  const last = orderings.map(name => rows.find(r => r.step === lastStep && label(r.ordering) === name)).filter(Boolean);
  const base = last.find(r => r.isBaseline);
  const head = el('tr', {}, ...['ordering', 'mean', 'std', 'min', 'max', 'seeds', 'Δ vs baseline'].map(t => el('th', { text: t })));
  const body = last.map(r => el('tr', {},
    el('td', { text: `${label(r.ordering)}${r.isBaseline ? ' (baseline)' : ''}` }), el('td', { text: number(r.mean, 4) }), el('td', { text: number(r.std, 3) }),
    el('td', { text: number(r.min, 4) }), el('td', { text: number(r.max, 4) }), el('td', { text: r.seeds }),
    el('td', { text: base && !r.isBaseline ? number(r.mean - base.mean, 3) : '' })));
  return el('table', { class: 'data' }, el('caption', { class: 'muted', text: `at step ${lastStep}` }), el('thead', {}, head), el('tbody', {}, ...body));
}
