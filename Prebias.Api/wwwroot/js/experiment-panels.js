// An experiment's small multiples: the divergences from the baseline and the bias summaries, a line per ordering.
import { el, notice } from './format.js';
import { draw, layout, palette } from './charts.js';
import { referenceLine } from './bias-chart.js';

/** Small multiples: one panel per divergence (val-loss gap, KL, CKA), a line per ordering. */
export function renderDivergence(container, rows, waiting) {
  if (!rows?.length) {
    notice(container, waiting);
    return;
  }
  const orderings = [...new Set(rows.map(r => r.ordering))].sort();
  const panels = [
    ['valLossGap', 'val-loss gap (nats)'],
    ['klDivergence', 'next-token KL (nats)'],
    ['embeddingCka', 'embedding CKA (1 = same)'],
  ];
  container.replaceChildren(
    ...panels.map(([field, title]) => {
      const div = el('div', { class: 'chart small', 'data-field': field });
      const traces = orderings.map((o, i) => {
        const points = rows.filter(r => r.ordering === o && r[field] != null).sort((a, b) => a.step - b.step);
        return {
          name: o,
          x: points.map(p => p.step),
          y: points.map(p => p[field]),
          mode: 'lines+markers',
          line: { color: palette[i % palette.length], width: 2 },
          marker: { size: 4 },
        };
      });
      queueMicrotask(() =>
        draw(
          div,
          traces,
          layout({
            title: { text: title, font: { size: 12 } },
            margin: { l: 48, r: 8, t: 52, b: 36 },
            xaxis: { title: { text: 'step' } },
            uirevision: field,
          }),
        ),
      );
      return div;
    }),
  );
}

/** Small multiples: one panel per probe summary, a line per ordering; minimal pairs with the 0.5 line. */
export function renderExperimentBias(container, rows, waiting) {
  if (!rows?.length) {
    notice(container, waiting);
    return;
  }
  const orderings = [...new Set(rows.map(r => r.ordering))].sort();
  const panels = [...new Set(rows.map(r => `${r.probe}|${r.subject}`))].sort();
  const titles = {
    _mean: 'mean over occupations',
    _stereotype_lean: 'stereotype lean',
    _all: 'share of pairs, stereotype more likely',
  };
  container.replaceChildren(
    ...panels.map(key => {
      const [probe, subject] = key.split('|');
      const div = el('div', { class: 'chart small', 'data-panel': key });
      const traces = orderings.map((o, i) => {
        const points = rows
          .filter(r => r.ordering === o && r.probe === probe && r.subject === subject)
          .sort((a, b) => a.step - b.step);
        return {
          name: o,
          x: points.map(p => p.step),
          y: points.map(p => p.mean),
          mode: 'lines+markers',
          line: { color: palette[i % palette.length], width: 2 },
          marker: { size: 4 },
        };
      });
      const reference = probe === 'minimal_pairs' ? referenceLine(0.5, '0.5 = no preference') : null;
      queueMicrotask(() =>
        draw(
          div,
          traces,
          layout({
            title: { text: `${probe.replaceAll('_', ' ')}: ${titles[subject] ?? subject}`, font: { size: 12 } },
            margin: { l: 48, r: 8, t: 52, b: 36 },
            xaxis: { title: { text: 'step' } },
            shapes: reference ? [reference.shape] : [],
            annotations: reference ? [reference.annotation] : [],
            uirevision: key,
          }),
        ),
      );
      return div;
    }),
  );
}
