// The strings of the studio's import card, [zh-CN, en] (kept apart from studio-texts.ts: one concept each).
export const IMPORT_TEXTS = {
  importTitle: ['导入插件包或文件夹', 'Import a pack or folder'],
  importNote: [
    '导入后成为草稿继续编辑:已安装的插件成为其新版本的草稿,否则成为新插件的草稿。插件包按试运行的要求检查。',
    "An import becomes a draft to keep editing: of an installed plugin's next version, or else of a new plugin. A pack is checked as its dry run checks it.",
  ],
  importPack: ['选择插件包(.hzpack)', 'Choose a pack (.hzpack)'],
  importFolder: ['选择插件文件夹', 'Choose a plugin folder'],
  importing: ['正在导入…', 'Importing…'],
  importRefused: ['未导入,没有创建草稿', 'Not imported; no draft was created'],
} as const;
