/**
 * The municipality the fuzz suite works in (see fuzz-suite.ts), and the records behind each
 * endpoint's path parameters.
 *
 * The world: the NSK unit, child welfare, a job centre, a school, a partner organisation and a
 * spare team; one user per role (each with a session made directly in the database), a second
 * adviser, and a user the administrator endpoints act on.
 *
 * A scene: fresh records for one endpoint, made through the API (as the roles that may make
 * them) before its random requests, so that an endpoint's requests do not start from what an
 * earlier endpoint did to the same case (closed it, transferred it away, revoked its share).
 * Scenes are built lazily: only the records an endpoint's path and body name.
 *
 * A path parameter is real when the segment before it names a kind of record `Scene.pathIds`
 * knows. An endpoint added later with a new kind of record makes the suite fail until its kind is
 * added there: random ids alone would only ever reach "not found". (A role added later makes
 * `users` below fail to compile until it has a user.)
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { SourceSector } from '../../src/features/darkfigure/schemas.js';
import { ROLES, type Role } from '../../src/platform/access/roles.js';
import type { TestApp } from '../support/app.js';
import { TestClient, type Response } from '../support/client.js';
import { createTeam, createTenant, createUser, type TestTeam, type TestTenant, type TestUser } from '../support/factories.js';
import { declaredRoutes } from '../support/routes.js';
import { sampleFor, SAMPLE_CPR, todayInCopenhagen } from '../support/samples.js';
import { insertRecords, recordsForCells, type World as DarkFigureWorld } from '../darkfigure/world.js';
import { createTestSession, useSession } from '../support/sessions.js';

export type Actor = Role | 'anonymous';

/** The sources of the seeded hidden-number data: the first ones a sample query names, and two more. */
const DARKFIGURE_LISTS: SourceSector[] = ['school', 'daycare', 'health_visitor', 'child_welfare'];
/** People per combination of sources (bit i = DARKFIGURE_LISTS[i]), enough for an estimate. */
const DARKFIGURE_CELLS = { 1: 30, 2: 20, 3: 6, 4: 25, 5: 9, 6: 5, 7: 2, 8: 18, 9: 6, 10: 6, 12: 7, 13: 3 };

export interface FuzzWorld {
  t: TestApp;
  tenant: TestTenant;
  teams: { unit: TestTeam; bur: TestTeam; job: TestTeam; school: TestTeam; partner: TestTeam; spare: TestTeam };
  /** One user per role; each is the actor for requests made "as" that role. */
  users: Record<Role, TestUser>;
  adviser2: TestUser;
  /** The user the administrator endpoints (`/users/:id`) act on: never an actor. */
  target: TestUser;
  instrumentId: string;
}

export async function makeWorld(t: TestApp): Promise<FuzzWorld> {
  const tenant = await createTenant(t.deps);
  const unit = await createTeam(t.deps, tenant, { name: 'NSK-enheden', kind: 'unit' });
  const bur = await createTeam(t.deps, tenant, { name: 'Børne- og Ungerådgivningen', kind: 'child_welfare' });
  const job = await createTeam(t.deps, tenant, { name: 'Jobcentret', kind: 'job_centre' });
  const school = await createTeam(t.deps, tenant, { name: 'Demoskolen', kind: 'school' });
  const partner = await createTeam(t.deps, tenant, { name: 'Bydelsmødrene', kind: 'partner' });
  const spare = await createTeam(t.deps, tenant, { name: 'Reserveteamet', kind: 'other' });
  const users: Record<Role, TestUser> = {
    professional: await createUser(t.deps, tenant, { role: 'professional', team: school, group: 'school_daycare' }),
    adviser: await createUser(t.deps, tenant, { role: 'adviser', team: unit, group: 'unit' }),
    caseworker: await createUser(t.deps, tenant, { role: 'caseworker', team: bur, group: 'child_welfare' }),
    manager: await createUser(t.deps, tenant, { role: 'manager', team: unit, group: 'unit' }),
    partner: await createUser(t.deps, tenant, { role: 'partner', team: partner, group: 'civil_society' }),
    mentor: await createUser(t.deps, tenant, { role: 'mentor', team: partner, group: 'civil_society' }),
    admin: await createUser(t.deps, tenant, { role: 'admin', team: unit }),
    dpo: await createUser(t.deps, tenant, { role: 'dpo' }),
  };
  const adviser2 = await createUser(t.deps, tenant, { role: 'adviser', team: unit, group: 'unit' });
  const target = await createUser(t.deps, tenant, { role: 'adviser', team: spare, displayName: 'Målperson' });
  const world = { t, tenant, teams: { unit, bur, job, school, partner, spare }, users, adviser2, target, instrumentId: '' };
  const instrument = await (await sessionClient(world, 'adviser')).api('GET', '/api/v1/screening/instrument');
  expect(instrument.statusCode, instrument.body).toBe(200);
  world.instrumentId = instrument.json().id;
  return world;
}

