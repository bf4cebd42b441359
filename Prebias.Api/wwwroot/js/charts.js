// Plotly (window.Plotly, from lib/plotly.min.js) with one look for every chart.

export const palette = [
  '#3b6fd8',
  '#e07b39',
  '#2f9e5b',
  '#c23b6b',
  '#7b5cc4',
  '#1d9fb0',
  '#b58b1b',
  '#6b7280',
  '#d1453b',
  '#5a8f29',
];

export const config = {
  displaylogo: false,
  responsive: true,
  modeBarButtonsToRemove: ['select2d', 'lasso2d', 'autoScale2d', 'toggleSpikelines'],
};

/** The base layout: small margins, light grid, legend on top. */
export function layout(overrides = {}) {
  const axis = { gridcolor: '#eef0f3', zeroline: false, linecolor: '#cfd4dc' };
  const base = {
    margin: { l: 52, r: 14, t: 28, b: 40 },
    font: { family: 'DejaVu Sans, system-ui, sans-serif', size: 11, color: '#1f2430' },
    paper_bgcolor: 'rgba(0,0,0,0)',
    plot_bgcolor: '#ffffff',
    hovermode: 'closest',
    modebar: { bgcolor: 'rgba(0,0,0,0)', color: '#b4bac4', activecolor: '#3b6fd8' },
    legend: { orientation: 'h', x: 0, y: 1.02, yanchor: 'bottom', font: { size: 10.5 } },
  };
  // Axes are merged (an override's xaxis adds to the base axis style instead of replacing it).
  return { ...base, ...overrides, xaxis: { ...axis, ...overrides.xaxis }, yaxis: { ...axis, ...overrides.yaxis } };
}

/** Draws or updates a chart in place (Plotly.react keeps zoom when uirevision is unchanged). */
export function draw(container, traces, chartLayout) {
  if (!container.classList.contains('js-plotly-plot') || !container._fullLayout) container.replaceChildren();
  return window.Plotly.react(container, traces, chartLayout, config);
}

/** Plotly reads chart text as HTML-like markup: "<s>" would start strikethrough. */
export function escapeMarkup(text) {
  return String(text).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** A colour with transparency, for seed bands. */
export function translucent(hex, alpha) {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${n >> 16}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/** Steps as x values: a log axis cannot show step 0, so there every point sits at step + 1 (ticks name real steps). */
export function stepX(steps, log) {
  return log ? steps.map(s => s + 1) : steps;
}

/** The step axis, linear or log; on log, ticks at the given steps, thinned to about a third of a decade apart. */
export function stepAxis(log, steps = []) {
  if (!log) return { title: { text: 'step' } };
  const ticks = [];
  for (const step of [...new Set(steps)].sort((a, b) => a - b)) {
    if (!ticks.length || Math.log10(step + 1) - Math.log10(ticks.at(-1) + 1) >= 0.3) ticks.push(step);
  }
  return {
    type: 'log',
    title: { text: 'step (log scale)' },
    tickvals: ticks.map(s => s + 1),
    ticktext: ticks.map(String),
  };
}

/** Direct labels: the trace's name next to its last point, so a reader needs no legend or hover. */
export function endLabels(traces) {
  return traces
    .filter(t => t.name && t.showlegend !== false && t.x?.length)
    .map(t => ({
      x: t.x.at(-1),
      y: t.y.at(-1),
      xref: 'x',
      yref: 'y',
      text: escapeMarkup(t.name),
      showarrow: false,
      xanchor: 'left',
      xshift: 4,
      font: { size: 10, color: t.line?.color ?? '#1f2430' },
    }));
}

/** A min–max band: two invisible edges, the lower filled up to the upper, in the translucent colour of its line. */
export function band(x, upper, lower, color, legendgroup) {
  const edge = { x, mode: 'lines', line: { width: 0, color }, hoverinfo: 'skip', showlegend: false, legendgroup };
  return [
    { ...edge, y: upper },
    { ...edge, y: lower, fill: 'tonexty', fillcolor: translucent(color, 0.16) },
  ];
}
