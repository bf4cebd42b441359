// Card and export links for the run and checkpoint on screen: the checkpoint's model card, the run's card, the
// Hugging Face folder (tar) and the TensorBoard event files (tar). Self-contained: it reads the run from the location
// hash (#run/<id>) and the step from checkpoint A's selector, and keeps one small bar in the checkpoint card.
import { el } from './format.js';

const runPattern = /^#run\/([0-9a-f-]+)$/i;

function links(runId, step) {
  const run = `api/runs/${runId}`;
  const checkpoint = Number.isNaN(step) ? null : `${run}/checkpoints/${step}`;
  return [
    checkpoint && el('a', { href: `${checkpoint}/card`, target: '_blank', text: `model card (step ${step})` }),
    el('a', { href: `${run}/card`, target: '_blank', text: 'run card' }),
    checkpoint && el('a', { href: `${checkpoint}/export/hf`, download: '', text: 'export HF (.tar)' }),
    el('a', { href: `${run}/export/tensorboard`, download: '', text: 'TensorBoard (.tar)' }),
  ].filter(Boolean);
}

function render() {
  const card = document.getElementById('checkpoint-card');
  if (!card) return;
  let bar = document.getElementById('export-links');
  const match = runPattern.exec(location.hash);
  if (!match) { bar?.remove(); return; }
  if (!bar) {
    bar = el('nav', { id: 'export-links', class: 'export-links', 'aria-label': 'Cards and exports' });
    card.append(bar);
  }
  const step = Number(document.getElementById('checkpoint-a')?.value ?? NaN);
  bar.replaceChildren('Cards and exports: ', ...links(match[1], step).flatMap((a, i) => (i ? [' · ', a] : [a])));
  bar.dataset.runId = match[1]; // tests wait for this
}

window.addEventListener('hashchange', render);
document.addEventListener('change', event => { if (event.target?.id === 'checkpoint-a') render(); });
// The selector's options arrive with the run's checkpoints, after this module ran.
const selector = document.getElementById('checkpoint-a');
if (selector) new MutationObserver(render).observe(selector, { childList: true });
render();
