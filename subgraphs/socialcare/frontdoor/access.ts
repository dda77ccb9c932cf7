import type { GraphQLResolveInfo } from 'graphql';
import { type AccessDecision } from '../../../shared/access';
import { decideIdentification } from '../access';
import { enforce } from '../../../shared/disclosure';
import type { SocialcareContext } from '../context';
import type { Contact } from '../entities';
import { decideForChild } from '../relationship';

/**
 * Checks and records the disclosure of a contact to the request's reader, or throws the refusal:
 * identification first (MASH roles and socialcare's own practitioners), then a legitimate
 * relationship with any child on it (an open contact always is one) or a break-glass reason.
 * Each child is recorded on its own basis, or on its sibling's when it has none of its own: the
 * contact is one record about them all.
 */
export async function discloseContact(
  ctx: SocialcareContext,
  contact: Contact,
  info: GraphQLResolveInfo,
): Promise<void> {
  const identification = decideIdentification(ctx.principal);
  if (!identification.allowed) {
    enforce(ctx, identification, { childId: null, subject: `Contact ${contact.id}`, info });
  }
  const children = await ctx.loaders.decisionsByContactId.load(contact.id);
  const decisions = await Promise.all(children.map((c) => decideForChild(ctx, c.childId)));
  const allowed = decisions.find((d) => d.allowed);
  children.forEach((c, i) => {
    const decision: AccessDecision = decisions[i].allowed
      ? decisions[i]
      : (allowed ?? decisions[i]);
    enforce(ctx, decision, { childId: c.childId, subject: `Contact ${contact.id}`, info });
  });
}
