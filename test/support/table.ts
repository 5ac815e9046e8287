// The summary tables the matrix suites print after their runs.

/** Pads text to a column width. */
export function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}
