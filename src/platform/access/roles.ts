/** Roles, and who needs a second factor. */
export const ROLES = ['professional', 'adviser', 'caseworker', 'manager', 'partner', 'mentor', 'admin', 'dpo'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Every role that can read personal data must use a second factor. A professional only shares
 * concerns and sees the status of her own reports (reference number and dates, no content),
 * so for her the second factor is offered but not required.
 */
export const ROLES_REQUIRING_SECOND_FACTOR: readonly Role[] = ['adviser', 'caseworker', 'manager', 'partner', 'mentor', 'admin', 'dpo'];

export function requiresSecondFactor(role: Role): boolean {
  return ROLES_REQUIRING_SECOND_FACTOR.includes(role);
}

export const TEAM_KINDS = ['unit', 'child_welfare', 'job_centre', 'school', 'daycare', 'health', 'ssp_police', 'leisure', 'partner', 'other'] as const;
export type TeamKind = (typeof TEAM_KINDS)[number];

/** Professional groups: the action plans (handleplaner) are written per group. */
export const PROFESSIONAL_GROUPS = ['school_daycare', 'health_visitor', 'job_uu', 'ssp_police', 'leisure', 'child_welfare', 'civil_society', 'unit'] as const;
export type ProfessionalGroup = (typeof PROFESSIONAL_GROUPS)[number];

/** API token scopes. A token never gives more than its owner's role allows. */
export const TOKEN_SCOPES = ['read', 'write', 'admin'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];
