// electron-vite's `?modulePath` import: the path of the named module built as a bundle of its own
// (used for the import's reading worker). Under vitest the suffix means nothing and the default export
// is undefined.
declare module '*?modulePath' {
  const path: string | undefined
  export default path
}
