import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig, type Plugin } from 'vite';
import { lintConfig } from '../workflows/lint/lint-diagram.ts';
import { webSourceHash } from './source-hash.ts';

const webRoot = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.dirname(webRoot);
const require = createRequire(import.meta.url);

/**
 * bpmnlint resolves rules from node_modules at run time, which a browser cannot do. This compiles the server's lint
 * config into a module that imports every enabled rule, so the modeler lints exactly as `lintDiagram` does.
 */
function bpmnlintConfig(): Plugin {
  const id = 'virtual:bpmnlint-config';
  const compileConfig = require('bpmnlint/lib/support/compile-config') as (config: object) => Promise<string>;
  return {
    name: 'citycase-bpmnlint-config',
    resolveId: (source) => (source === id ? `\0${id}` : null),
    load: (source) => (source === `\0${id}` ? compileConfig(lintConfig) : null),
  };
}

/** Records which sources the build came from, so a test can tell a stale committed build from a fresh one. */
function buildInfo(): Plugin {
  return {
    name: 'citycase-build-info',
    apply: 'build',
    generateBundle() {
      this.emitFile({
        type: 'asset',
        fileName: 'build-info.json',
        source: `${JSON.stringify({ sourceHash: webSourceHash(repoRoot) }, null, 2)}\n`,
      });
    },
  };
}

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [vue(), bpmnlintConfig(), buildInfo()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // The modeler chunk (bpmn-js, properties panel, lint rules) is large by nature and loads only on its page.
    chunkSizeWarningLimit: 2000,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000', '/health': 'http://127.0.0.1:3000' },
  },
});
