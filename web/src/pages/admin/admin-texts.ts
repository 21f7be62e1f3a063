// Labels the admin pages share: roles and org levels (the platform's own vocabulary, not any plugin's).
export const ROLE_TEXTS = {
  officer: ['经办人', 'Officer'],
  reviewer: ['审核人', 'Reviewer'],
  admin: ['管理员', 'Administrator'],
} as const;

export const LEVEL_TEXTS = {
  province: ['省', 'Province'],
  city: ['市', 'City'],
  county: ['县(区)', 'County / district'],
  township: ['乡镇(街道)', 'Township / street'],
  village: ['村(社区)', 'Village / community'],
} as const;

export const ROLES = Object.keys(ROLE_TEXTS) as (keyof typeof ROLE_TEXTS)[];
export const LEVELS = Object.keys(LEVEL_TEXTS) as (keyof typeof LEVEL_TEXTS)[];
