import ExcelJS from 'exceljs'

/**
 * Write test rows to an .xlsx with exceljs' streaming writer. Not `workbook.xlsx.writeFile`: that resolves
 * when the zip has finished, before its last bytes reach the file, so under load a test can read a
 * truncated workbook (xl/workbook.xml, written last, missing). The streaming writer resolves only once
 * the file stream has finished.
 */
export async function writeXlsx(file: string, rows: unknown[][], sheetName = 'Sheet1'): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true })
  const sheet = workbook.addWorksheet(sheetName)
  for (const row of rows) sheet.addRow(row).commit()
  sheet.commit()
  await workbook.commit()
}
