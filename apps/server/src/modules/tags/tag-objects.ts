import { invalid, notFound } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { findCompany, findCompanyByCompanyId } from '../companies/service.ts';
import { findContact } from '../contacts/service.ts';
import type { AppliedTag, TagLike } from './intercom-tag.ts';
import { applyTag, findOrCreateTag, removeTag } from './service.ts';

export interface CompanyTagging {
  id?: string;
  company_id?: string;
  untag?: boolean;
}

/**
 * `POST /tags {name, companies:[...]}` and `{name, users:[...]}`: finds or creates the tag by name,
 * then tags (or, with `untag`, untags) each company, or tags each contact. All or nothing: an unknown
 * company or contact is a 404 and nothing changes.
 */
export async function tagObjects(
  platform: Platform,
  workspaceId: number,
  actorId: number | null,
  input: { name: string; companies?: CompanyTagging[]; users?: { id?: string }[] },
): Promise<TagLike> {
  if (input.companies && input.users) throw invalid('Tag companies or users in one request, not both', 'users');
  return platform.database.transaction(async (tx) => {
    const tag = await findOrCreateTag(tx, workspaceId, input.name, actorId);
    for (const [index, item] of (input.companies ?? []).entries()) {
      if (!item.id && !item.company_id) throw invalid(`companies[${index}] needs an id or a company_id`, `companies.${index}`);
      const company = item.id ? await findCompany(tx, workspaceId, item.id) : await findCompanyByCompanyId(tx, workspaceId, item.company_id as string);
      if (!company) throw notFound('Company');
      const target = { tagId: tag.id, targetType: 'company' as const, targetId: company.id, actorId };
      if (item.untag) await removeTag(tx, workspaceId, target);
      else await applyTag(tx, workspaceId, target);
    }
    for (const [index, item] of (input.users ?? []).entries()) {
      if (!item.id) throw invalid(`users[${index}] needs the contact's id`, `users.${index}.id`);
      if (!(await findContact(tx, workspaceId, item.id))) throw notFound('Contact');
      await applyTag(tx, workspaceId, { tagId: tag.id, targetType: 'contact', targetId: item.id, actorId });
    }
    return tag;
  });
}

/** `POST /contacts/{id}/tags {id}`. */
export async function tagContact(platform: Platform, workspaceId: number, actorId: number | null, contactId: string, tagId: string): Promise<AppliedTag> {
  return platform.database.transaction(async (tx) => {
    if (!(await findContact(tx, workspaceId, contactId))) throw notFound('Contact');
    return applyTag(tx, workspaceId, { tagId, targetType: 'contact', targetId: contactId, actorId });
  });
}

/** `DELETE /contacts/{id}/tags/{tag_id}`. */
export async function untagContact(platform: Platform, workspaceId: number, actorId: number | null, contactId: string, tagId: string): Promise<TagLike> {
  return platform.database.transaction(async (tx) => {
    if (!(await findContact(tx, workspaceId, contactId))) throw notFound('Contact');
    return removeTag(tx, workspaceId, { tagId, targetType: 'contact', targetId: contactId, actorId });
  });
}
