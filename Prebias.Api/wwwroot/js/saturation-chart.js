// Input metrics of the samples seen (window dotted, cumulative solid) against the output metrics of generated text.
// Default: one panel per metric (each on its own scale, so compression ratio ≈ 2 and BLEU ≈ 0.02 both read);
// "raw" and "normalised" draw every metric on one input and one output chart.
import { el, notice } from './format.js';
import { draw, layout, palette } from './charts.js';

export function renderSaturation(view, rows, state) {
  const { panels, inputChart, outputChart, chips } = view;
  if (!rows) {
    chips.replaceChildren();
    panels.replaceChildren();
    view.pair.hidden = false;
    notice(inputChart, 'Saturation curves: not evaluated yet.');
    notice(outputChart, 'Output metrics appear once checkpoints are evaluated.');
    return;
  }
  const metrics = [...new Set(rows.map(r => r.metric))].sort();
  const colour = metric => palette[metrics.indexOf(metric) % palette.length];
  if (state.enabled === null) state.enabled = new Set(defaultMetrics(metrics));
  chips.replaceChildren(
    ...metrics.map(metric => {
      const on = state.enabled.has(metric);
      const chip = el(
        'label',
        { class: `chip${on ? '' : ' off'}`, 'data-metric': metric },
        el('input', { type: 'checkbox', checked: on }),
        el('span', { class: 'swatch' }),
        metric,
      );
      chip.querySelector('.swatch').style.background = colour(metric);
      chip.addEventListener('click', event => {
        event.preventDefault();
        if (on) state.enabled.delete(metric);
        else state.enabled.add(metric);
        renderSaturation(view, rows, state);
      });
      return chip;
    }),
  );
  const enabled = metrics.filter(m => state.enabled.has(m));
  const series = metric => {
    const points = rows.filter(r => r.metric === metric).sort((a, b) => a.step - b.step);
    return { points, x: points.map(p => p.step), samples: points.map(p => p.samplesSeen) };
  };
  const hover = metric => `${metric} (%{meta})<br>step %{x} · %{customdata} samples<br>%{y:.4g}<extra></extra>`;
  const panelMode = state.scale === 'panels';
  view.pair.hidden = panelMode;
  panels.hidden = !panelMode;
  if (panelMode) {
    panels.replaceChildren(
      ...enabled.map(metric => {
        const { points, x, samples } = series(metric),
          color = colour(metric);
        const div = el('div', { class: 'chart small', 'data-metric': metric });
        const traces = [
          {
            name: 'input, cumulative',
            meta: 'input cumulative',
            x,
            y: points.map(p => p.inputCumulative),
            customdata: samples,
            mode: 'lines',
            line: { color, width: 2 },
            hovertemplate: hover(metric),
          },
          {
            name: 'input, window',
            meta: 'input window',
            x,
            y: points.map(p => p.inputWindow),
            customdata: samples,
            mode: 'lines',
            line: { color, width: 1.2, dash: 'dot' },
            hovertemplate: hover(metric),
          },
          {
            name: 'output',
            meta: 'output',
            x,
            y: points.map(p => p.output),
            customdata: samples,
            mode: 'lines+markers',
            line: { color: '#1f2430', width: 2 },
            marker: { size: 5 },
            hovertemplate: hover(metric),
          },
        ];
        queueMicrotask(() =>
          draw(
            div,
            traces,
            layout({
              title: { text: metric, font: { size: 12 } },
              margin: { l: 48, r: 8, t: 30, b: 62 },
              xaxis: { title: { text: 'step', standoff: 2 } },
              legend: { orientation: 'h', x: 0, y: -0.2, yanchor: 'top', font: { size: 9.5 } },
              uirevision: `panel-${metric}`,
            }),
          ),
        );
        return div;
      }),
    );
    return;
  }
  const norm = state.scale === 'norm';
  const value = (row, field) => row[norm ? `${field}Norm` : field];
  const input = [],
    output = [];
  for (const metric of enabled) {
    const { points, x, samples } = series(metric),
      color = colour(metric);
    input.push({
      name: `${metric} cumulative`,
      meta: 'cumulative',
      x,
      y: points.map(p => value(p, 'inputCumulative')),
      customdata: samples,
      mode: 'lines',
      line: { color, width: 2 },
      hovertemplate: hover(metric),
      legendgroup: metric,
    });
    input.push({
      name: `${metric} window`,
      meta: 'window',
      x,
      y: points.map(p => value(p, 'inputWindow')),
      customdata: samples,
      mode: 'lines',
      line: { color, width: 1.2, dash: 'dot' },
      hovertemplate: hover(metric),
      legendgroup: metric,
    });
    output.push({
      name: metric,
      meta: 'output',
      x,
      y: points.map(p => value(p, 'output')),
      customdata: samples,
      mode: 'lines+markers',
      line: { color, width: 2 },
      marker: { size: 5 },
      hovertemplate: hover(metric),
    });
  }
  const axes = title =>
    layout({
      title: { text: title, font: { size: 12 } },
      xaxis: { title: { text: 'step' } },
      yaxis: {
        title: { text: norm ? 'min–max normalised' : 'metric value' },
        ...(norm ? { range: [-0.05, 1.05] } : {}),
      },
      margin: { l: 52, r: 10, t: 40, b: 40 },
      showlegend: true,
      uirevision: `saturation-${state.scale}`,
    });
  draw(inputChart, input, axes('Input: samples seen (solid cumulative, dotted window)'));
  draw(outputChart, output, axes('Output: generated text'));
}

/** At most four metrics on at first (the rest one click away), sentiment and gender first when present. */
function defaultMetrics(metrics) {
  const preferred = metrics.filter(m => /sentiment|gender|she|he_share/i.test(m));
  return [...new Set([...preferred, ...metrics])].slice(0, 4);
}
