// The one error catalogue. Every refusal the platform gives names a code from here; a test fails when a code
// has no documentation, and the HTTP layer turns a HezuoError into JSON with exactly these fields.

export type Locale = 'zh-CN' | 'en';
export type LocalText = { 'zh-CN': string; en: string };

export interface ErrorDefinition {
  status: number;
  message: LocalText;
  /** What it means and what to do: shown in the API docs. */
  description: string;
}

const define = <T extends Record<string, ErrorDefinition>>(t: T) => Object.freeze(t);

export const ERRORS = define({
  BAD_REQUEST: {
    status: 400,
    message: { 'zh-CN': '请求格式不正确', en: 'The request is malformed' },
    description: 'The body is not JSON or lacks a required property; details name the pointer.',
  },
  JSON_INVALID: {
    status: 400,
    message: { 'zh-CN': '请求内容不是有效的 JSON', en: 'The body is not valid JSON' },
    description: 'A body sent as application/json is empty, not UTF-8 or not JSON; the detail gives the position. Nothing was changed.',
  },
  JSON_TOO_DEEP: {
    status: 400,
    message: { 'zh-CN': '请求内容嵌套层级过深', en: 'The body is nested too deeply' },
    description: 'Objects and arrays in a JSON body may nest at most 64 levels; the detail gives the limit. Nothing was changed.',
  },
  CHARACTER_INVALID: {
    status: 400,
    message: { 'zh-CN': '请求中含有无法保存的字符', en: 'The request contains a character that cannot be stored' },
    description:
      'A text in the body, query string or path holds U+0000 (NUL), a lone UTF-16 surrogate or bytes that are not UTF-8; the pointer names the value (/query/<name>, /params/<name> or the body pointer). Nothing was changed.',
  },
  INPUT_NOT_STORABLE: {
    status: 400,
    message: { 'zh-CN': '请求中的值无法保存', en: 'A value in the request cannot be stored' },
    description:
      'The database refused a value of the request (a character it cannot store, a number out of range, a text it cannot read, an expression too complex); nothing was changed.',
  },
  VALIDATION_FAILED: {
    status: 422,
    message: { 'zh-CN': '填写内容未通过校验', en: 'The data did not pass validation' },
    description: 'Form data broke the form schema; each detail carries keyword, pointer, schema path and params.',
  },
  BLOCKING_CHECKS_FAILED: {
    status: 422,
    message: { 'zh-CN': '存在未通过的必须条件,不能提交', en: 'Blocking checks failed; the record cannot move on' },
    description: 'A transition that requires every blocking check to pass was asked while some fail.',
  },
  UNAUTHENTICATED: {
    status: 401,
    message: { 'zh-CN': '请先登录', en: 'Please log in' },
    description: 'No valid session token was sent (Authorization: Bearer … or the hezuo_session cookie).',
  },
  LOGIN_FAILED: {
    status: 401,
    message: { 'zh-CN': '用户名或密码错误', en: 'Wrong user name or password' },
    description: 'The user name does not exist or the password does not match.',
  },
  FORBIDDEN: {
    status: 403,
    message: { 'zh-CN': '没有权限执行此操作', en: 'You are not allowed to do this' },
    description: 'The user holds no role that permits the action at this org unit.',
  },
  NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '找不到请求的对象', en: 'Not found' },
    description: "The object does not exist or lies outside the user's org units.",
  },
  CSRF_REFUSED: {
    status: 403,
    message: { 'zh-CN': '请求来自其他网站,已拒绝', en: 'The request came from another site and was refused' },
    description:
      "A state-changing request authenticated by the session cookie (or a login) did not come from this server's own pages: its Origin (or Referer) names another origin, or Sec-Fetch-Site says cross-site, or a cookie request carries none of them. API clients send Authorization: Bearer instead. Behind a TLS proxy set HEZUO_TRUST_PROXY so the server knows its https origin. Nothing was changed.",
  },
  ROUTE_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '接口不存在', en: 'No such endpoint' },
    description: 'No route matches the method and path.',
  },
  STALE_REVISION: {
    status: 409,
    message: { 'zh-CN': '记录已被他人修改,请刷新后重试', en: 'The record changed since you loaded it; reload and retry' },
    description: 'The revision named by the update is not the current one; nothing was changed.',
  },
  ID_CONFLICT: {
    status: 409,
    message: { 'zh-CN': '该编号已被另一条不同的记录使用', en: 'That id is already used by a different record' },
    description:
      'A create named an id that is taken (the same answer wherever the holder is); a retry of the same create, even a concurrent one, is not an error.',
  },
  DUPLICATE_RECORD: {
    status: 409,
    message: { 'zh-CN': '同一对象在该期间已有记录', en: 'A record for this subject and period already exists' },
    description:
      "The form allows one record per subject (or org unit) and period; the same answer whether the other record is in the user's units or not.",
  },
  TRANSITION_NOT_ALLOWED: {
    status: 409,
    message: { 'zh-CN': '当前状态下不能执行该操作', en: 'This step is not possible in the current state' },
    description: "The workflow has no such transition from the record's state.",
  },
  GUARD_FAILED: {
    status: 422,
    message: { 'zh-CN': '不满足执行该操作的条件', en: 'The conditions for this step are not met' },
    description: "A guard rule of the transition evaluated false; details carry the guard's message.",
  },
  COMMENT_REQUIRED: {
    status: 422,
    message: { 'zh-CN': '该操作需要填写意见', en: 'This step needs a comment' },
    description: 'The transition is declared with commentRequired.',
  },
  REFERENCE_INVALID: {
    status: 422,
    message: { 'zh-CN': '引用的记录不存在或不可见', en: 'The referenced record does not exist or is not visible' },
    description: "A reference field names a record of the wrong form, of another plugin, or outside the user's units.",
  },
  PERIOD_INVALID: {
    status: 422,
    message: { 'zh-CN': '期间格式不正确', en: 'The period is not valid for this form' },
    description: 'Periods are YYYY (year), YYYY-MM (month), YYYY-Www (ISO week) or a campaign code, as the form declares.',
  },
  PARAMETERS_INVALID: {
    status: 422,
    message: { 'zh-CN': '参数不符合插件声明的格式', en: "The parameters do not match the plugin's parameter schema" },
    description: "A parameter change broke the plugin's parameter schema; nothing was changed.",
  },
  PLUGIN_INVALID: {
    status: 422,
    message: { 'zh-CN': '插件不符合规范', en: 'The plugin is not valid' },
    description: 'A plugin file broke its meta-schema or a cross-file rule; each detail names file and pointer.',
  },
  PLUGIN_INCOMPATIBLE: {
    status: 422,
    message: { 'zh-CN': '插件与当前平台版本不兼容', en: 'The plugin does not support this platform version' },
    description: "The manifest's platform range does not include this platform's version.",
  },
  PLUGIN_VERSION_CONFLICT: {
    status: 409,
    message: { 'zh-CN': '同一插件版本的内容与已安装的不同', en: 'This plugin version differs from the one already installed' },
    description:
      'A plugin id and version already recorded in the database arrived (folder at start-up, or a pack) with other content. A published version never changes: give the changed plugin a new version. The installed version stays in use; details name the id, version and both content hashes.',
  },
  PACK_INVALID: {
    status: 422,
    message: { 'zh-CN': '插件包结构不正确', en: 'The plugin pack is not well-formed' },
    description:
      'A .hzpack file is not gzip, not UTF-8 or not the canonical pack JSON, or holds an unsafe path (absolute, `..`, backslash), a duplicate path, a link-like entry, an unknown key, a text that is not valid Unicode, or a file the plugin does not name. Details name the pointer in the pack and the file. Nothing was written.',
  },
  PACK_TOO_LARGE: {
    status: 413,
    message: { 'zh-CN': '插件包过大', en: 'The plugin pack is too large' },
    description:
      'A .hzpack file, its inflated content, its compression ratio, one of its files or their number is over the limits in docs/plugins.md (Packs). Inflation stops at the limit. Nothing was written.',
  },
  PACK_TAMPERED: {
    status: 422,
    message: { 'zh-CN': '插件包内容与其清单或签名不符', en: 'The plugin pack does not match its manifest or signature' },
    description:
      "A file's sha256, the content hash or the ed25519 signature over the manifest does not match: the pack was changed after it was built (or signed). It is refused whoever signed it. Nothing was written.",
  },
  PACK_FIXTURES_FAILED: {
    status: 422,
    message: { 'zh-CN': '插件包的测试用例在本服务器上未通过', en: "The pack's fixtures fail on this server" },
    description:
      'An install was refused because a fixture of the pack does not give its expected result here (the dry run lists the failing cases). An admin may install anyway with `overrideFixtures` and a reason, which the audit log keeps. Nothing was written.',
  },
  PACK_DEPENDENCY_UNMET: {
    status: 422,
    message: { 'zh-CN': '插件包依赖的插件未安装或版本不符', en: 'A plugin the pack depends on is missing or at another version' },
    description:
      "The pack's manifest names plugins it needs (plugin.json `dependencies`, or `pack build --depends`), each at a semver range; one is not installed here, is uninstalled, or its active version is outside the range. Each detail points at /manifest/dependencies/<i> with `params` id, range and the installed version. Install or upgrade that plugin first. Nothing was written.",
  },
  PLUGIN_DEPENDED_ON: {
    status: 409,
    message: { 'zh-CN': '其他插件依赖此插件,不能这样改动', en: 'Other plugins depend on this one as it is' },
    description:
      "A rollback or uninstall would leave an enabled plugin's declared dependency (plugin.json `dependencies`) unmet; the details name each such plugin and its range. Upgrade or uninstall those first. Nothing was written.",
  },
  PLUGIN_DISABLED: {
    status: 409,
    message: { 'zh-CN': '插件已停用,不能新建记录', en: 'The plugin is disabled: no new records' },
    description:
      'An admin uninstalled the plugin (POST /api/packs/uninstall): its forms take no new records, while its records stay readable and listed. POST /api/packs/enable undoes it.',
  },
  POLICY_NOT_IN_FORCE: {
    status: 409,
    message: { 'zh-CN': '该政策不在施行期内,不能新建记录', en: 'The policy is not in force: no new records' },
    description:
      "The active version of the plugin declares effective dates (plugin.json `effective`) and today, in the platform's zone, is before `from` or after `until` (or the admin's extension). Records already made stay readable and keep moving through their workflow. An admin extends an expired policy with POST /api/plugins/{plugin}/extension and a reason.",
  },
  PLUGIN_NO_PREVIOUS_VERSION: {
    status: 409,
    message: { 'zh-CN': '没有可回退的上一版本', en: 'There is no previous version to roll back to' },
    description:
      'A rollback makes the version active before the last install or upgrade active again; this plugin has none recorded (it was installed once, or every earlier version was already rolled back to).',
  },
  FIXTURE_OVERRIDE_REASON_REQUIRED: {
    status: 422,
    message: { 'zh-CN': '越过失败的测试用例必须填写理由', en: 'Overriding failing fixtures needs a reason' },
    description:
      'A pack dry run or install carried `override` without a non-empty `reason`. An admin may install a pack whose fixtures fail in this server only with a written reason (it is kept in the report and the audit log). Nothing was changed.',
  },
  RULE_INVALID: {
    status: 422,
    message: { 'zh-CN': '规则表达式不正确', en: 'The rule expression is not valid' },
    description:
      "A JsonLogic rule uses an unknown operation (the detail names the closest ones and lists every operation of the engine's closed table in `params.allowed`) or a malformed argument list.",
  },
  RULE_UNKNOWN_FIELD: {
    status: 422,
    message: { 'zh-CN': '规则读取的字段表单中没有', en: 'A rule reads a field the form does not have' },
    description:
      "A rule reads `data.…` (or a field of a data list's items inside map, filter, all, some, none, count, reduce, sum, avg, or a path of missing/missing_some) that the form's schema cannot have, so it would always read null. The plugin is refused; the detail names the file, the pointer of the path, `params.path` and, in `params.closest`, the closest fields the form has. Paths the schema leaves open (no additionalProperties: false) are not refused. The same for a form's rule reading `params.<name>` the parameter schema does not declare, `refs.<pointer>` that is no x-ref field of the form, or `computed.<id>`/`results.classes.<id>` naming no compute/classify rule of the form.",
  },
  RULE_BUDGET_EXCEEDED: {
    status: 422,
    message: { 'zh-CN': '规则超出计算限额', en: 'A rule exceeded its evaluation budget' },
    description:
      "A plugin rule ran past the engine's evaluation budget (steps, array length, text length or nesting depth; see docs/plugins.md, Limits) and was stopped. On a record it is a rule error in the results (the rule counts as not met); in a workflow step the step is refused. Details name the rule and the limit.",
  },
  PATTERN_UNSUPPORTED: {
    status: 422,
    message: { 'zh-CN': '正则表达式无法使用', en: 'The regular expression cannot be used' },
    description:
      'A form pattern or patternProperties name is not a valid ECMAScript regular expression, or needs what a linear-time (RE2) engine cannot do: backreferences, lookahead, lookbehind, repetition counts above 1000. The plugin is refused; details name file and pointer.',
  },
  ORG_UNIT_INVALID: {
    status: 422,
    message: { 'zh-CN': '组织机构不存在或不可用', en: 'The org unit does not exist or is not yours' },
    description: "The org unit is unknown or outside the user's units.",
  },
  ORG_LEVEL_ORDER: {
    status: 422,
    message: { 'zh-CN': '机构层级与上级不符', en: "The unit's level does not fit under its parent" },
    description:
      'Levels run province > city > county > township > village; a unit must be of a lower level than its parent (a county cannot sit under a township). A root unit may be of any level. Nothing was changed.',
  },
  ORG_UNIT_EXISTS: {
    status: 409,
    message: { 'zh-CN': '机构编号或代码已存在', en: 'An org unit with that id or code exists' },
    description:
      "Org unit ids and codes are unique in a server's tree (plugins find their regions by code); the pointer names the clashing field. Nothing was changed.",
  },
  SEED_INVALID: {
    status: 400,
    message: { 'zh-CN': '种子文件不正确', en: 'The seed file is not valid' },
    description:
      'A seed file (org units, users and roles; docs/seed-files.md) does not match schemas/seed.schema.json, names a parent it does not define and the server lacks, or disagrees with a unit the server already has. Details give the pointer in the file. Nothing was changed.',
  },
  OUTSIDE_PLUGIN_REGIONS: {
    status: 422,
    message: { 'zh-CN': '该政策不适用于此组织机构', en: 'This policy does not apply at that org unit' },
    description:
      "The plugin names regions (plugin.json `regions`, GB/T 2260 codes) and the org unit is not within any of them in this server's org tree; records of its forms are created only there. A plugin without regions applies everywhere.",
  },
  USER_EXISTS: {
    status: 409,
    message: { 'zh-CN': '用户名已存在', en: 'That user name is taken' },
    description: 'User names are unique.',
  },
  LOGIN_THROTTLED: {
    status: 429,
    message: { 'zh-CN': '登录失败次数过多,请稍后再试', en: 'Too many failed logins; try again later' },
    description:
      'Too many failed logins for this user name or from this address; the Retry-After header gives the seconds to wait, and the wait doubles with each further failure. The same answer whether or not the user exists.',
  },
  ACCOUNT_LOCKED: {
    status: 423,
    message: {
      'zh-CN': '账号因多次登录失败已锁定,请联系管理员解锁',
      en: 'The account is locked after repeated failed logins; ask an admin to unlock it',
    },
    description:
      'After repeated failed logins the user name is locked until an admin lifts it (POST /api/users/{id}/unlock). The same answer whether or not the user exists.',
  },
  PASSWORD_TOO_WEAK: {
    status: 422,
    message: { 'zh-CN': '密码不符合要求', en: 'The password does not meet the policy' },
    description:
      'A new password is too short (10 characters at least), too long, the user name or like it, or a common password; the detail at /password says which (code too_short, too_long, like_username or common). Nothing was changed.',
  },
  CURRENT_PASSWORD_WRONG: {
    status: 422,
    message: { 'zh-CN': '当前密码不正确', en: 'The current password is wrong' },
    description: "Changing one's own password needs the current one (pointer /currentPassword). Nothing was changed.",
  },
  PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    message: { 'zh-CN': '请先修改密码', en: 'Please change your password first' },
    description:
      "An admin reset this user's password: until the user sets their own (POST /api/me/password) only /api/me, the password change and logout are open.",
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    message: { 'zh-CN': '提交的内容过大', en: 'The request is too large' },
    description: "The body exceeds the server's limit.",
  },
  IMPORT_FILE_INVALID: {
    status: 422,
    message: { 'zh-CN': '文件不是可读取的 .xlsx 或 .csv 表格', en: 'The file is not a readable .xlsx or .csv spreadsheet' },
    description:
      'An import file must be an .xlsx workbook or a CSV in UTF-8 (BOM optional) or GB18030/GBK; old .xls, other formats, damaged zips and files without a header row are refused. Nothing was imported.',
  },
  IMPORT_TOO_LARGE: {
    status: 413,
    message: { 'zh-CN': '文件过大或解压后过大', en: 'The file, or what it unpacks to, is too large' },
    description:
      'The file exceeds the size limit, or the .xlsx unpacks to more than the limit, has an entry compressed beyond the ratio limit (a zip bomb) or too many entries; details give the limit. Nothing was imported.',
  },
  IMPORT_TOO_MANY_ROWS: {
    status: 413,
    message: { 'zh-CN': '表格行数超过上限', en: 'The spreadsheet has too many rows' },
    description:
      'Rows are counted while the file is read; past the limit (details give it) the file is refused and nothing is imported. Split the file.',
  },
  IMPORT_TOO_MANY_COLUMNS: {
    status: 413,
    message: { 'zh-CN': '表格列数超过上限', en: 'The spreadsheet has too many columns' },
    description: 'A row has more cells than the column limit (details give it); nothing was imported.',
  },
  IMPORT_MAPPING_INVALID: {
    status: 422,
    message: { 'zh-CN': '表格列与表单字段无法对应', en: "The columns cannot be mapped to the form's fields" },
    description:
      "No column maps to a field, a column named in the mapping is missing, a mapping names an unknown field or one field for two columns, or the natural key's columns are absent; details name the column or pointer. Nothing was imported.",
  },
  REFERENCE_KEY_NOT_FOUND: {
    status: 422,
    message: { 'zh-CN': '没有与该关键字段值对应的被引用记录', en: 'No referenced record has that key' },
    description:
      "An import row fills a reference (x-ref) field by the referenced form's natural key (e.g. a credit code) and no record of that form within the user's units has it; details name the key field, the value and the pointer.",
  },
  IMPORT_NOT_FINISHED: {
    status: 409,
    message: { 'zh-CN': '导入尚未完成', en: 'The import has not finished' },
    description: 'The error file of an import exists only once the import is done.',
  },
  ATTACHMENT_INVALID: {
    status: 422,
    message: { 'zh-CN': '附件不正确', en: 'The attachment is not valid' },
    description:
      'An upload lacks plugin, form, field or file, names a field without x-attachment, or is empty; or a saved record names attachment ids that do not exist, belong to another form, field or record, or were uploaded by someone else. Details name the pointer.',
  },
  ATTACHMENT_TYPE_NOT_ALLOWED: {
    status: 415,
    message: { 'zh-CN': '附件类型不允许', en: 'This type of file is not accepted here' },
    description:
      "The file's media type is not in the field's x-attachment accept list, or its first bytes do not match the type claimed (a renamed file). Details list the accepted types.",
  },
  ATTACHMENT_TOO_LARGE: {
    status: 413,
    message: { 'zh-CN': '附件超过大小限制', en: 'The file exceeds the size limit' },
    description:
      "The file is larger than the field's x-attachment maxSize (or the server's upload limit); details give the limit in bytes. Nothing was stored.",
  },
  REPORT_INVALID: {
    status: 422,
    message: { 'zh-CN': '报表模板不正确', en: 'The report template is not valid' },
    description:
      'A plugin report names an unknown form, field, column or parameter, or its JsonLogic uses an operation with no SQL equivalent; details name file, pointer and reason. The plugin is refused.',
  },
  REPORT_PARAMETER_INVALID: {
    status: 422,
    message: { 'zh-CN': '报表参数不正确', en: 'A report parameter is not valid' },
    description:
      'A parameter of a report run is missing, of the wrong type, outside its range or list, or unknown (format, lang); details name the parameter as the pointer.',
  },
  COLUMN_UNKNOWN: {
    status: 400,
    message: { 'zh-CN': '表单没有这个列', en: 'The form has no such column' },
    description:
      'A list, sort, saved view or export names a column that no listed form has: neither a declared list column id nor the JSON pointer of a field of the form (a leaf of its schema). params.column names it; the detail pointer is the query parameter (/columns or /sort).',
  },
  SAVED_VIEW_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '找不到该已保存的筛选', en: 'No such saved view' },
    description: "The saved view does not exist or is another user's (each user sees only their own). Nothing was changed.",
  },
  FOLLOW_UP_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '找不到该整改事项', en: 'No such follow-up item' },
    description: "The follow-up id does not belong to the record named, or the record lies outside the user's org units.",
  },
  FOLLOW_UP_STALE: {
    status: 409,
    message: { 'zh-CN': '整改事项已被他人处理,请刷新后重试', en: 'The follow-up item changed since you loaded it; reload and retry' },
    description: "The revision sent with a follow-up step is not the item's current one; nothing was changed.",
  },
  FOLLOW_UP_STEP_NOT_ALLOWED: {
    status: 409,
    message: { 'zh-CN': '整改事项当前状态下不能执行该操作', en: 'This step is not possible for the follow-up item now' },
    description:
      'Rectify needs status open or reopened, confirm needs rectified, reopen needs rectified or confirmed; the detail names the current status.',
  },
  FOLLOW_UP_INVALID: {
    status: 422,
    message: { 'zh-CN': '整改信息填写不正确', en: 'The follow-up step is not filled in correctly' },
    description:
      'A rectification date is missing, not a date or after today; evidence is required but missing, or too many files; a reopen has no comment. Details name the pointer.',
  },
  FOLLOW_UP_DEADLINE_UNKNOWN: {
    status: 422,
    message: { 'zh-CN': '无法计算整改期限', en: 'The rectification deadline cannot be computed' },
    description:
      "The plugin's deadline expression gave no date — typically a working-day calendar that has no data for that year. The step that would open the follow-ups is refused; the plugin (or its calendar) needs the new year's data.",
  },
  STUDIO_DRAFT_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '找不到该插件草稿', en: 'No such plugin draft' },
    description: 'The studio draft does not exist (it was published and deleted, or deleted by another admin). Nothing was changed.',
  },
  STUDIO_SOURCE_UNKNOWN: {
    status: 422,
    message: { 'zh-CN': '要复制或修改的插件未安装', en: 'The plugin to fork or edit is not installed' },
    description: 'A studio draft was asked from `source`, which names no installed plugin; the pointer is /source. Nothing was changed.',
  },
  STUDIO_PLUGIN_ID_INVALID: {
    status: 422,
    message: { 'zh-CN': '插件编号不正确', en: 'The plugin id is not valid' },
    description:
      'A new plugin id must be 3–64 characters of lower-case letters, digits and single hyphens, starting with a letter (plugin.json `id`); the pointer is /plugin. Nothing was changed.',
  },
  STUDIO_PLUGIN_EXISTS: {
    status: 409,
    message: { 'zh-CN': '已安装同编号的插件', en: 'A plugin with this id is installed' },
    description:
      'A blank or forked draft must create a new plugin: its id names an installed one. Choose another id, or open an edit draft of that plugin. Nothing was changed.',
  },
  STUDIO_FILES_INVALID: {
    status: 422,
    message: { 'zh-CN': '草稿文件不符合要求', en: "The draft's files are not allowed" },
    description:
      'A draft file path is absolute, holds `..` or other characters than letters, digits, `.`, `_`, `-` and `/`, or is not .json/.yaml/.yml; or there are more files, a larger file or more bytes in all than a pack may hold (PACK_LIMITS). Each detail names the file at /files/<path>. Nothing was changed.',
  },
  CALENDAR_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '找不到该工作日历', en: 'No such working-day calendar' },
    description:
      'No installed plugin of that id has (in its active version) a calendar of that id; the pointer is /calendar. Nothing was changed.',
  },
  CALENDAR_YEAR_INVALID: {
    status: 422,
    message: { 'zh-CN': '日历年份的日期不正确', en: "The year's dates are not valid" },
    description:
      'A year added to a calendar was refused: the year outside 1990–2100 (/year), a date not YYYY-MM-DD or not in that year, listed twice, both a holiday and a make-up working day, a make-up working day on Monday–Friday (/holidays/<i>, /workdays/<i>), no holiday or only weekend holidays (/holidays). Nothing was changed.',
  },
  CALENDAR_YEAR_EXISTS: {
    status: 409,
    message: { 'zh-CN': '日历中已有该年份', en: 'The calendar already lists this year' },
    description:
      'The year is already in the calendar; send `replace: true` to replace its holidays and make-up working days. The pointer is /year. Nothing was changed.',
  },
  OVERRIDE_NOT_ALLOWED: {
    status: 422,
    message: { 'zh-CN': '该结果不允许人工调整', en: 'This outcome may not be overridden' },
    description:
      'A write named an override of a rule that is not a compute or classify rule declaring `override` (issue 11). The detail points at /overrides/<rule id>. Nothing was changed.',
  },
  OVERRIDE_FORBIDDEN: {
    status: 403,
    message: { 'zh-CN': '您没有人工调整该结果的角色', en: 'You lack a role that may override this outcome' },
    description:
      "The user holds none of the rule's `override.roles` at the record's unit; the detail points at /overrides/<rule id>. Nothing was changed.",
  },
  OVERRIDE_REASON_REQUIRED: {
    status: 422,
    message: { 'zh-CN': '人工调整必须填写理由', en: 'An override needs a reason' },
    description:
      'An override was sent without a reason, or with a blank one; the detail points at /overrides/<rule id>/reason. Nothing was changed.',
  },
  OVERRIDE_VALUE_INVALID: {
    status: 422,
    message: { 'zh-CN': '调整后的值无效', en: 'The chosen value is not a valid outcome' },
    description:
      "The chosen value is not a code of the classify rule's code list, not a plain value (text, number, true/false), or breaks the form schema at the compute rule's field; the detail points at /overrides/<rule id>/value. Nothing was changed.",
  },
  INTERNAL: {
    status: 500,
    message: { 'zh-CN': '服务器内部错误', en: 'Internal server error' },
    description: 'A fault of the server, never of the request; it is logged with its request id.',
  },
});

export type ErrorCode = keyof typeof ERRORS;

/** One thing wrong, as data: ajv's fields plus a localised message and, for plugin files, the file. */
export interface ErrorDetail {
  pointer: string;
  message: LocalText;
  code?: string;
  keyword?: string;
  schemaPath?: string;
  params?: Record<string, unknown>;
  file?: string;
}

export class HezuoError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: ErrorDetail[];
  readonly localMessage: LocalText;

  constructor(code: ErrorCode, details: ErrorDetail[] = [], message?: LocalText) {
    const def = ERRORS[code];
    const localMessage = message ?? def.message;
    super(`${code}: ${localMessage.en}`);
    this.name = 'HezuoError';
    this.code = code;
    this.status = def.status;
    this.details = details;
    this.localMessage = localMessage;
  }

  toJSON() {
    return { error: { code: this.code, message: this.localMessage, details: this.details } };
  }
}

export const text = (zh: string, en: string): LocalText => ({ 'zh-CN': zh, en });

export function detail(pointer: string, zh: string, en: string, extra: Partial<ErrorDetail> = {}): ErrorDetail {
  return { pointer, message: text(zh, en), ...extra };
}
