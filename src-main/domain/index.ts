// Pure domain rules (no I/O). Renderer code should import the module it needs directly
// ('domain/cn-number') rather than this index: text-encoding pulls in iconv-lite, which the sandboxed
// renderer has no use for.
export * from './cn-number'
export * from './legal-status'
export * from './term'
export * from './export-headers'
export * from './cell-values'
export * from './text-encoding'
export * from './university'
export * from './pinyin'
export { removeBlanks, hasCjk } from './text-width'
