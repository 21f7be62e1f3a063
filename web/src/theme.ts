// The app's antd theme: main.tsx gives it to the ConfigProvider and web/build/antd-css.ts renders antd's styles
// with it at build time — one object, so the static stylesheet's class hashes are the ones the page asks for.

/** Darker than antd's defaults where its defaults miss WCAG AA contrast (4.5:1) on white. */
export const THEME = {
  token: {
    colorPrimary: '#0958d9',
    colorLink: '#0958d9',
    colorError: '#cf1322',
    colorPrimaryHover: '#003eb3',
    colorLinkHover: '#003eb3',
    colorTextDescription: 'rgba(0,0,0,0.65)',
    colorTextSecondary: 'rgba(0,0,0,0.65)',
    colorTextTertiary: 'rgba(0,0,0,0.62)',
  },
};
