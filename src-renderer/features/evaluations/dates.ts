export function timeOfDay(date: Date): string {
  return date.toLocaleTimeString('zh-CN', { hour12: false })
}
