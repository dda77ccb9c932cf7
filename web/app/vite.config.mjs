// The workbench's build (web/build.ts runs it): production only, into web/dist.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export default {
  root: here,
  base: '/',
  // Vite 8 compiles TSX with Oxc; the automatic runtime needs no React import in each file.
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: path.join(here, '..', 'dist'),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1024,
  },
};
