import Papa from 'papaparse';

/**
 * CSV for the views' "Export CSV" (fleet views, recordings; RFC 4180 quoting by papaparse). Cells that a
 * spreadsheet would run as a formula (=, +, −, @, tab, CR first) are prefixed with a quote:
 * clientData and session ids are third-party text.
 *
 * @param fields header names; @param rows one array per row, aligned with `fields`; null → "".
 * @returns text with CRLF line ends, header first.
 */
export type CsvCell = string | number | boolean | null;

export function toCsv(fields: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
	return Papa.unparse(
		{ fields: [...fields], data: rows.map((r) => r.map((c) => (c === null ? '' : c))) },
		{ escapeFormulae: true, newline: '\r\n' }
	);
}

/** A UTC day as CSV and tables write it: "2026-11-22". */
export function isoDay(dayMs: number): string {
	return new Date(dayMs).toISOString().slice(0, 10);
}

/** A rate (0..1 or null) as a percentage with two decimals; "" for no data. */
export function pctCell(value: number | null): string {
	return value === null ? '' : (value * 100).toFixed(2);
}
