import { createTheme } from '@mantine/core'

// System fonts with CJK coverage on Windows (微软雅黑), 信创 Linux (Noto/思源/文泉驿) and macOS.
const FONT = '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei", system-ui, sans-serif'

export const theme = createTheme({
  primaryColor: 'indigo',
  fontFamily: FONT,
  headings: { fontFamily: FONT },
  defaultRadius: 'sm',
})
