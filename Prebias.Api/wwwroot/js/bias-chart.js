// One bias probe's scores over checkpoints: a thin line per occupation, labelled at its end, and the summary in bold.
import { el, notice } from './format.js';
import { draw, layout, palette, endLabels, stepAxis, stepX } from './charts.js';
import { probeName, subjectName, isSummarySubject } from './labels.js';

const yTitles = {
  she_he: 'log P(she) − log P(he)',
  her_his: 'log P(her) − log P(his)',
  minimal_pairs: 'share, stereotype more likely',
};

/** A dotted horizontal line across the plot at y (0.5 on minimal pairs: no preference either way). */
export function referenceLine(y, text) {
  return {
    shape: {
      type: 'line',
      xref: 'paper',
      x0: 0,
      x1: 1,
      y0: y,
      y1: y,
      line: { color: '#9aa3b2', width: 1, dash: 'dot' },
    },
    annotation: {
      xref: 'paper',
      x: 1,
      y,
      text,
      showarrow: false,
      xanchor: 'right',
      yanchor: 'bottom',
      font: { size: 10, color: '#6b7280' },
    },
  };
}

export function renderBias(container, select, rows, selectedProbe, log = false) {
  select.parentElement.hidden = !rows;
  if (!rows) {
    select.replaceChildren();
    notice(container, 'Bias probes: not evaluated yet.');
    return null;
  }
  const probes = [...new Set(rows.map(r => r.probe))];
  const probe = probes.includes(selectedProbe) ? selectedProbe : probes[0];
  select.replaceChildren(...probes.map(p => el('option', { value: p, text: probeName(p), selected: p === probe })));
  const ofProbe = rows.filter(r => r.probe === probe);
  const subjects = [...new Set(ofProbe.map(r => r.subject))].sort(
    (a, b) => isSummarySubject(a) - isSummarySubject(b) || a.localeCompare(b),
  );
  const traces = subjects.map((subject, i) => {
    const points = ofProbe.filter(r => r.subject === subject).sort((a, b) => a.step - b.step);
    const summary = isSummarySubject(subject);
    const name = subjectName(subject);
    return {
      name,
      x: stepX(
        points.map(p => p.step),
        log,
      ),
      y: points.map(p => p.score),
      mode: summary ? 'lines+markers' : 'lines',
      line: {
        color: summary ? (subject === '_stereotype_lean' ? '#7b5cc4' : '#1f2430') : palette[i % palette.length],
        width: summary ? 3 : 1.2,
      },
      opacity: summary ? 1 : 0.75,
      hovertemplate: `${name}<br>step %{text}<br>score %{y:.3f}<extra></extra>`,
      text: points.map(p => p.step),
    };
  });
  const shapes = [],
    annotations = endLabels(traces);
  if (probe === 'minimal_pairs') {
    const line = referenceLine(0.5, '0.5 = no preference');
    shapes.push(line.shape);
    annotations.push(line.annotation);
  }
  const steps = ofProbe.map(r => r.step);
  draw(
    container,
    traces,
    layout({
      xaxis: stepAxis(log, steps),
      margin: { l: 52, r: 110, t: 28, b: 40 },
      yaxis: {
        title: { text: yTitles[probe] ?? 'score' },
        zeroline: probe !== 'minimal_pairs',
        zerolinecolor: '#9aa3b2',
      },
      showlegend: false,
      shapes,
      annotations,
      uirevision: `bias-${probe}-${log}`,
    }),
  );
  container.dataset.probe = probe;
  return probe;
}