const seeded = new WeakMap<FuzzWorld, Promise<void>>();

/** Linked records in four sources, today, so that a hidden-number query can show an estimate (made once). */
function darkFigureData(world: FuzzWorld): Promise<void> {
  let done = seeded.get(world);
  if (!done) {
    const today = new Date(`${todayInCopenhagen()}T11:00:00Z`);
    done = insertRecords(world.t.deps, { tenant: world.tenant, unit: world.teams.unit } as DarkFigureWorld, recordsForCells(DARKFIGURE_LISTS, DARKFIGURE_CELLS, today));
    seeded.set(world, done);
  }
  return done;
}

// ---- Sessions -----------------------------------------------------------------------------

const clients = new WeakMap<FuzzWorld, Map<Actor, TestClient>>();
const minted = new WeakMap<FuzzWorld, number>();

/** How many sessions have been made in the world so far (each one is a row the change counter sees). */
export function sessionsMinted(world: FuzzWorld): number {
  return minted.get(world) ?? 0;
}

async function sessionClient(world: Pick<FuzzWorld, 't' | 'tenant' | 'users'>, actor: Actor): Promise<TestClient> {
  const client = TestClient.for(world.t.app, world.tenant);
  if (actor === 'anonymous') return client;
  return useSession(client, await createTestSession(world.t.deps, world.users[actor]));
}

/** A logged-in client for the role's user (kept between requests until its session ends). */
export async function clientAs(world: FuzzWorld, actor: Actor): Promise<TestClient> {
  let known = clients.get(world);
  if (!known) {
    known = new Map();
    clients.set(world, known);
  }
  let client = known.get(actor);
  if (!client) {
    client = await sessionClient(world, actor);
    if (actor !== 'anonymous') minted.set(world, sessionsMinted(world) + 1);
    known.set(actor, client);
  }
  return client;
}

/** Forgets the role's client (after a logout or a 401): the next request makes a new session. */
export function dropClient(world: FuzzWorld, actor: Actor): void {
  clients.get(world)?.delete(actor);
}

// ---- Scenes -------------------------------------------------------------------------------

/** Ids per actor: most records are the same for everyone, an API token belongs to its owner. */
export type IdsFor = (actor: Actor) => readonly string[];

const everyone = (ids: string[]): IdsFor => () => ids;

function expectStatus(response: Response, status: number, what: string): Response {
  expect(response.statusCode, `fuzz scene: ${what}: ${response.body.slice(0, 300)}`).toBe(status);
  return response;
}

const HANDOVER = { situation: 'Situationen kort', done: 'Samtale med eleven', contacts: 'Kontaktlærer', consentStatus: 'given' };

function concern(cpr = SAMPLE_CPR): Record<string, unknown> {
  return {
    ageGroup: 'child', sourceSector: 'school',
    identity: { name: 'Testpige Æblerød', cpr, schoolOrWorkplace: 'Demoskolen', district: 'Vollsmose' },
    forms: ['education_work_leisure', 'partner_choice'], controllers: ['father'], redFlags: [],
    description: 'Eleven fortæller, at hun ikke må deltage i lejrskolen, og at faren læser hendes beskeder.',
  };
}

