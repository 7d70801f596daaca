/** The case and inquiry policies, role × action (pure functions; SQL repeats them in RLS). */
import { describe, expect, it } from 'vitest';
import { casePolicy, type CaseAction, type CaseResource } from '../../src/features/cases/policy.js';
import { inquiryPolicy, type InquiryAction } from '../../src/features/inquiries/policy.js';
import type { Actor } from '../../src/platform/access/actor.js';
import { ROLES, type Role } from '../../src/platform/access/roles.js';

function actor(role: Role, teamId: string | null = 'team-a'): Actor {
  return { kind: 'user', tenantId: 't', userId: `u-${role}`, username: role, displayName: role, role, teamId, professionalGroup: null, scopes: null, sessionId: null, csrfToken: null };
}

const OWNER: CaseResource = { access: 'owner', needsAck: false, status: 'open', protectedAndNotNamed: false };

describe('casePolicy', () => {
  it('gives nothing to roles without case work, whatever the access', () => {
    for (const role of ['professional', 'partner', 'mentor', 'admin', 'dpo'] as const) {
      for (const action of ['list', 'create', 'read', 'write', 'manage_access', 'accept_transfer', 'close', 'reopen', 'read_handover', 'acknowledge'] as CaseAction[]) {
        expect(casePolicy(actor(role), action, OWNER), `${role} ${action}`).toBe(false);
      }
    }
  });

  it('lets the owning team work and hand over; a manager reads but does not open or accept', () => {
    for (const role of ['adviser', 'caseworker'] as const) {
      for (const action of ['list', 'create', 'read', 'write', 'manage_access', 'close'] as CaseAction[]) expect(casePolicy(actor(role), action, OWNER), `${role} ${action}`).toBe(true);
      expect(casePolicy(actor(role), 'reopen', OWNER)).toBe(false);
      expect(casePolicy(actor(role), 'reopen', { ...OWNER, status: 'closed' })).toBe(true);
    }
    expect(casePolicy(actor('manager'), 'read', OWNER)).toBe(true);
    expect(casePolicy(actor('manager'), 'create', null)).toBe(false);
    expect(casePolicy(actor('manager'), 'accept_transfer', { ...OWNER, access: 'pending_transfer' })).toBe(false);
  });

  it('limits shares, pending transfers, unacknowledged handovers and protected cases', () => {
    const adviser = actor('adviser');
    expect(casePolicy(adviser, 'read', { ...OWNER, access: 'read' })).toBe(true);
    expect(casePolicy(adviser, 'write', { ...OWNER, access: 'read' })).toBe(false);
    expect(casePolicy(adviser, 'write', { ...OWNER, access: 'write' })).toBe(true);
    expect(casePolicy(adviser, 'manage_access', { ...OWNER, access: 'write' })).toBe(false);
    const pending = { ...OWNER, access: 'pending_transfer' as const };
    expect(['read', 'write', 'read_handover', 'accept_transfer'].map((action) => casePolicy(adviser, action as CaseAction, pending))).toEqual([false, false, true, true]);
    const unacknowledged = { ...OWNER, needsAck: true };
    expect(['read', 'write', 'read_handover', 'acknowledge'].map((action) => casePolicy(adviser, action as CaseAction, unacknowledged))).toEqual([false, false, true, true]);
    const hidden = { ...OWNER, protectedAndNotNamed: true };
    for (const action of ['read', 'read_handover', 'write', 'acknowledge'] as CaseAction[]) expect(casePolicy(adviser, action, hidden)).toBe(false);
    expect(casePolicy(actor('adviser', null), 'list', null)).toBe(false);
  });

  it('lets a team with a share answer a transfer to it, and keeps its share level meanwhile', () => {
    const sharedAndPending: CaseResource = { ...OWNER, access: 'read', transferPending: true };
    expect(['read', 'write', 'accept_transfer', 'manage_access'].map((action) => casePolicy(actor('caseworker'), action as CaseAction, sharedAndPending))).toEqual([true, false, true, false]);
    expect(casePolicy(actor('manager'), 'accept_transfer', sharedAndPending)).toBe(false);
    expect(casePolicy(actor('caseworker'), 'accept_transfer', { ...OWNER, access: 'read' })).toBe(false);
    expect(casePolicy(actor('caseworker'), 'accept_transfer', { ...sharedAndPending, protectedAndNotNamed: true })).toBe(false);
  });
});

describe('inquiryPolicy', () => {
  const inquiry = { teamId: 'team-a', reporterUserId: 'u-professional', status: 'received' as const, caseReadable: false, caseClosedToActor: false };
  it('lets front-line roles share, and only the reporter see the status', () => {
    const expected: Record<Role, boolean> = { professional: true, adviser: true, caseworker: true, manager: true, partner: true, mentor: true, admin: false, dpo: false };
    for (const role of ROLES) expect(inquiryPolicy(actor(role), 'create', null), role).toBe(expected[role]);
    expect(inquiryPolicy(actor('professional'), 'read_status', inquiry)).toBe(true);
    expect(inquiryPolicy(actor('professional'), 'read_full', inquiry)).toBe(false);
    expect(inquiryPolicy(actor('partner'), 'read_status', inquiry)).toBe(false);
  });

  it('lets the receiving team read and triage; other teams only through a visible case', () => {
    for (const action of ['read_full', 'triage', 'confirm_receipt'] as InquiryAction[]) {
      expect(inquiryPolicy(actor('adviser'), action, inquiry), action).toBe(true);
      expect(inquiryPolicy(actor('adviser', 'team-b'), action, inquiry), action).toBe(false);
    }
    expect(inquiryPolicy(actor('caseworker', 'team-b'), 'read_full', { ...inquiry, caseReadable: true })).toBe(true);
    expect(inquiryPolicy(actor('caseworker', 'team-b'), 'triage', { ...inquiry, caseReadable: true })).toBe(false);
    // A protected person's case closes its inquiry to everyone not named, the receiving team too.
    for (const action of ['read_full', 'triage', 'confirm_receipt'] as InquiryAction[]) {
      expect(inquiryPolicy(actor('adviser'), action, { ...inquiry, caseClosedToActor: true }), action).toBe(false);
    }
    expect(inquiryPolicy(actor('professional'), 'read_status', { ...inquiry, caseClosedToActor: true })).toBe(true);
    expect(inquiryPolicy(actor('manager'), 'triage', inquiry)).toBe(false);
    expect(inquiryPolicy(actor('adviser'), 'triage', { ...inquiry, status: 'being_handled' })).toBe(false);
  });
});
