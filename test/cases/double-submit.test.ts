/**
 * A concern sent twice is one inquiry: the share-a-concern form carries a random submission key,
 * and the same reporter's same key answers with the inquiry already made — also when both posts
 * arrive at the same moment (parallel transactions on PostgreSQL). API clients may send one too.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { childConcern, clientFor, makeWorld } from './world.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('a concern sent twice', () => {
  it('is one inquiry, by the form and by the API, also at the same moment', async () => {
    const world = await makeWorld(t);
    const [teacher, partner] = await Promise.all([clientFor(t, world, world.users.teacher), clientFor(t, world, world.users.partner)]);
    const count = async () => (await t.db.unsafeOwnerQuery<{ n: number }>('select count(*)::int as n from inquiries where tenant_id = $1', [world.tenant.id])).rows[0].n;

    const form = await teacher.getPage('/bekymring');
    const key = /name="submissionKey" value="([0-9a-f-]{36})"/.exec(form.body)?.[1];
    expect(key).toBeDefined();
    const fields = { ageGroup: 'young_adult', identify: 'no', sourceSector: 'school', description: 'Sendt to gange.', submissionKey: key! };
    const before = await count();
    const posts = await Promise.all([teacher.postForm('/bekymring', fields), teacher.postForm('/bekymring', fields)]);
    expect(posts.map((post) => post.statusCode)).toEqual([303, 303]);
    expect(posts[0].headers.location).toBe(posts[1].headers.location);
    expect(await count()).toBe(before + 1);
    // A fresh form is a new concern.
    const next = /name="submissionKey" value="([0-9a-f-]{36})"/.exec((await teacher.getPage('/bekymring')).body)?.[1];
    expect(next).not.toBe(key);

    const apiKey = randomUUID();
    const body = childConcern({ submissionKey: apiKey });
    const answers = await Promise.all([teacher.api('POST', '/api/v1/inquiries', body), teacher.api('POST', '/api/v1/inquiries', body)]);
    expect(answers.map((answer) => answer.statusCode)).toEqual([201, 201]);
    expect(answers[0].json().id).toBe(answers[1].json().id);
    expect(await count()).toBe(before + 2);
    // The key is the reporter's own: another reporter's same key is another concern.
    expect((await partner.api('POST', '/api/v1/inquiries', childConcern({ sourceSector: 'civil_society', submissionKey: apiKey }))).json().id).not.toBe(answers[0].json().id);
    expect(await count()).toBe(before + 3);
  });
});
