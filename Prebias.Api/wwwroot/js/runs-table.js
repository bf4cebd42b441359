// The runs table: search, filters (state, ordering, dataset), sort by any column, grouping of seeds by config
// (mean ± SD of the final val loss), and ticks that choose the runs or groups the overlay draws.
import { el, badge, number, shortId, ago } from './format.js';
import { stateName } from './states.js';
import { runLabel, orderingLabel } from './labels.js';

/** The model's preset name, or its size where the resolved config keeps none (e.g. "32d × 2L × 4H"). */
export function presetOf(run) {
  const m = run.model ?? {};
  if (m.preset) return m.preset;
  return m.dim ? `${m.dim}d × ${m.nLayers}L × ${m.nHeads}H` : '';
}

const columns = [
  { key: 'name', label: 'name', value: r => runLabel(r) },
  { key: 'state', label: 'state', value: r => stateName(r.state) },
  { key: 'ordering', label: 'ordering', value: r => orderingLabel(r.ordering) },
  { key: 'seeds', label: 'seeds', value: r => `${r.seeds?.init ?? r.seed}/${r.seeds?.order ?? r.seed}` },
  { key: 'preset', label: 'preset', value: r => presetOf(r) },
  { key: 'steps', label: 'steps', value: r => r.stepsDone },
  { key: 'valLoss', label: 'final val loss', value: (r, facts) => facts.get(r.id) ?? null },
  { key: 'created', label: 'created', value: r => r.createdAt },
];

/** Runs that differ only in their seeds share this key (an experiment's arms stay apart from other experiments'). */
export function configKey(run) {
  const m = run.model ?? {},
    o = run.training?.options ?? {};
  return [
    run.experimentId,
    orderingLabel(run.ordering),
    run.datasetId,
    m.preset,
    m.dim,
    m.nLayers,
    m.nHeads,
    o.maxIters,
    o.batchSize,
    o.learningRate,
  ].join('|');
}

export function filterRuns(runs, filters) {
  const text = filters.search.trim().toLowerCase();
  return runs.filter(
    r =>
      (!filters.state || stateName(r.state) === filters.state) &&
      (!filters.ordering || orderingLabel(r.ordering) === filters.ordering) &&
      (!filters.dataset || r.datasetId === filters.dataset) &&
      (!text ||
        `${runLabel(r)} ${orderingLabel(r.ordering)} ${r.id} ${r.experimentId ?? ''}`.toLowerCase().includes(text)),
  );
}

/** Options of a filter select, keeping the current choice. */
function fillSelect(select, values, label = v => v) {
  const current = select.value;
  select.replaceChildren(
    el('option', { value: '', text: 'all' }),
    ...values.map(v => el('option', { value: v, text: label(v), selected: v === current })),
  );
}

export function renderFilters(runs, filters) {
  fillSelect(document.getElementById('runs-state'), [...new Set(runs.map(r => stateName(r.state)))].sort());
  fillSelect(document.getElementById('runs-ordering'), [...new Set(runs.map(r => orderingLabel(r.ordering)))].sort());
  fillSelect(document.getElementById('runs-dataset'), [...new Set(runs.map(r => r.datasetId))], shortId);
  Object.assign(filters, {
    state: document.getElementById('runs-state').value,
    ordering: document.getElementById('runs-ordering').value,
    dataset: document.getElementById('runs-dataset').value,
  });
}

function compare(a, b) {
  if (a === null || a === undefined) return b === null || b === undefined ? 0 : 1;
  if (b === null || b === undefined) return -1;
  return typeof a === 'number' && typeof b === 'number'
    ? a - b
    : String(a).localeCompare(String(b), 'en', { numeric: true });
}

/** Rows shown: one per run, or one per config group; each { id, runs, cells }. */
export function tableRows(runs, facts, view) {
  const column = columns.find(c => c.key === view.sort.key) ?? columns.at(-1);
  let rows;
  if (view.group) {
    const groups = new Map();
    for (const run of runs) groups.set(configKey(run), [...(groups.get(configKey(run)) ?? []), run]);
    rows = [...groups.entries()].map(([key, members]) => groupRow(key, members, facts));
  } else {
    rows = runs.map(run => ({
      id: run.id,
      runs: [run],
      cells: Object.fromEntries(columns.map(c => [c.key, c.value(run, facts)])),
    }));
  }
  rows.sort((a, b) => compare(a.cells[column.key], b.cells[column.key]) * (view.sort.desc ? -1 : 1));
  return rows;
}

