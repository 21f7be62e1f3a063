// Users as the API shows them: never the password hash, only who they are, their language and their roles.
import { dateTime, localText } from './common';

const role = { type: 'string', enum: ['officer', 'reviewer', 'admin'] } as const;

export const userView = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    username: { type: 'string' },
    displayName: { type: 'string' },
    locale: { type: 'string' },
    disabled: { type: 'boolean' },
  },
  required: ['id', 'username', 'displayName', 'locale'],
} as const;

export const roleGrant = {
  type: 'object',
  properties: {
    role: { type: 'string' },
    orgUnitId: { type: 'string' },
    orgPath: { type: 'string' },
    orgLevel: { type: 'string' },
    orgCode: { type: 'string' },
    orgName: localText,
  },
  required: ['role', 'orgUnitId', 'orgPath', 'orgLevel', 'orgCode'],
} as const;

/** An admin reset the password: until the user sets their own, only /api/me and /api/me/password answer. */
const mustChangePassword = { type: 'boolean' } as const;

export const loginBody = {
  type: 'object',
  properties: { username: { type: 'string', maxLength: 256 }, password: { type: 'string', maxLength: 1024 } },
  required: ['username', 'password'],
} as const;

export const loginResponse = {
  type: 'object',
  properties: {
    token: { type: 'string' },
    expiresAt: dateTime,
    user: userView,
    roles: { type: 'array', items: roleGrant },
    mustChangePassword,
  },
  required: ['token', 'expiresAt', 'user', 'roles', 'mustChangePassword'],
} as const;

export const meResponse = {
  type: 'object',
  properties: {
    user: userView,
    roles: { type: 'array', items: roleGrant },
    scopePaths: { type: 'array', items: { type: 'string' } },
    mustChangePassword,
  },
  required: ['user', 'roles', 'scopePaths', 'mustChangePassword'],
} as const;

export const okResponse = { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'] } as const;

const roleAt = { type: 'object', properties: { role, orgUnitId: { type: 'string' } }, required: ['role', 'orgUnitId'] } as const;

export const createUserBody = {
  type: 'object',
  properties: {
    username: { type: 'string' },
    displayName: { type: 'string' },
    password: { type: 'string' },
    roles: { type: 'array', items: roleAt },
  },
  required: ['username', 'displayName', 'password'],
} as const;

export const grantRoleBody = roleAt;

export const userWithRoles = {
  type: 'object',
  properties: { ...userView.properties, roles: { type: 'array', items: roleGrant } },
  required: [...userView.required, 'disabled', 'roles'],
} as const;

export const userList = { type: 'object', properties: { users: { type: 'array', items: userWithRoles } }, required: ['users'] } as const;

export const userRoles = {
  type: 'object',
  properties: { id: { type: 'string' }, username: { type: 'string' }, roles: { type: 'array', items: roleGrant } },
  required: ['id', 'roles'],
} as const;

export const orgUnit = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    parentId: { type: ['string', 'null'] },
    code: { type: 'string' },
    name: localText,
    level: { type: 'string' },
    path: { type: 'string' },
  },
  required: ['id', 'parentId', 'code', 'name', 'level', 'path'],
} as const;

export const orgUnitList = { type: 'object', properties: { units: { type: 'array', items: orgUnit } }, required: ['units'] } as const;

export const createOrgUnitBody = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    parentId: { type: ['string', 'null'], description: 'The parent unit; null (or absent) for a new root' },
    code: { type: 'string', description: 'Administrative code (GB/T 2260 / 10114), unique in the tree' },
    name: localText,
    level: { type: 'string', enum: ['province', 'city', 'county', 'township', 'village'] },
  },
  required: ['id', 'code', 'name', 'level'],
} as const;

/** What an admin act on a user answers: the user's state after it. */
export const userStatus = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    username: { type: 'string' },
    disabled: { type: 'boolean' },
    mustChangePassword: { type: 'boolean', description: 'The user must set their own password at next login' },
    roles: { type: 'array', items: roleGrant },
  },
  required: ['id', 'username', 'disabled', 'mustChangePassword', 'roles'],
} as const;

export const unlockStatus = {
  ...userStatus,
  properties: { ...userStatus.properties, wasLocked: { type: 'boolean', description: 'Whether there were failures to forget' } },
} as const;

const newPassword = {
  type: 'string',
  minLength: 1,
  maxLength: 1024,
  description: 'At least 10 characters, not like the user name, not a common password',
} as const;

export const resetPasswordBody = {
  type: 'object',
  properties: { password: newPassword },
  required: ['password'],
  additionalProperties: false,
} as const;

export const changeOwnPasswordBody = {
  type: 'object',
  properties: { currentPassword: { type: 'string', maxLength: 1024 }, password: newPassword },
  required: ['currentPassword', 'password'],
  additionalProperties: false,
} as const;

export const userRoleParams = {
  type: 'object',
  properties: {
    id: { type: 'string', minLength: 1, maxLength: 64 },
    orgUnitId: { type: 'string', minLength: 1, maxLength: 64 },
    role: { type: 'string', minLength: 1, maxLength: 32 },
  },
  required: ['id', 'orgUnitId', 'role'],
  additionalProperties: false,
} as const;
