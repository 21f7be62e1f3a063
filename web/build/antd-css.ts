// antd's styles as a static stylesheet made at build time. antd v5 writes each component's CSS in the browser the
// first time the component is drawn (CSS-in-JS), which was most of the main-thread work of a cold load on a phone.
// Here the components of the first screens are rendered once on the server with the app's theme; @ant-design/cssinjs's
// extractStyle gives their CSS plus a map of what it holds, and on the page antd finds each style in that map
// (its `existPath`) and skips computing it. A component missing from the file still gets its style the old way.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';
import { REPO } from './build-stamp';
import { THEME } from '../src/theme';

/**
 * The files of the first screens: the login page, the shell around every page, the officer's home. Only their
 * components go into the file — all of antd's would be 1 MB of CSS that the browser parses before the first paint,
 * which cost about what it saved; a later page's own components get their styles the old way when it is opened.
 */
const FIRST_SCREENS = ['main.tsx', 'pages/LoginPage.tsx', 'pages/HomePage.tsx', 'pages/WorkLinks.tsx', 'ListItemMeta.tsx'];
/** Components those draw inside them or by name elsewhere (the menu's tooltips and counts, the language select). */
const INNER = ['Tooltip', 'Badge', 'Select'];

/** The antd exports named in `import { … } from 'antd'` of the first screens' files and shell/, with INNER. */
export function firstScreenComponents(): string[] {
  const shell = readdirSync(path.join(REPO, 'web/src/shell'))
    .filter((f) => f.endsWith('.tsx'))
    .map((f) => `shell/${f}`);
  const names = new Set(INNER);
  for (const file of [...FIRST_SCREENS, ...shell]) {
    for (const m of readFileSync(path.join(REPO, 'web/src', file), 'utf8').matchAll(/import\s*\{([^}]*)\}\s*from\s*['"]antd['"]/g)) {
      for (const part of m[1].split(',')) {
        const name = part.trim().split(/\s+as\s+/)[0];
        if (/^[A-Z]/.test(name) && name !== 'ConfigProvider') names.add(name);
      }
    }
  }
  return [...names].sort();
}

/** The CSS of `names` with the app's theme, and the cache-path map antd reads on the page. */
export async function antdCss(names: readonly string[]): Promise<string> {
  // The class hash is `css-dev-only-…` outside production: the file must carry the production one.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  const { createElement: h } = await import('react');
  const { renderToString } = await import('react-dom/server');
  const antd = (await import('antd')) as unknown as Record<string, Record<string, unknown> | undefined>;
  const { StyleProvider, createCache, extractStyle } = await import('@ant-design/cssinjs');
  const cache = createCache();
  const nodes = [];
  for (const name of names) {
    const c = antd[name] as (Record<string, unknown> & { $$typeof?: symbol }) | undefined;
    if (!c) continue;
    // Popups (Modal, Select's list, message…) draw their styled part only when open: the panel antd keeps for this.
    const panel = c._InternalPanelDoNotUseOrYouWillBeFired;
    if (typeof c === 'function' || c.$$typeof) nodes.push(h(c as never, { key: name }));
    if (panel) nodes.push(h(panel as never, { key: `${name}-panel` }));
  }
  const { ConfigProvider } = await import('antd');
  const quiet = console.error;
  console.error = () => {}; // server-render warnings (useLayoutEffect, empty props) say nothing about the styles
  try {
    renderToString(h(StyleProvider, { cache }, h(ConfigProvider, { theme: THEME }, ...nodes)));
  } finally {
    console.error = quiet;
    process.env.NODE_ENV = nodeEnv;
  }
  return extractStyle(cache, { plain: true, types: ['style', 'token'] });
}

/** The Vite plugin: writes assets/antd-<hash>.css and links it first in the page's head. */
export function antdStaticCss(): Plugin {
  let css = '';
  let file = '';
  return {
    name: 'hezuo-antd-static-css',
    apply: 'build',
    async buildStart() {
      css = await antdCss(firstScreenComponents());
      file = `assets/antd-${createHash('sha256').update(css).digest('hex').slice(0, 8)}.css`;
      this.emitFile({ type: 'asset', fileName: file, source: css });
    },
    transformIndexHtml() {
      return [{ tag: 'link', attrs: { rel: 'stylesheet', href: `/${file}` }, injectTo: 'head' }];
    },
  };
}
