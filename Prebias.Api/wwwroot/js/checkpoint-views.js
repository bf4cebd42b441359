// Renderers of the per-checkpoint documents other than attention: embedding PCA, layer similarity, generations.
import { draw, layout, escapeMarkup } from './charts.js';
import { el, piece, number, readableText } from './format.js';

/**
 * Token-embedding PCA scatter: { explainedVarianceRatio: [a, b], points: [{ id, piece, x, y }] }; hover shows the
 * token.
 */
export function renderEmbeddings(container, data) {
  const [a, b] = data.explainedVarianceRatio ?? [];
  const percent = v => (v == null ? '' : ` (${(v * 100).toFixed(1)}% var.)`);
  const trace = {
    // SVG up to a few thousand points; WebGL beyond (a whole 32k vocabulary).
    type: data.points.length > 5000 ? 'scattergl' : 'scatter',
    mode: 'markers',
    x: data.points.map(p => p.x),
    y: data.points.map(p => p.y),
    customdata: data.points.map(p => [p.id, escapeMarkup(piece(p.piece))]),
    hovertemplate: '<b>%{customdata[1]}</b><br>id %{customdata[0]}<br>(%{x:.3f}, %{y:.3f})<extra></extra>',
    marker: {
      size: 5,
      opacity: 0.75,
      color: data.points.map(p => p.id),
      colorscale: 'Viridis',
      colorbar: { thickness: 10, title: { text: 'token id', side: 'right' } },
    },
  };
  return draw(
    container,
    [trace],
    layout({
      height: 380,
      xaxis: { title: { text: `PC1${percent(a)}` }, gridcolor: '#eef0f3', zeroline: false },
      yaxis: { title: { text: `PC2${percent(b)}` }, gridcolor: '#eef0f3', zeroline: false },
      uirevision: 'embeddings',
    }),
  );
}

/** Cosine similarity between the layers' attention maps: { layers: L, similarity: L×L }. */
export function renderLayers(container, data) {
  const labels = [...Array(data.layers).keys()].map(l => `L${l}`);
  const trace = {
    type: 'heatmap',
    z: data.similarity,
    x: labels,
    y: labels,
    colorscale: 'Viridis',
    zmin: 0,
    zmax: 1,
    texttemplate: data.layers <= 12 ? '%{z:.2f}' : '',
    hovertemplate: '%{y} vs %{x}<br>cosine %{z:.3f}<extra></extra>',
    colorbar: { thickness: 10, title: { text: 'cosine', side: 'right' } },
  };
  const side = Math.min(container.clientWidth || 420, 420);
  return draw(
    container,
    [trace],
    layout({
      height: side,
      width: side + 60,
      margin: { l: 44, r: 10, t: 16, b: 40 },
      xaxis: { type: 'category', showgrid: false },
      yaxis: { type: 'category', autorange: 'reversed', showgrid: false, scaleanchor: 'x' },
      uirevision: 'layers',
    }),
  );
}

/**
 * Generated stories: [{ prompt, mode, text, tokenCount, scores }], greedy before sampled for each prompt; long tokens
 * wrap, lone invalid bytes are skipped as run.c does, and each text shows its metric scores.
 */
export function renderGenerations(container, rows) {
  const sorted = [...rows].sort((x, y) => x.prompt.localeCompare(y.prompt) || x.mode.localeCompare(y.mode));
  container.replaceChildren(
    el(
      'div',
      { class: 'generations' },
      ...sorted.map(g => {
        const text = readableText(g.text.startsWith(g.prompt) ? g.text.slice(g.prompt.length) : g.text);
        const scores = Object.entries(g.scores ?? {}).filter(([, v]) => v !== null);
        return el(
          'div',
          { class: 'generation' },
          el(
            'div',
            { class: 'head' },
            el('span', { class: 'badge mode', text: g.mode }),
            el('span', { text: `${g.tokenCount} tokens` }),
          ),
          el('div', { class: 'text' }, el('span', { class: 'prompt', text: g.prompt || '⟨BOS⟩ ' }), text),
          scores.length
            ? el(
                'div',
                { class: 'metric-chips' },
                ...scores.map(([k, v]) =>
                  el('span', { class: 'metric-chip', 'data-metric': k, text: `${k} ${number(v, 3)}` }),
                ),
              )
            : null,
        );
      }),
    ),
  );
}
