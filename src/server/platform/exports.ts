import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

/**
 * A table exported as the user may see it: CSV (RFC 4180, UTF-8 with a byte
 * order mark so spreadsheets read Arabic and Hebrew) or XLSX (numbers as
 * numbers, dates as dates, a header row, the banner of the data in every
 * printed page's header and footer). Written with kept libraries
 * (csv-stringify, exceljs): quoting and the OOXML format are theirs.
 */

export type ExportFormat = 'csv' | 'xlsx';

export interface ExportColumn<Row> {
  header: string;
  kind: 'text' | 'number' | 'date';
  value: (row: Row) => string | number | Date | null;
  width?: number;
}

export interface ExportTable<Row> {
  /** The sheet's name and the file's. */
  title: string;
  /** The banner of what the table holds (the combined marking of its rows). */
  banner: string;
  columns: readonly ExportColumn<Row>[];
  rows: readonly Row[];
}

/** A cell a spreadsheet would run as a formula is written as text (CSV injection). */
const inert = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

export function toCsv<Row>(table: ExportTable<Row>): string {
  const cell = (column: ExportColumn<Row>, row: Row) => {
    const value = column.value(row);
    if (value === null) return '';
    if (value instanceof Date) return value.toISOString();
    return typeof value === 'number' ? String(value) : inert(value);
  };
  return `\ufeff${stringify([
    table.columns.map((column) => column.header),
    ...table.rows.map((row) => table.columns.map((column) => cell(column, row))),
  ])}`;
}

export async function toXlsx<Row>(table: ExportTable<Row>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Concord';
  const sheet = workbook.addWorksheet(table.title.slice(0, 31), {
    headerFooter: { oddHeader: `&C${table.banner}`, oddFooter: `&C${table.banner}` },
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = table.columns.map((column) => ({
    header: column.header,
    width: column.width ?? (column.kind === 'date' ? 20 : 16),
    ...(column.kind === 'date' && { style: { numFmt: 'yyyy-mm-dd hh:mm' } }),
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows)
    sheet.addRow(
      table.columns.map((column) => {
        const value = column.value(row);
        return typeof value === 'string' ? inert(value) : value;
      }),
    );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Answers with the table as a download, its banner also in a header for whoever reads the CSV. */
export async function sendExport<Row>(reply: FastifyReply, format: ExportFormat, table: ExportTable<Row>) {
  const body = format === 'csv' ? toCsv(table) : await toXlsx(table);
  return reply
    .type(TYPES[format])
    .header(
      'content-disposition',
      `attachment; filename="${table.title.replace(/[^\w.-]+/g, '-')}.${format}"`,
    )
    .header('cache-control', 'private, no-store')
    .header('concord-banner', encodeURIComponent(table.banner))
    .send(body);
}
