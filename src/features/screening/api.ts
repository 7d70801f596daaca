/** Screening in the JSON API: read the instrument, make an assessment, read assessments. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { api } from '../../platform/api/define.js';
import type { AppDeps } from '../../platform/deps.js';
import { getPublishedInstrument } from './instrument/use-cases.js';
import { SCREENING_ROLES } from './policy.js';
import { Instrument, Screening, ScreeningInput, ScreeningSummary } from './schemas.js';
import { createScreening, getScreening, listScreenings } from './use-cases.js';

const IdParams = z.object({ id: z.uuid().describe('The assessment id.') });
const screeners = { auth: 'user', roles: SCREENING_ROLES } as const;
const ListQuery = z.object({
  all: z.preprocess((value) => value === 'true' || value === '1', z.boolean()).optional().describe('The unit only: everyone\'s assessments, not just your own.'),
});

export function registerScreeningApi(app: FastifyInstance, deps: AppDeps): void {
  api(app, deps, {
    method: 'GET', url: '/api/v1/screening/instrument', operationId: 'getScreeningInstrument', tags: ['screening'],
    summary: 'The published version of the screening instrument "Fælles vurdering"',
    description: 'Domains with their anchored steps 0–3, red flags, relation types, the level rule and the level texts, in Danish and English.',
    access: { ...screeners, roles: [...SCREENING_ROLES, 'admin'] }, response: Instrument,
  }, async (scope) => getPublishedInstrument(scope));

  api(app, deps, {
    method: 'POST', url: '/api/v1/screenings', operationId: 'createScreening', tags: ['screening'], status: 201, errors: [409],
    summary: 'Make an assessment',
    description: 'The level is computed on the server: any red flag gives 3; otherwise the level rule over the domain steps. '
      + '`finalLevel` may raise it (with `raiseReason`), never lower it. The same `submissionKey` twice answers 409.',
    access: screeners, body: ScreeningInput.strict(), response: Screening,
  }, async (scope, { body }) => createScreening(scope, body));

  api(app, deps, {
    method: 'GET', url: '/api/v1/screenings', operationId: 'listScreenings', tags: ['screening'],
    summary: 'Your assessments (the unit: optionally everyone\'s), newest first', access: screeners, query: ListQuery,
    response: z.object({ screenings: z.array(ScreeningSummary) }),
  }, async (scope, { query }) => ({ screenings: await listScreenings(scope, { all: query.all }) }));

  api(app, deps, {
    method: 'GET', url: '/api/v1/screenings/:id', operationId: 'getScreening', tags: ['screening'],
    summary: 'One assessment (its author and the unit only)', access: screeners, params: IdParams, response: Screening,
  }, async (scope, { params }) => getScreening(scope, params.id));
}
