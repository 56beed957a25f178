// Markdown and HTML building blocks every summary and comment uses.

/** Markdown-safe table cell: pipes and newlines would break the table. */
export function cell(value: string | number): string {
  return String(value).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 ** 2).toFixed(1)} MiB`;
}

/** Escapes text for the summary's HTML (`<pre>`, `<summary>`). */
export function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function percent(part: number, whole: number): string {
  return `${((100 * part) / whole).toFixed(1)}%`;
}
