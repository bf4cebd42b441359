// The checkpoint card's prompt box: one prompt's greedy continuation under checkpoint A, from the batch-1 CPU
// decoder (GET .../checkpoints/{step}/generate, a read: no API key needed).
import { el } from './format.js';

export class PromptBox {
  #ticket = 0;

  /** selection: () => { runId, step } | null, the checkpoint to generate with. */
  constructor(selection) {
    this.output = document.getElementById('prompt-output');
    document.getElementById('prompt-box').addEventListener('submit', event => {
      event.preventDefault();
      this.run(selection());
    });
  }

  async run(selected) {
    if (!selected || Number.isNaN(selected.step)) {
      this.#show('No checkpoint selected.', 'notice');
      return;
    }
    const ticket = ++this.#ticket;
    const prompt = document.getElementById('prompt-input').value;
    const tokens = document.getElementById('prompt-tokens').value;
    this.#show('Generating…', 'notice');
    const query = new URLSearchParams({ prompt, maxTokens: tokens });
    const response = await fetch(`api/runs/${selected.runId}/checkpoints/${selected.step}/generate?${query}`, {
      headers: { Accept: 'application/json' },
    });
    const body = await response.json().catch(() => ({}));
    if (ticket !== this.#ticket) return; // a newer request was made meanwhile
    if (!response.ok) {
      this.#show(body.detail ?? `${response.status} ${response.statusText}`, 'notice error');
      return;
    }
    this.output.replaceChildren(
      el('div', { class: 'generation-text' }, el('b', { text: body.prompt }), body.text),
      el('div', {
        class: 'generation-meta',
        text: `step ${selected.step} · ${body.ids.length} tokens · ${Math.round(body.tokensPerSecond)} tokens/s`,
      }),
    );
    this.output.dataset.step = selected.step; // tests wait for this
  }

  #show(message, className) {
    delete this.output.dataset.step;
    this.output.replaceChildren(el('div', { class: className, text: message }));
  }
}
