// Two cards of a run: the weights of a dynamic order per refresh (entropy, effective sample size, steered metric), and
// in-context learning over checkpoints (ICL score, prefix matching per head, heads-by-step heatmap). Each card creates
// itself inside the run view and hides when the run has nothing to show.
import { getOptional } from './api.js';
import { el, notice } from './format.js';
import { draw, layout, palette } from './charts.js';

const axis = title => ({ title: { text: title }, gridcolor: '#eef0f3' });

function card(runView, id, title) {
  let section = document.getElementById(id);
  if (!section) {
    section = el('section', { class: 'card', id }, el('div', { class: 'card-title' }, el('h3', { text: title })),
      el('div', { class: 'row two tight' }, el('div', { class: 'chart' }), el('div', { class: 'chart' })));
    runView.insertBefore(section, document.getElementById('checkpoint-card'));
  }
  return section.querySelectorAll('.chart');
}

/** Refreshes of a dynamic order: entropy and effective sample size on the left, the steered metric on the right. */
function renderRefreshes(runView, run, refreshes) {
  const section = document.getElementById('dynamic-order-card');
  if (run.ordering?.method !== 'dynamic') { if (section) section.hidden = true; return; }
  const [weights, metric] = card(runView, 'dynamic-order-card', `Dynamic order (${run.ordering.policy ?? 'loss'} policy): weights per refresh`);
  document.getElementById('dynamic-order-card').hidden = false;
  if (!refreshes) { notice(weights, 'No refresh yet: the first is decided when training starts.'); metric.replaceChildren(); return; }
  const steps = refreshes.map(r => r.step);
  draw(weights, [
    { name: 'normalised entropy', x: steps, y: refreshes.map(r => r.normalizedEntropy), mode: 'lines+markers', line: { color: palette[0] } },
    { name: 'ESS / candidates', x: steps, y: refreshes.map(r => r.effectiveSampleSize / r.candidates), mode: 'lines+markers', line: { color: palette[1] } },
  ], layout({ xaxis: axis('step of the refresh'), yaxis: { ...axis('fraction'), range: [0, 1.05] }, uirevision: 'refresh-weights' }));
  const traces = [];
  if (refreshes.some(r => r.windowMetricMean != null)) {
    traces.push({ name: 'window (drawn)', x: steps, y: refreshes.map(r => r.windowMetricMean), mode: 'lines+markers', line: { color: palette[2], width: 2 } });
    traces.push({ name: 'all candidates', x: steps, y: refreshes.map(r => r.candidateMetricMean), mode: 'lines', line: { color: '#6b7280', dash: 'dot' } });
  }
  if (refreshes.some(r => r.output != null))
    traces.push({ name: 'output (generations)', x: steps, y: refreshes.map(r => r.output), mode: 'lines+markers', line: { color: palette[3] } });
  if (refreshes.some(r => r.poolMeanLoss != null))
    traces.push({ name: 'pool mean loss', x: steps, y: refreshes.map(r => r.poolMeanLoss), mode: 'lines+markers', line: { color: palette[4] } });
  if (run.ordering.target != null)
    traces.push({ name: `target ${run.ordering.target}`, x: [steps[0], steps[steps.length - 1]], y: [run.ordering.target, run.ordering.target],
      mode: 'lines', line: { color: palette[3], dash: 'dash' } });
  draw(metric, traces, layout({ xaxis: axis('step of the refresh'), yaxis: axis(run.ordering.metric ?? 'loss (nats)'), uirevision: 'refresh-metric' }));
}

/** ICL score and best head on the left, a heads × checkpoints heatmap of prefix matching on the right. */
function renderInContext(runView, scores, heads) {
  const [curves, heatmap] = card(runView, 'in-context-card', 'In-context learning: ICL score and induction heads');
  if (!scores || !heads) {
    notice(curves, 'In-context scores: not evaluated yet (POST api/runs/{id}/evaluations).');
    heatmap.replaceChildren();
    return;
  }
  const steps = scores.map(s => s.step);
  const first = scores[0];
  draw(curves, [
    { name: `ICL score (loss@${first.latePosition} − loss@${first.earlyPosition})`, x: steps, y: scores.map(s => s.iclScore), mode: 'lines+markers', line: { color: palette[0] } },
    { name: 'best prefix-matching head', x: steps, y: scores.map(s => s.maxPrefixMatching), mode: 'lines+markers', yaxis: 'y2', line: { color: palette[1] } },
    { name: 'uniform attention', x: steps, y: scores.map(s => s.uniformBaseline), mode: 'lines', yaxis: 'y2', line: { color: '#6b7280', dash: 'dot' } },
  ], layout({ xaxis: axis('step'), yaxis: axis('ICL score (nats)'),
    yaxis2: { title: { text: 'prefix matching' }, overlaying: 'y', side: 'right', range: [0, 1] }, uirevision: 'icl' }));
  const labels = [...new Set(heads.map(h => `L${h.layer}H${h.head}`))];
  const z = labels.map(label => steps.map(step => heads.find(h => h.step === step && `L${h.layer}H${h.head}` === label)?.prefixMatching ?? null));
  draw(heatmap, [{ type: 'heatmap', x: steps.map(String), y: labels, z, colorscale: 'Viridis', zmin: 0, zmax: 1,
    colorbar: { title: { text: 'prefix matching' } }, hovertemplate: '%{y} at step %{x}: %{z:.3f}<extra></extra>' }],
  layout({ xaxis: { title: { text: 'checkpoint step' }, type: 'category' }, yaxis: { title: { text: 'layer.head' }, autorange: 'reversed' }, uirevision: 'heads' }));
}

export async function renderDynamics(runView, run) {
  const base = `api/runs/${run.id}`;
  const [refreshes, scores, heads] = await Promise.all([
    run.ordering?.method === 'dynamic' ? getOptional(`${base}/order/refreshes`) : null,
    getOptional(`${base}/in-context`), getOptional(`${base}/heads`)]);
  renderRefreshes(runView, run, refreshes);
  renderInContext(runView, scores, heads);
}
