import { Type } from 'typebox';
import type { Executor } from '../../platform/db/database.ts';
import { conflict, invalid } from '../../platform/http/errors.ts';
import { validateCustomAttributes } from '../data-attributes/service.ts';
import { findSeat } from '../workspaces/service.ts';
import * as data from './data.ts';
import type { ContactRow } from './intercom-contact.ts';

const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

/** The fields `POST /contacts` and `PUT /contacts/{id}` accept (Intercom's create/update contact request). */
export const contactInput = Type.Object(
  {
    role: Type.Optional(Type.Union([Type.Literal('user'), Type.Literal('lead')])),
    external_id: Type.Optional(nullable(Type.String({ maxLength: 255 }))),
    email: Type.Optional(nullable(Type.String({ maxLength: 320 }))),
    phone: Type.Optional(nullable(Type.String({ maxLength: 64 }))),
    name: Type.Optional(nullable(Type.String({ maxLength: 255 }))),
    avatar: Type.Optional(nullable(Type.String({ maxLength: 2048 }))),
    signed_up_at: Type.Optional(nullable(Type.Integer({ minimum: 0 }))),
    last_seen_at: Type.Optional(nullable(Type.Integer({ minimum: 0 }))),
    owner_id: Type.Optional(nullable(Type.Integer({ minimum: 1 }))),
    unsubscribed_from_emails: Type.Optional(nullable(Type.Boolean())),
    custom_attributes: Type.Optional(nullable(Type.Record(Type.String(), Type.Unknown()))),
  },
  { additionalProperties: false },
);

export interface ContactInput {
  role?: 'user' | 'lead';
  external_id?: string | null;
  email?: string | null;
  phone?: string | null;
  name?: string | null;
  avatar?: string | null;
  signed_up_at?: number | null;
  last_seen_at?: number | null;
  owner_id?: number | null;
  unsubscribed_from_emails?: boolean | null;
  custom_attributes?: Record<string, unknown> | null;
}

const date = (value: number | null | undefined) => (value === undefined ? undefined : value === null ? null : new Date(value * 1000));
const blankToNull = (value: string | null | undefined) => (value === undefined ? undefined : value === null || value.trim() === '' ? null : value.trim());

/** The column changes an input asks for (only the fields it names), checked and normalised. */
export async function columnsOf(db: Executor, workspaceId: number, input: ContactInput): Promise<data.ContactChanges> {
  const email = blankToNull(input.email);
  if (email && !/^[^\s@]+@[^\s@]+$/.test(email)) throw invalid(`"${email}" is not an email address`, 'email');
  if (input.owner_id != null && !(await findSeat(db, workspaceId, input.owner_id))) {
    throw invalid(`owner_id ${input.owner_id} is not an admin of this workspace`, 'owner_id');
  }
  const changes: data.ContactChanges = {
    role: input.role,
    externalId: blankToNull(input.external_id),
    email,
    phone: blankToNull(input.phone),
    name: input.name === undefined ? undefined : input.name,
    avatar: blankToNull(input.avatar),
    signedUpAt: date(input.signed_up_at),
    lastSeenAt: date(input.last_seen_at),
    ownerId: input.owner_id,
    unsubscribedFromEmails: input.unsubscribed_from_emails === null ? false : input.unsubscribed_from_emails,
  };
  for (const key of Object.keys(changes) as (keyof data.ContactChanges)[]) if (changes[key] === undefined) delete changes[key];
  return changes;
}

export async function customAttributesOf(db: Executor, workspaceId: number, values: Record<string, unknown> | null | undefined) {
  if (!values) return undefined;
  return validateCustomAttributes(db, workspaceId, 'contact', values);
}

/**
 * Users are unique per workspace by external id and by email (case-insensitive); a clash names the
 * contact that already holds the value, as Intercom's 409 does.
 */
export async function checkUserIsUnique(
  db: Executor,
  workspaceId: number,
  candidate: { role: string; externalId: string | null; email: string | null },
  selfId?: string,
): Promise<void> {
  if (candidate.role !== 'user') return;
  const clash = async (found: ContactRow | undefined, field: string) => {
    if (found && found.id !== selfId) throw conflict(`A contact matching those details already exists with id=${found.id}`, field);
  };
  if (candidate.externalId) await clash(await data.findContactByExternalId(db, workspaceId, candidate.externalId, 'user'), 'external_id');
  if (candidate.email) await clash(await data.findContactByEmail(db, workspaceId, candidate.email, 'user'), 'email');
}

/** A unique index refused a write that raced another one: answer as the up-front check would have. */
export function isUniqueViolation(error: unknown): boolean {
  for (let current = error as { code?: string; cause?: unknown } | undefined, i = 0; current && i < 5; current = current.cause as typeof current, i++) {
    if (current.code === '23505') return true;
  }
  return false;
}
