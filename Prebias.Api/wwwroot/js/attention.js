// The attention grid of the probe input: weights (L, H, T, T) flat row-major, as api/.../attention returns them.
import { draw, layout } from './charts.js';
import { piece } from './format.js';

const colorscale = 'Blues';

/** Weight [l, h, query, key] of the flat row-major array. */
const at = (data, l, h, q, k) => {
  const [, H, T] = data.shape;
  return data.weights[((l * H + h) * T + q) * T + k];
};

/**
 * query < 0: a grid of L rows × H columns of T×T heatmaps (one per head).
 * query ≥ 0: one heatmap, a row per (layer, head), of where that query token attends over the keys 0..query.
 */
export function renderAttention(container, data, query) {
  container.dataset.layers = data.shape[0];
  container.dataset.heads = data.shape[1];
  return query < 0 ? grid(container, data) : row(container, data, query);
}

function grid(container, data) {
  const [L, H, T] = data.shape;
  const labels = data.pieces.map(piece);
  const traces = [], annotations = [];
  const width = container.clientWidth || 700;
  // Square cells: the height follows the width given to each head.
  const cell = Math.max(70, Math.min(170, (width - 70) / H));
  for (let l = 0; l < L; l++) {
    for (let h = 0; h < H; h++) {
      const n = l * H + h + 1, suffix = n === 1 ? '' : n;
      const z = [], text = [];
      for (let q = 0; q < T; q++) {
        const zRow = [], textRow = [];
        for (let k = 0; k < T; k++) {
          zRow.push(k <= q ? at(data, l, h, q, k) : null); // causal: keys after the query are masked
          textRow.push(`L${l} H${h}<br>query ${q} ${labels[q]}<br>key ${k} ${labels[k]}`);
        }
        z.push(zRow); text.push(textRow);
      }
      traces.push({
        type: 'heatmap', z, text, xaxis: `x${suffix}`, yaxis: `y${suffix}`, coloraxis: 'coloraxis',
        hovertemplate: '%{text}<br>weight %{z:.3f}<extra></extra>', xgap: 0, ygap: 0,
      });
    }
  }
  const chartLayout = layout({
    grid: { rows: L, columns: H, pattern: 'independent', xgap: 0.06, ygap: 0.08 },
    coloraxis: { colorscale, cmin: 0, cmax: 1, colorbar: { thickness: 10, len: 0.8, title: { text: 'weight', side: 'right' } } },
    margin: { l: 34, r: 10, t: 22, b: 10 }, height: L * cell + 36, showlegend: false, annotations, uirevision: 'attention-grid',
  });
  for (let n = 1; n <= L * H; n++) {
    const suffix = n === 1 ? '' : n;
    chartLayout[`xaxis${suffix}`] = { showticklabels: false, ticks: '', showgrid: false, zeroline: false, constrain: 'domain' };
    chartLayout[`yaxis${suffix}`] = { showticklabels: false, ticks: '', showgrid: false, zeroline: false, autorange: 'reversed', scaleanchor: `x${suffix}` };
  }
  for (let h = 0; h < H; h++) annotations.push({ text: `head ${h}`, xref: `x${h === 0 ? '' : h + 1} domain`, yref: 'paper', x: 0.5, y: 1, yanchor: 'bottom', showarrow: false, font: { size: 10.5 } });
  for (let l = 0; l < L; l++) annotations.push({ text: `L${l}`, xref: 'paper', yref: `y${l * H === 0 ? '' : l * H + 1} domain`, x: 0, xanchor: 'right', y: 0.5, xshift: -6, showarrow: false, font: { size: 10.5 } });
  return draw(container, traces, chartLayout);
}

function row(container, data, query) {
  const [L, H] = data.shape;
  const labels = data.pieces.map(piece);
  const keys = [...Array(query + 1).keys()];
  const z = [], y = [];
  for (let l = 0; l < L; l++) for (let h = 0; h < H; h++) {
    y.push(`L${l} H${h}`);
    z.push(keys.map(k => at(data, l, h, query, k)));
  }
  const trace = {
    type: 'heatmap', z, x: keys, y, colorscale, zmin: 0, zmax: 1, customdata: z.map(r => r.map((_, k) => `query ${query} ${labels[query]} → key ${k} ${labels[k]}`)),
    hovertemplate: '%{y}<br>%{customdata}<br>weight %{z:.3f}<extra></extra>',
    colorbar: { thickness: 10, title: { text: 'weight', side: 'right' } },
  };
  return draw(container, [trace], layout({
    height: Math.max(240, L * H * 18 + 110), margin: { l: 64, r: 10, t: 24, b: 80 },
    title: { text: `where "${labels[query]}" (token ${query}) attends`, font: { size: 12 } },
    xaxis: { tickvals: keys, ticktext: keys.map(k => labels[k]), tickangle: -50, showgrid: false },
    yaxis: { autorange: 'reversed', showgrid: false, type: 'category' },
    uirevision: `attention-row-${query}`,
  }));
}