interface SceneCase {
  id: string;
  inquiryId: string;
  subjectId: string;
  relativeId: string;
  shareId: string;
}

/** Fresh records for one endpoint, made on first use. */
export class Scene {
  private readonly made = new Map<string, Promise<unknown>>();

  constructor(private readonly world: FuzzWorld) {}

  private once<T>(key: string, make: () => Promise<T>): Promise<T> {
    let promise = this.made.get(key) as Promise<T> | undefined;
    if (!promise) {
      promise = make();
      this.made.set(key, promise);
    }
    return promise;
  }

  private as(actor: Actor): Promise<TestClient> {
    return clientAs(this.world, actor);
  }

  private async newInquiry(body: Record<string, unknown>): Promise<string> {
    const created = await (await this.as('professional')).api('POST', '/api/v1/inquiries', body);
    return expectStatus(created, 201, 'create an inquiry').json().id as string;
  }

  /** An open case of the unit (from a concern), with a relative, shared with child welfare (write, not yet acknowledged). */
  private async newCase(options: { share?: boolean } = {}): Promise<SceneCase> {
    const adviser = await this.as('adviser');
    const inquiryId = await this.newInquiry(concern());
    const inquiry = expectStatus(await adviser.api('GET', `/api/v1/inquiries/${inquiryId}`), 200, 'read the inquiry').json();
    const opened = expectStatus(await adviser.api('POST', `/api/v1/inquiries/${inquiryId}/case`, { version: inquiry.version }), 201, 'open a case');
    const id = opened.json().caseId as string;
    const relative = expectStatus(await adviser.api('POST', `/api/v1/cases/${id}/persons`, { role: 'relative', name: 'Far Æblerød', protection: 'none' }), 201, 'add a person');
    const shared = options.share === false ? null
      : expectStatus(await adviser.api('POST', `/api/v1/cases/${id}/shares`, { ...HANDOVER, teamId: this.world.teams.bur.id, access: 'write' }), 201, 'share the case');
    const detail = expectStatus(await adviser.api('GET', `/api/v1/cases/${id}`), 200, 'read the case').json();
    const subject = (detail.persons as { id: string; role: string }[]).find((person) => person.role === 'subject');
    return { id, inquiryId, subjectId: subject?.id ?? relative.json().id, relativeId: relative.json().id, shareId: shared?.json().shareId ?? '' };
  }

  case(): Promise<SceneCase> {
    return this.once('case', () => this.newCase());
  }

  /** Cases in the other states a case can be in: its child assessment started, closed. */
  private async otherCases(): Promise<string[]> {
    const adviser = await this.as('adviser');
    const version = async (id: string) => expectStatus(await adviser.api('GET', `/api/v1/cases/${id}`), 200, 'read the case').json().version as number;
    const assessed = await this.newCase({ share: false });
    expectStatus(await adviser.api('POST', `/api/v1/cases/${assessed.id}/child-assessment/start`, { version: await version(assessed.id) }), 200, 'start a child assessment');
    const closed = await this.newCase({ share: false });
    const closing = { reason: 'goal_reached', outcome: 'Pigen har fået hjælp', aftercare: false, version: await version(closed.id) };
    expectStatus(await adviser.api('POST', `/api/v1/cases/${closed.id}/close`, closing), 200, 'close a case');
    return [assessed.id, closed.id];
  }

  private async onCase(what: string, path: string, body: unknown): Promise<string> {
    const { id } = await this.case();
    const response = expectStatus(await (await this.as('adviser')).api('POST', `/api/v1/cases/${id}/${path}`, body), 201, what);
    return response.json().id as string;
  }

