// The web app: React + antd + @rjsf/antd, built to web/dist (served by platform/http/web.ts).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { postBuild } from './build/post-build';
import { antdStaticCss } from './build/antd-css';

const root = path.dirname(fileURLToPath(import.meta.url));
const platformDir = path.join(root, '..', 'platform') + path.sep;

/**
 * Long-lived vendor chunks, so no chunk is much over 1 MB and a release that changes app code leaves the browser's
 * cached libraries alone. Order matters: the first match wins (rc-* and @ant-design belong with antd).
 */
const CHUNKS: [string, RegExp][] = [
  // The plugin studio's code editor and YAML reader: only the studio (an admin page) loads them, never an officer's page.
  ['studio-vendor', /node_modules\/(@codemirror|codemirror|@lezer|crelt|style-mod|w3c-keyname|@marijn|yaml)\//],
  ['react', /node_modules\/(react|react-dom|scheduler|react-is)\//],
  ['echarts', /node_modules\/(echarts|zrender)\//],
  [
    'rjsf',
    /node_modules\/(@rjsf|lodash|lodash-es|jsonpointer|json-schema-merge-allof|compute-gcd|compute-lcm|validate\.io-[a-z-]+|markdown-to-jsx|nanoid|json-schema-compare)\//,
  ],
  ['ajv', /node_modules\/(ajv|ajv-formats|ajv-i18n|fast-deep-equal|fast-uri|json-schema-traverse|require-from-string)\//],
  // Icons and the small helpers they share with antd: a chunk of their own keeps antd under ~1 MB without a cycle.
  [
    'antd-base',
    /node_modules\/(@ant-design\/(icons|icons-svg|colors|fast-color)|rc-util|@rc-component\/util|@babel\/runtime|classnames)\//,
  ],
  [
    'antd',
    /node_modules\/(antd|@ant-design|rc-[a-z-]+|@rc-component|dayjs|@emotion|stylis|throttle-debounce|compute-scroll-into-view|scroll-into-view-if-needed|copy-to-clipboard|toggle-selection|resize-observer-polyfill|json2mq|string-convert)\b/,
  ],
];

export default defineConfig({
  root,
  base: '/',
  plugins: [react(), antdStaticCss(), postBuild()],
  build: {
    outDir: path.join(root, 'dist'),
    emptyOutDir: true,
    // .vite/manifest.json: which chunks each entry loads, for the first-load byte figures (bench/first-load.ts).
    manifest: true,
    chunkSizeWarningLimit: 1100,
    rollupOptions: {
      output: {
        manualChunks(id) {
          const file = id.split(path.sep).join('/');
          for (const [name, re] of CHUNKS) if (re.test(file)) return name;
          // The platform's rule engine, evaluation and form validation, shared with the server.
          if (id.startsWith(platformDir)) return 'platform';
          if (file.includes('/node_modules/')) return 'vendor';
          return undefined;
        },
      },
    },
  },
  server: {
    port: 5173,
    fs: { allow: [path.join(root, '..')] },
    // The Host header is kept (changeOrigin false; Vite's string shorthand would rewrite it), so the server sees
    // the page's own origin and its CSRF check (platform/http/csrf.ts) lets the dev server's requests through.
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
      '/docs': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
