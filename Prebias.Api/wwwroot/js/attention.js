// The attention grid of the probe input: weights (L, H, T, T) flat row-major, as api/.../attention returns them.
import { draw, layout, escapeMarkup } from './charts.js';
import { piece } from './format.js';

// Light to dark blue with more steps at small weights (most weights of a long row are small).
const colorscale = [
  [0, '#f7fbff'],
  [0.05, '#deebf7'],
  [0.15, '#9ecae1'],
  [0.35, '#4292c6'],
  [0.6, '#2171b5'],
  [1, '#08306b'],
];

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
  const labels = data.pieces.map(p => escapeMarkup(piece(p)));
  const traces = [],
    annotations = [];
  // Square cells sized from the panel's width; explicit axis domains (not layout.grid) so that the labels, in paper
  // coordinates, land on their subplots whatever the size.
  const margin = { l: 30, r: 90, t: 22, b: 8 }; // r: room for the colour bar
  const available = (container.clientWidth || 700) - margin.l - margin.r;
  const cell = Math.max(60, Math.min(190, available / H));
  const width = cell * H + margin.l + margin.r,
    height = cell * L + margin.t + margin.b;
  const gap = 0.06; // share of a cell left empty between neighbours
  const chartLayout = layout({
    width,
    height,
    margin,
    showlegend: false,
    annotations,
    uirevision: 'attention-grid',
    coloraxis: {
      colorscale,
      cmin: 0,
      cmax: 1,
      colorbar: { thickness: 10, len: Math.min(1, 260 / (cell * L)), title: { text: 'weight', side: 'right' } },
    },
  });
  for (let l = 0; l < L; l++) {
    for (let h = 0; h < H; h++) {
      const n = l * H + h + 1,
        suffix = n === 1 ? '' : n;
      const z = [],
        text = [];
      for (let q = 0; q < T; q++) {
        const zRow = [],
          textRow = [];
        for (let k = 0; k < T; k++) {
          zRow.push(k <= q ? at(data, l, h, q, k) : null); // causal: keys after the query are masked
          textRow.push(`L${l} H${h}<br>query ${q} ${labels[q]}<br>key ${k} ${labels[k]}`);
        }
        z.push(zRow);
        text.push(textRow);
      }
      traces.push({
        type: 'heatmap',
        z,
        text,
        xaxis: `x${suffix}`,
        yaxis: `y${suffix}`,
        coloraxis: 'coloraxis',
        hovertemplate: '%{text}<br>weight %{z:.3f}<extra></extra>',
      });
      const x = [(h + gap / 2) / H, (h + 1 - gap / 2) / H],
        y = [1 - (l + 1 - gap / 2) / L, 1 - (l + gap / 2) / L];
      const hidden = {
        showticklabels: false,
        ticks: '',
        showgrid: false,
        zeroline: false,
        showline: true,
        linecolor: '#e3e6eb',
        mirror: true,
      };
      chartLayout[`xaxis${suffix}`] = { ...hidden, domain: x, anchor: `y${suffix}`, range: [-0.5, T - 0.5] };
      chartLayout[`yaxis${suffix}`] = { ...hidden, domain: y, anchor: `x${suffix}`, range: [T - 0.5, -0.5] };
      if (l === 0)
        annotations.push({
          text: `head ${h}`,
          xref: 'paper',
          yref: 'paper',
          x: (x[0] + x[1]) / 2,
          xanchor: 'center',
          y: 1,
          yanchor: 'bottom',
          showarrow: false,
          font: { size: 10.5, color: '#6b7280' },
        });
      if (h === 0)
        annotations.push({
          text: `L${l}`,
          xref: 'paper',
          yref: 'paper',
          x: 0,
          xanchor: 'right',
          xshift: -4,
          y: (y[0] + y[1]) / 2,
          yanchor: 'middle',
          showarrow: false,
          font: { size: 10.5, color: '#6b7280' },
        });
    }
  }
  return draw(container, traces, chartLayout);
}

function row(container, data, query) {
  const [L, H] = data.shape;
  const labels = data.pieces.map(p => escapeMarkup(piece(p)));
  const keys = [...Array(query + 1).keys()];
  const z = [],
    y = [];
  for (let l = 0; l < L; l++)
    for (let h = 0; h < H; h++) {
      y.push(`L${l} H${h}`);
      z.push(keys.map(k => at(data, l, h, query, k)));
    }
  const trace = {
    type: 'heatmap',
    z,
    x: keys,
    y,
    colorscale,
    zmin: 0,
    zmax: 1,
    customdata: z.map(r => r.map((_, k) => `query ${query} ${labels[query]} → key ${k} ${labels[k]}`)),
    hovertemplate: '%{y}<br>%{customdata}<br>weight %{z:.3f}<extra></extra>',
    colorbar: { thickness: 10, title: { text: 'weight', side: 'right' } },
  };
  return draw(
    container,
    [trace],
    layout({
      width: container.clientWidth || undefined,
      height: Math.max(240, L * H * 18 + 110),
      margin: { l: 64, r: 10, t: 24, b: 80 },
      title: { text: `where "${labels[query]}" (token ${query}) attends`, font: { size: 12 } },
      xaxis: { tickvals: keys, ticktext: keys.map(k => labels[k]), tickangle: -50, showgrid: false },
      yaxis: { autorange: 'reversed', showgrid: false, type: 'category' },
      uirevision: `attention-row-${query}`,
    }),
  );
}
