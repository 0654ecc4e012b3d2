import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

// Three bundles: the Electron main process (plus the Node-only entries that reuse the same
// services: the loopback web host, the CLI and the benchmark), the sandboxed preload, and the
// renderer. Node-only entries never import `electron`, so they run under plain Node.
// IPDESK_OUT lets several working copies build side by side (default: out/).
const OUT = process.env.IPDESK_OUT || 'out'

export default defineConfig({
  main: {
    build: {
      outDir: `${OUT}/main`,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-main/index.ts'),
          web: resolve(__dirname, 'src-main/ipc/web-entry.ts'),
          cli: resolve(__dirname, 'src-main/cli/index.ts'),
          bench: resolve(__dirname, 'src-main/bench/index.ts'),
        },
        // A package the code imports but does not use (the reading worker reaches spreadsheet/write.ts,
        // and with it exceljs, through the kit's index) is not loaded: loading exceljs alone costs a
        // thread 0.1 s. No module here imports a package for its side effects only.
        treeshake: { moduleSideEffects: 'no-external' },
      },
    },
  },
  preload: {
    build: {
      outDir: `${OUT}/preload`,
      // A sandboxed preload cannot `require` anything but electron: bundle the contract into it,
      // as one CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-main/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, `${OUT}/renderer`),
      rollupOptions: { input: { index: resolve(__dirname, 'src-renderer/index.html') } },
      chunkSizeWarningLimit: 4096,
    },
  },
})
