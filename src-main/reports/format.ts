// Number formatting shared by the Word report, the Excel workbook and the CLI, so the three say the
// same thing: amounts in 万元 with two decimals, counts with thousands separators.

/** 元 (integer) → 万元, rounded to two decimals (exact: 1 万元 = 10,000 元, so hundreds of 元 are the last digit). */
export function yuanToWan(yuan: number): number {
  return Math.round(yuan / 100) / 100
}

export function formatWan(yuan: number): string {
  return yuanToWan(yuan).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
}

export function formatCount(n: number): string {
  return n.toLocaleString('zh-CN', { maximumFractionDigits: 2 })
}

export function formatPercent(share: number | null): string {
  return share === null ? '—' : `${(share * 100).toFixed(1)}%`
}

/** 2025-03-08 → 2025年3月8日 (the cover and the text). */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso)
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso
}
