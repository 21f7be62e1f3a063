// Attachments as the API shows them: the multipart upload (documented only: the route streams it) and the
// names, sizes and types of stored files.
const str = { type: 'string' } as const;

export const attachmentUpload = {
  type: 'object',
  properties: {
    plugin: str,
    form: str,
    field: { type: 'string', description: 'JSON pointer of the x-attachment field' },
    orgUnitId: str,
    file: { type: 'string', format: 'binary', description: 'Sent after the other fields' },
  },
  required: ['plugin', 'form', 'field', 'file'],
} as const;

export const savedAttachment = {
  type: 'object',
  properties: { id: str, name: str, size: { type: 'integer' }, type: str },
  required: ['id', 'name', 'size', 'type'],
} as const;

export const attachmentMeta = {
  type: 'object',
  properties: { ...savedAttachment.properties, field: str, recordId: { type: ['string', 'null'] } },
  required: [...savedAttachment.required, 'field', 'recordId'],
} as const;

export const attachmentList = {
  type: 'object',
  properties: { attachments: { type: 'array', items: attachmentMeta } },
  required: ['attachments'],
} as const;

export const attachmentIdsQuery = {
  type: 'object',
  properties: { ids: { type: 'string', description: 'Comma-separated attachment ids' } },
  additionalProperties: false,
} as const;
