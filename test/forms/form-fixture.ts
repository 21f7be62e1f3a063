// A small cooperative report form used by the validation suites: required fields, bounds, a pattern, our
// formats, a nested object, an array of $ref'd items, a conditional, and each of our annotation keywords.
export const COOP_FORM = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: '合作社年报',
  type: 'object',
  required: ['name', 'uscc', 'memberCount', 'members'],
  properties: {
    name: { type: 'string', title: '合作社名称', minLength: 2 },
    uscc: { type: 'string', title: '统一社会信用代码', format: 'uscc' },
    memberCount: { type: 'integer', title: '成员数量', minimum: 5, 'x-unit': '户' },
    area: { type: 'number', title: '经营面积', exclusiveMinimum: 0, maximum: 100000, 'x-unit': '亩' },
    postcode: { type: 'string', title: '邮政编码', pattern: '^\\d{6}$' },
    kind: { type: 'string', title: '类别', enum: ['planting', 'breeding'], enumNames: ['种植', '养殖'] },
    herdSize: { type: 'integer', title: '存栏量', minimum: 0 },
    parent: { type: 'string', title: '所属联合社', 'x-ref': { form: 'cooperative' } },
    licence: {
      type: 'array',
      title: '营业执照',
      items: { type: 'string' },
      'x-attachment': { accept: ['image/*', 'application/pdf'], maxSize: 10485760, maxFiles: 2 },
    },
    contact: {
      type: 'object',
      title: '联系人',
      required: ['mobile'],
      properties: {
        name: { type: 'string', title: '姓名' },
        mobile: { type: 'string', title: '手机号', format: 'cn-mobile' },
      },
      additionalProperties: false,
    },
    members: { type: 'array', title: '成员', minItems: 1, items: { $ref: '#/definitions/member' } },
  },
  if: { properties: { kind: { const: 'breeding' } }, required: ['kind'] },
  then: { required: ['herdSize'] },
  definitions: {
    member: {
      type: 'object',
      required: ['name', 'idCard'],
      properties: {
        name: { type: 'string', title: '姓名' },
        idCard: { type: 'string', title: '身份证号', format: 'cn-id-card' },
        joined: { type: 'string', format: 'date' },
      },
    },
  },
};

/** The form's catalogue: zh-CN text → English ("所属联合社" is left untranslated on purpose). */
export const COOP_TRANSLATIONS: Readonly<Record<string, string>> = {
  合作社名称: 'Cooperative name',
  统一社会信用代码: 'Unified social credit code',
  成员数量: 'Member count',
  经营面积: 'Area',
  邮政编码: 'Postcode',
  类别: 'Kind',
  存栏量: 'Herd size',
  营业执照: 'Business licence',
  联系人: 'Contact',
  姓名: 'Name',
  手机号: 'Mobile',
  身份证号: 'ID card number',
};

export const VALID_COOP = {
  name: '幸福村种植专业合作社',
  uscc: '93500102MA2Y4K7R8G',
  memberCount: 12,
  area: 350.5,
  postcode: '400700',
  kind: 'planting',
  parent: 'rec_123',
  licence: ['att_1'],
  contact: { name: '王芳', mobile: '13800138000' },
  members: [
    { name: '张三', idCard: '11010519491231002X', joined: '2019-03-01' },
    { name: '李四', idCard: '440524198011010017' },
  ],
};
