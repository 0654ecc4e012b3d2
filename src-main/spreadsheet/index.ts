// The shared spreadsheet kit: every .xlsx/.csv IPDesk reads and every .xlsx it writes goes through here.
//
// Reading:  openTable(path, { displayName, onProgress }) → { format, encoding, sheetName, rows() } where rows()
//           streams { rowNumber, values } (values[0] = column A; Dates for date cells; formulas give their
//           cached result). Refuses empty files, .xls, binary files and broken workbooks with AppError('refused').
//           cellText(), isBlankRow(), columnLetter() help build messages that name row and column.
//           Workbooks are read by the worksheet scanner (zip.ts → xlsx-parts.ts → xlsx-sheet.ts, some four
//           times faster than exceljs' streaming reader); a workbook it does not expect (zip64, encryption, a
//           missing part) is left to exceljs. IPDESK_XLSX_READER=exceljs forces exceljs, should a file ever
//           read differently in the field.
// Writing:  writeWorkbook(path, [sheet({ name, columns: [{ header, kind, width, value }], rows })], { onRows }) —
//           streaming, bold frozen header with auto-filter, numbers as numbers, money with two decimals,
//           text always a string cell (formula injection cannot happen), atomic rename at the end.
export { cellText, isBlankRow, plainCellValue, type CellValue } from './cells'
export { columnLetter, openTable, type ReadProgress, type SheetRow, type TableReader } from './read'
export { sniffTableFile, type TableFormat } from './sniff'
export { looksLikeFormula, safeSheetName, sheet, textWidth, writeWorkbook, type ColumnKind, type ColumnSpec, type SheetSpec } from './write'
