// UI language: zh-CN by default, en on request; the choice is kept in localStorage.
import { createContext, useContext } from 'react';

export type Locale = 'zh-CN' | 'en';
export type LocalText = { 'zh-CN': string; en: string };

export const LOCALE_KEY = 'hezuo.locale';

export function initialLocale(): Locale {
  try {
    return localStorage.getItem(LOCALE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

const UI = {
  appName: ['合作', 'Hezuo'],
  login: ['登录', 'Log in'],
  logout: ['退出', 'Log out'],
  username: ['用户名', 'User name'],
  password: ['密码', 'Password'],
  language: ['语言', 'Language'],
  home: ['首页', 'Home'],
  formsToFill: ['可填报的表单', 'Forms you may fill'],
  newRecord: ['新建', 'New'],
  myDrafts: ['草稿', 'Drafts'],
  returned: ['被退回的记录', 'Returned records'],
  reviewerComment: ['审核意见', 'Reviewer comment'],
  queue: ['待审核', 'Review queue'],
  noData: ['暂无', 'None'],
  open: ['打开', 'Open'],
  period: ['期间', 'Period'],
  orgUnit: ['机构', 'Org unit'],
  state: ['状态', 'State'],
  subject: ['对象', 'Subject'],
  updated: ['更新时间', 'Updated'],
  save: ['保存草稿', 'Save draft'],
  saved: ['已保存', 'Saved'],
  liveResults: ['实时校验(浏览器)', 'Live results (browser)'],
  serverResults: ['服务器结果', 'Server results'],
  computed: ['计算值', 'Computed values'],
  checks: ['检查', 'Checks'],
  passed: ['通过', 'passed'],
  failed: ['未通过', 'failed'],
  warn: ['提醒', 'warning'],
  block: ['阻止', 'blocking'],
  score: ['得分', 'Score'],
  total: ['总分', 'Total'],
  classes: ['分类', 'Classes'],
  ruleErrors: ['无法计算的规则', 'Rules that could not be evaluated'],
  blocking: ['阻止提交的问题', 'Blocking problems'],
  history: ['历史', 'History'],
  actions: ['操作', 'Actions'],
  comment: ['意见', 'Comment'],
  commentRequired: ['此操作需要填写意见', 'This step needs a comment'],
  parameters: ['参数', 'Parameters'],
  saveParameters: ['保存参数', 'Save parameters'],
  plugins: ['插件', 'Plugins'],
  back: ['返回', 'Back'],
  error: ['错误', 'Error'],
  loading: ['加载中…', 'Loading…'],
  mandatory: ['必备项', 'mandatory'],
  done: ['已完成', 'Done'],
  cannotStep: ['暂不能执行', 'Not possible yet'],
  blockedByChecks: ['项阻止提交的检查未通过', 'blocking check(s) fail'],
  fieldsInvalid: ['处填写有误', 'field(s) have errors'],
  fieldsMissing: ['个必填项未填写', 'required field(s) are empty'],
  requiredShown: ['请先填写标出的必填项', 'Please fill the required fields marked below'],
  attachAccept: ['允许的类型', 'Accepted types'],
  attachMaxSize: ['单个文件不超过', 'Each file at most'],
  attachMaxFiles: ['最多文件数', 'At most files'],
  attachChoose: ['选择文件上传', 'Choose a file to upload'],
  attachDrop: ['点击或将文件拖到此处上传', 'Click or drag a file here to upload'],
  attachTooLarge: ['文件过大，不能上传', 'The file is too large to upload'],
  attachWrongType: ['文件类型不允许，不能上传', 'This file type is not accepted'],
  attachTooMany: ['已达到文件数上限', 'The maximum number of files is reached'],
  attachRemove: ['删除', 'Remove'],
  attachUploading: ['正在上传', 'Uploading'],
  attachNone: ['尚无附件', 'No files yet'],
} satisfies Record<string, [string, string]>;

export type UiKey = keyof typeof UI;

export interface I18n {
  locale: Locale;
  t: (key: UiKey) => string;
  lt: (text: LocalText | string | null | undefined) => string;
  setLocale: (l: Locale) => void;
}

export function makeI18n(locale: Locale, setLocale: (l: Locale) => void): I18n {
  return {
    locale,
    setLocale,
    t: (key) => UI[key][locale === 'en' ? 1 : 0],
    lt: (text) => (text == null ? '' : typeof text === 'string' ? text : (text[locale] ?? text['zh-CN'] ?? '')),
  };
}

export const I18nContext = createContext<I18n>(makeI18n('zh-CN', () => {}));
export const useI18n = () => useContext(I18nContext);
