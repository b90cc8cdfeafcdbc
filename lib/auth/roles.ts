export const ROLES = ['viewer', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { viewer: 0, analyst: 1, admin: 2 };

export function hasRole(have: Role, need: Role): boolean {
  return RANK[have] >= RANK[need];
}

export interface Principal {
  kind: 'token' | 'user' | 'anonymous';
  /** Stable identifier for audit (`token:3`, `user:…`, `anonymous`). */
  id: string;
  name: string;
  role: Role;
}