function groupRow(key, members, facts) {
  const losses = members.map(r => facts.get(r.id)).filter(v => v !== null && v !== undefined);
  const mean = losses.length ? losses.reduce((s, v) => s + v, 0) / losses.length : null;
  const sd =
    losses.length > 1 ? Math.sqrt(losses.reduce((s, v) => s + (v - mean) ** 2, 0) / (losses.length - 1)) : null;
  const first = members[0];
  const states = [...new Set(members.map(r => stateName(r.state)))];
  return {
    id: `group:${key}`,
    runs: members,
    mean,
    sd,
    cells: {
      name: `${runLabel(first)} ×${members.length}`,
      state: states.join(', '),
      ordering: orderingLabel(first.ordering),
      seeds: members.map(r => r.seeds?.init ?? r.seed).join(', '),
      preset: presetOf(first),
      steps: Math.max(...members.map(r => r.stepsDone)),
      valLoss: mean,
      created: first.createdAt,
    },
  };
}

export function renderRunsTable(container, rows, view, onChange) {
  const head = el(
    'tr',
    {},
    el('th', { text: '' }),
    ...columns.map(c =>
      el('th', {
        class: `sortable${view.sort.key === c.key ? (view.sort.desc ? ' desc' : ' asc') : ''}`,
        'data-sort': c.key,
        text: c.label,
        onclick: () => {
          view.sort = { key: c.key, desc: view.sort.key === c.key ? !view.sort.desc : false };
          onChange();
        },
      }),
    ),
  );
  if (rows.length === 0) {
    container.replaceChildren(el('div', { class: 'notice', text: 'No run matches the search and filters.' }));
    return;
  }
  const body = rows.map(row => {
    const group = row.runs.length > 1 || row.id.startsWith('group:');
    const tick = el('input', {
      type: 'checkbox',
      checked: view.ticked.has(row.id),
      'aria-label': `tick ${row.cells.name}`,
    });
    tick.addEventListener('change', () => {
      if (tick.checked) view.ticked.add(row.id);
      else view.ticked.delete(row.id);
      onChange();
    });
    const name = group
      ? el('span', { text: row.cells.name, title: row.runs.map(r => r.id).join('\n') })
      : el('a', { href: `#run/${row.id}`, text: row.cells.name });
    const valLoss =
      group && row.sd !== null ? `${number(row.mean, 4)} ± ${number(row.sd, 2)}` : number(row.cells.valLoss, 4);
    return el(
      'tr',
      { 'data-row-id': row.id, 'data-runs': row.runs.length },
      el('td', {}, tick),
      el('td', {}, name),
      el('td', {}, group ? el('span', { text: row.cells.state }) : badge(row.runs[0].state)),
      el('td', { text: row.cells.ordering }),
      el('td', { text: row.cells.seeds }),
      el('td', { text: row.cells.preset }),
      el('td', { text: number(row.cells.steps) }),
      el('td', { class: 'val-loss', text: valLoss }),
      el('td', { text: ago(row.cells.created), title: row.cells.created }),
    );
  });
  container.replaceChildren(el('table', { class: 'data runs' }, el('thead', {}, head), el('tbody', {}, ...body)));
}

/** The shown rows as flat records for the CSV download (group rows carry their mean and SD). */
export function rowsForCsv(rows) {
  return rows.map(r => ({
    id: r.id,
    name: r.cells.name,
    state: r.cells.state,
    ordering: r.cells.ordering,
    seeds: r.cells.seeds,
    preset: r.cells.preset,
    steps: r.cells.steps,
    finalValLoss: r.cells.valLoss,
    finalValLossSd: r.sd ?? null,
    runs: r.runs.length,
    createdAt: r.cells.created,
  }));
}
