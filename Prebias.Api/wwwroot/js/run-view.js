// Per-run header facts and the loss chart (train loss per step, validation loss at checkpoints).
import { el, progressBar, badge, notice, number, shortId, ago } from './format.js';
import { draw, layout, palette, stepAxis, stepX } from './charts.js';
import { runLabel, orderingLabel } from './labels.js';
import { resourceActions } from './resource-actions.js';
import { isActive } from './sidebar.js';

export function renderRunHeader(container, run, job, datasets, onChange) {
  const model = run.model ?? {};
  const options = run.training?.options ?? {};
  const fact = (label, value) => el('span', { class: 'fact' }, `${label} `, el('b', { text: String(value) }));
  const active = job && isActive(job);
  const dataset = datasets.find(d => d.id === run.datasetId);
  container.replaceChildren(
    ...[
      el(
        'h2',
        {},
        el('span', { text: runLabel(run) }),
        badge(active ? job.state : run.state),
        el('span', { class: 'id', text: run.id }),
        resourceActions('runs', run, onChange),
      ),
      fact('ordering', orderingLabel(run.ordering)),
      fact('seeds', `init ${run.seeds?.init ?? run.seed} · order ${run.seeds?.order ?? run.seed}`),
      fact(
        'model',
        `${model.dim}d · ${model.nLayers} layers · ${model.nHeads} heads · vocab ${model.vocabSize ?? '?'}`,
      ),
      fact('batch', options.batchSize ?? '?'),
      fact('steps', `${run.stepsDone} / ${options.maxIters ?? '?'}`),
      fact('tokens/s', number(run.tokensPerSecond, 3)),
      el(
        'span',
        { class: 'fact' },
        'dataset ',
        el('a', { href: `#dataset/${run.datasetId}`, class: 'dataset-link', text: shortId(run.datasetId) }),
      ),
      dataset
        ? el(
            'span',
            { class: 'fact' },
            'corpus ',
            el('a', { href: `#corpus/${dataset.corpusId}`, class: 'corpus-link', text: shortId(dataset.corpusId) }),
          )
        : null,
      run.experimentId
        ? el(
            'span',
            { class: 'fact' },
            'experiment ',
            el('a', { href: `#experiment/${run.experimentId}`, text: shortId(run.experimentId) }),
          )
        : null,
      fact('created', ago(run.createdAt)),
      active ? el('span', { class: 'fact' }, `${job.message ?? ''}`, progressBar(job.progress)) : null,
      run.error ? el('span', { class: 'fact error-text', text: run.error }) : null,
    ].filter(Boolean),
  );
}

/** Train loss per step (from api/runs/{id}/losses, or the checkpoints' estimate) and validation loss at checkpoints. */
export function renderLoss(container, checkpoints, losses, log = false) {
  const traces = [];
  if (losses?.length) {
    // A long run has one loss per step: draw at most ~4000 points (every k-th step, and the last).
    const stride = Math.ceil(losses.length / 4000);
    const shown = stride === 1 ? losses : losses.filter((_, i) => i % stride === 0 || i === losses.length - 1);
    traces.push({
      name: 'train',
      x: stepX(
        shown.map(l => l.step),
        log,
      ),
      y: shown.map(l => l.loss),
      mode: 'lines',
      line: { color: palette[0], width: 1.5 },
    });
  } else if (checkpoints.some(c => c.trainLoss != null)) {
    traces.push({
      name: 'train',
      x: stepX(
        checkpoints.map(c => c.step),
        log,
      ),
      y: checkpoints.map(c => c.trainLoss),
      mode: 'lines+markers',
      line: { color: palette[0] },
    });
  }
  if (checkpoints.some(c => c.valLoss != null)) {
    traces.push({
      name: 'val',
      x: stepX(
        checkpoints.map(c => c.step),
        log,
      ),
      y: checkpoints.map(c => c.valLoss),
      mode: 'lines+markers',
      line: { color: palette[1], width: 2 },
      marker: { size: 6 },
    });
  }
  if (traces.length === 0) {
    notice(container, 'No losses yet: the run has not started training.');
    return;
  }
  container.dataset.lastStep = losses?.length ? losses.at(-1).step : (checkpoints.at(-1)?.step ?? '');
  draw(
    container,
    traces,
    layout({
      xaxis: stepAxis(
        log,
        checkpoints.map(c => c.step),
      ),
      yaxis: { title: { text: 'cross-entropy (nats)' } },
      uirevision: `loss-${log}`,
    }),
  );
}
