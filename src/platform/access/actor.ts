import type { ProfessionalGroup, Role, TokenScope } from './roles.js';

/** The authenticated user behind a request (through a session or an API token). */
export interface Actor {
  kind: 'user' | 'api_token';
  tenantId: string;
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  teamId: string | null;
  professionalGroup: ProfessionalGroup | null;
  /** Null for a browser session (the role decides); the token's scopes otherwise. */
  scopes: TokenScope[] | null;
  sessionId: string | null;
  csrfToken: string | null;
}

export function hasRole(actor: Actor | null, ...roles: readonly Role[]): actor is Actor {
  return actor !== null && roles.includes(actor.role);
}
