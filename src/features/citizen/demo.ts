/**
 * Demo data for the citizen site in "Demokommune": published contact details for the unit
 * (an obviously fictional number) and two anonymous conversations, one waiting for an answer and
 * one answered, with fixed pickup codes so a tester can read them at /hjaelp/da/svar:
 *   "demo hest kage ugle 111111" and "demo sol bold ugle 222222".
 * Only ever in the demo tenant, whose pages carry the DEMO banner.
 */
import { randomUUID } from 'node:crypto';
import { registerDemoSeeder, type DemoContext } from '../demo/registry.js';
import { defaultDocument } from './document.js';
import { encryptMessage } from './message-crypto.js';
import { normalizePickupCode, pickupCodeHash } from './pickup-code.js';

const CONVERSATIONS = [
  {
    code: 'demo hest kage ugle 111111',
    language: 'da',
    messages: [{ author: 'citizen' as const, text: 'Hej. Jeg er 16 og må ikke gå til håndbold mere, fordi min bror siger, at folk snakker. (DEMO – fiktiv)' }],
  },
  {
    code: 'demo sol bold ugle 222222',
    language: 'en',
    messages: [
      { author: 'citizen' as const, text: 'My parents are planning a long trip for me this summer and I am scared I will not come back. (DEMO – fictional)' },
      { author: 'staff' as const, text: 'Thank you for writing. You have the right to say no, and we can help you. Can you tell us when the trip is planned? (DEMO)' },
    ],
  },
];

/** Seeds a fresh demo tenant (nothing when the tenant existed already). */
export async function seedCitizenDemo({ tx, deps, tenantId, teams, users, fresh }: DemoContext): Promise<void> {
  if (!fresh) return;
  const document = defaultDocument();
  document.unit = {
    ...document.unit,
    name: 'NSK-enheden, Demokommune (DEMO)',
    phone: '12 34 56 78',
    email: 'nsk@demokommune.example',
    address: 'Demovej 1, 9999 Demoby',
    hours: { da: 'Hverdage 9–15', en: 'Weekdays 9–15', ar: 'أيام العمل ٩–١٥', so: 'Maalmaha shaqada 9–15', tr: 'Hafta içi 9–15' },
  };
  await tx.query(
    `insert into citizen_site_revisions (tenant_id, revision, status, document, created_by, published_by, published_at)
     values ($1, 1, 'published', $2, $3, $3, now())`,
    [tenantId, JSON.stringify(document), users.admin ?? null],
  );
  for (const conversation of CONVERSATIONS) {
    const id = randomUUID();
    const last = conversation.messages[conversation.messages.length - 1].author;
    await tx.query(
      `insert into citizen_conversations (id, tenant_id, team_id, code_hash, language, awaiting, expires_at)
       values ($1, $2, $3, $4, $5, $6, now() + interval '30 days')`,
      [id, tenantId, teams.unit, pickupCodeHash(deps.keys, tenantId, normalizePickupCode(conversation.code)!), conversation.language, last === 'staff' ? 'citizen' : 'staff'],
    );
    for (const message of conversation.messages) {
      const messageId = randomUUID();
      await tx.query(
        'insert into citizen_messages (id, tenant_id, conversation_id, author, author_user_id, body_enc) values ($1, $2, $3, $4, $5, $6)',
        [messageId, tenantId, id, message.author, message.author === 'staff' ? users.raadgiver ?? null : null,
          encryptMessage(deps.keys, { tenantId, conversationId: id, messageId, author: message.author }, message.text)],
      );
    }
  }
}

registerDemoSeeder({ name: 'citizen-site', order: 60, seed: seedCitizenDemo });
