// Download buttons: a server table (?format=csv) or the rows a view shows, as CSV with the same camelCase names.
import { el } from './format.js';

/** Points a download button at a server table; hidden while there is nothing to download. */
export function setDownload(button, href) {
  button.hidden = !href;
  button.dataset.href = href ?? '';
  button.onclick = href ? () => el('a', { href, download: '' }).click() : null;
}

/** Makes a download button save rows() (an array of flat objects) as name.csv. */
export function setRowsDownload(button, name, rows) {
  button.dataset.href = `${name}.csv`;
  button.onclick = () => {
    const blob = new Blob([toCsv(rows())], { type: 'text/csv' });
    const url = URL.createObjectURL(blob);
    el('a', { href: url, download: `${name}.csv` }).click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
}

/** RFC 4180 CSV: the union of the rows' keys as the header, quotes where a value needs them. */
export function toCsv(rows) {
  const columns = [...new Set(rows.flatMap(r => Object.keys(r)))];
  const cell = value => {
    if (value === null || value === undefined || (typeof value === 'number' && !Number.isFinite(value))) return '';
    const text = String(value);
    return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return [columns.join(','), ...rows.map(r => columns.map(c => cell(r[c])).join(','))].join('\n') + '\n';
}
