// The verdict table: every metric and ordering against the baseline at one checkpoint, sorted by |effect size|,
// with the CI, n, p, Holm-adjusted p and saturation step; a click on a row opens that metric's curve.
import { el, number } from './format.js';

const magnitude = row => (row.effectSize === null || row.effectSize === undefined ? -1 : Math.abs(row.effectSize));

export function sortByEffect(rows) {
  return [...rows].sort(
    (a, b) => magnitude(b) - magnitude(a) || a.metric.localeCompare(b.metric) || a.ordering.localeCompare(b.ordering),
  );
}

const p = value => (value === null || value === undefined ? '–' : value < 0.001 ? '< 0.001' : value.toFixed(3));
const ci = row =>
  row.ciLower === null || row.ciLower === undefined ? '–' : `[${number(row.ciLower, 3)}, ${number(row.ciUpper, 3)}]`;

export function renderVerdicts(container, warning, rows, onPick, waiting) {
  if (!rows?.length) {
    warning.hidden = true;
    container.replaceChildren(el('div', { class: 'notice', text: waiting }));
    return;
  }
  const sorted = sortByEffect(rows);
  const smallest = Math.min(...rows.map(r => Math.min(r.nOrdering, r.nBaseline)));
  warning.hidden = smallest >= 3;
  warning.textContent =
    `n = ${smallest} seed${smallest === 1 ? '' : 's'} in the smallest group: ` +
    'fewer than 3 seeds cannot give a verdict. ' +
    'Add init seeds to the experiment to test the orderings.';
  const headers = [
    'metric',
    'ordering',
    'step',
    'verdict',
    'difference',
    'CI',
    'effect size (seed SDs)',
    'n',
    'p',
    'adjusted p',
    'saturation step',
  ];
  const body = sorted.map(r =>
    el(
      'tr',
      {
        class: `verdict-row ${r.verdict.startsWith('inconclusive') ? 'inconclusive' : r.verdict}`,
        'data-metric': r.metric,
        'data-ordering': r.ordering,
        onclick: () => onPick(r.metric),
      },
      el('td', { text: r.metric }),
      el('td', { text: r.ordering }),
      el('td', { text: r.step }),
      el(
        'td',
        {},
        el('span', {
          class: `verdict ${r.verdict.startsWith('inconclusive') ? 'inconclusive' : r.verdict}`,
          text: r.verdict,
        }),
      ),
      el('td', { text: number(r.difference, 3) }),
      el('td', { class: 'ci', text: ci(r) }),
      el('td', { class: 'effect', text: number(r.effectSize, 3) }),
      el('td', { class: 'n', text: `${r.nOrdering} vs ${r.nBaseline}` }),
      el('td', { text: p(r.p) }),
      el('td', { text: p(r.adjustedP) }),
      el('td', { text: r.saturationStep ?? 'not yet' }),
    ),
  );
  container.replaceChildren(
    el(
      'table',
      { class: 'data verdicts' },
      el('thead', {}, el('tr', {}, ...headers.map(h => el('th', { text: h })))),
      el('tbody', {}, ...body),
    ),
  );
}
