// Small formatting and DOM helpers shared by the views.
import { stateName } from './states.js';

/** Creates an element: el('div', { class: 'x', text: 'hi' }, child, ...). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'text') node.textContent = value;
    else if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  node.append(...children.filter(c => c !== null && c !== undefined));
  return node;
}

/** A state badge with its one display name (see states.js); the name is also its CSS class. */
export function badge(state) {
  const name = stateName(state);
  return el('span', { class: `badge ${name}`, text: name, title: state ?? '' });
}

export function progressBar(fraction) {
  const bar = el('div', { class: 'progress' }, el('span'));
  bar.firstChild.style.width = `${Math.round(Math.max(0, Math.min(1, fraction ?? 0)) * 100)}%`;
  return bar;
}

/** A grey box in place of a chart: "not evaluated yet" and the like. */
export function notice(container, message) {
  if (window.Plotly && container.classList.contains('js-plotly-plot')) window.Plotly.purge(container);
  container.replaceChildren(el('div', { class: 'notice', text: message }));
}

export function number(value, digits = 3) {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  if (Number.isInteger(value) || Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  return Number(value).toPrecision(digits);
}

export function shortId(id) {
  return String(id).slice(0, 8);
}

export function ago(timestamp) {
  if (!timestamp) return '';
  const seconds = Math.max(0, (Date.now() - new Date(timestamp).getTime()) / 1000);
  if (seconds < 60) return `${Math.round(seconds)} s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86400)} d ago`;
}

/**
 * Generated text as run.c prints it: a lone byte-fallback piece that is not valid UTF-8 on its own is skipped
 * instead of shown as a replacement character.
 */
export function readableText(text) {
  return String(text).replaceAll('\uFFFD', '');
}

/**
 * Shows a SentencePiece piece readably: "▁Once" → "·Once" would be noisy, so the word-start mark becomes a
 * space.
 */
export function piece(text) {
  if (text === '<s>' || text === '</s>') return text;
  return String(text).replaceAll('\u2581', ' ').replace(/^ /, '␣');
}