  private async upload(): Promise<string> {
    const { id } = await this.case();
    const adviser = await this.as('adviser');
    const boundary = `----fuzz${randomUUID()}`;
    const body = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="notat.txt"\r\nContent-Type: text/plain\r\n\r\nEt notat fra skolen.\r\n--${boundary}--\r\n`,
    );
    const response = await adviser.request({
      method: 'POST', url: `/api/v1/cases/${id}/attachments`, body,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'x-csrf-token': adviser.csrfToken! },
    });
    return expectStatus(response, 201, 'attach a file').json().id as string;
  }

  /** A pending transfer of another case of the unit to child welfare (whose caseworker may accept or decline it). */
  private async transfer(): Promise<string> {
    const other = await this.newCase({ share: false });
    const response = await (await this.as('adviser')).api('POST', `/api/v1/cases/${other.id}/transfers`, { ...HANDOVER, teamId: this.world.teams.bur.id });
    return expectStatus(response, 201, 'transfer a case').json().transferId as string;
  }

  private async screening(): Promise<string> {
    const route = declaredRoutes().find((candidate) => candidate.api?.operationId === 'createScreening');
    if (!route?.api?.body) throw new Error('fuzz scene: the screening endpoint (operationId createScreening) is gone');
    const body = sampleFor(route.api.body, (field) => (field === 'instrumentId' ? this.world.instrumentId : undefined));
    const { caseId: _case, inquiryId: _inquiry, finalLevel: _level, raiseReason: _reason, ...standalone } = body as Record<string, unknown>;
    const response = await (await this.as('professional')).api('POST', '/api/v1/screenings', { ...standalone, redFlags: [], context: 'standalone', submissionKey: randomUUID() });
    return expectStatus(response, 201, 'make a screening').json().id as string;
  }

  private async round(): Promise<string> {
    const adviser = await this.as('adviser');
    for (const [title, level] of [['Vignet A', '1'], ['Vignet B', '2']]) {
      await adviser.getPage('/kalibrering/vignetter/ny');
      const written = await adviser.postForm('/kalibrering/vignetter/ny', { title, expectedLevel: level, body: `${title}: en fiktiv elev fortæller om hjemmet.` });
      expectStatus(written, 303, 'write a vignette');
    }
    const { rows } = await this.world.t.db.unsafeOwnerQuery<{ id: string }>(
      'select id::text from calibration_vignettes where tenant_id = $1 and not archived order by created_at desc limit 2', [this.world.tenant.id]);
    await adviser.getPage('/kalibrering/runder/ny');
    // Invited: the school staff. The unit (adviser, manager) runs the round and sees its results at once.
    const started = await adviser.postForm('/kalibrering/runder/ny', { name: `Runde ${randomUUID().slice(0, 8)}`, groups: ['school_daycare'], vignetteIds: rows.map((row) => row.id) });
    // Invited: the school staff. The unit (adviser, manager) runs the round and sees its results at once.
    expectStatus(started, 303, 'start a calibration round');
    return String(started.headers.location).split('/').pop()!;
  }

  private async job(): Promise<string> {
    // A finished run anyone may watch (starting a real one needs data for an estimate).
    const { rows } = await this.world.t.db.unsafeOwnerQuery<{ id: string }>(
      `insert into job_runs (tenant_id, kind, requested_by, visible_roles, status, input, result, progress_done, progress_total, finished_at)
       values ($1, 'darkfigure.bootstrap', $2, $3, 'done', '{}', '{}', 1, 1, now()) returning id::text`,
      [this.world.tenant.id, this.world.users.manager.id, [...ROLES]],
    );
    return rows[0].id;
  }

  private async tokens(): Promise<IdsFor> {
    const byActor = new Map<Actor, string>();
    for (const role of ROLES) {
      const response = await (await this.as(role)).api('POST', '/api/v1/tokens', { name: 'Fuzz', scopes: ['read'], expiresInDays: 1 });
      byActor.set(role, expectStatus(response, 201, `create a token as ${role}`).json().token.id);
    }
    return (actor) => (byActor.has(actor) ? [byActor.get(actor)!] : []);
  }

  /**
   * The records a path parameter can name, by the segment before it (`/cases/:id` → cases), or
   * undefined when the kind is unknown here. `nested`: the path names a record inside this one.
   */
  pathIds(kind: string, options: { nested?: boolean } = {}): Promise<IdsFor> | undefined {
    const w = this.world;
    // A case's own endpoints see cases in every state; a nested record (`/cases/:id/notes/:childId`)
    // belongs to the first case, so the path names that one.
    if (kind === 'cases' && !options.nested) {
      return this.once('path:cases:all', async () => everyone([(await this.case()).id, ...(await this.otherCases())]));
    }
    const maker = ({
      cases: async () => everyone([(await this.case()).id]),
      persons: async () => {
        const made = await this.case();
        return everyone([made.subjectId, made.relativeId]);
      },
      shares: async () => everyone([(await this.case()).shareId]),
      notes: async () => everyone([await this.onCase('write a note', 'notes', { body: 'En note' })]),
      tasks: async () => everyone([await this.onCase('create a task', 'tasks', { title: 'Hjemmebesøg', dueDate: isoDayFromToday(3), ownerUserId: w.users.adviser.id })]),
      'do-not': async () => everyone([await this.onCase('add to the do-not list', 'do-not', { text: 'Kontakt ikke faren' })]),
      'named-users': async () => {
        const { id } = await this.case();
        expectStatus(await (await this.as('adviser')).api('POST', `/api/v1/cases/${id}/named-users`, { userId: w.adviser2.id }), 200, 'name a user');
        return everyone([w.adviser2.id, w.users.adviser.id]);
      },
      attachments: async () => everyone([await this.upload()]),
      transfers: async () => everyone([await this.transfer()]),
      inquiries: async () => everyone([await this.newInquiry(concern()), await this.newInquiry({ ...concern(), identity: undefined })]),
      screenings: async () => everyone([await this.screening()]),
      rounds: async () => everyone([await this.round()]),
      jobs: async () => everyone([await this.job()]),
      tokens: () => this.tokens(),
      users: async () => everyone([w.target.id]),
      teams: async () => everyone([w.teams.spare.id]),
    } as Record<string, () => Promise<IdsFor>>)[kind];
    return maker ? this.once(`path:${kind}`, maker) : undefined;
  }

  /** Real values for a body or query field by its name (`teamId`, `caseId`, `fromPersonId`), or undefined. */
  async fieldIds(field: string): Promise<string[] | undefined> {
    const w = this.world;
    switch (field) {
      case 'teamId':
        return [w.teams.bur.id, w.teams.job.id, w.teams.spare.id, w.teams.unit.id];
      case 'userId':
        return [w.adviser2.id, w.users.caseworker.id, w.users.adviser.id];
      case 'ownerUserId':
        return [w.users.adviser.id, w.adviser2.id, w.users.manager.id, w.users.caseworker.id];
      case 'instrumentId':
        return [w.instrumentId];
      case 'caseId':
        return [(await this.case()).id];
      case 'inquiryId':
        return [(await this.case()).inquiryId];
      case 'fromPersonId':
      case 'toPersonId': {
        const made = await this.case();
        return field === 'fromPersonId' ? [made.relativeId, made.subjectId] : [made.subjectId, made.relativeId];
      }
      case 'sectors':
        // The hidden number's sources: records in them, so that an estimate can be shown.
        await darkFigureData(w);
        return undefined;
      default: {
        // `somethingId` → the records of the path kind `somethings`, if there is one.
        const match = /^([a-z]+)Id$/.exec(field);
        const ids = match ? this.pathIds(`${match[1]}s`) : undefined;
        return ids ? [...(await ids)('adviser')] : undefined;
      }
    }
  }
}

function isoDayFromToday(days: number): string {
  const date = new Date(`${new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Copenhagen' })}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
