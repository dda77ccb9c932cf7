import type { GraphQLResolveInfo } from 'graphql';
import { enforce } from '../../../shared/disclosure';
import type { SocialcareContext } from '../context';
import type { EarlyHelpEpisode } from '../entities';
import { discloseContact } from '../frontdoor/access';
import { decideReadEpisodes } from './access';
import {
  closeEarlyHelpEpisode,
  recordEarlyHelpAssessment,
  recordEarlyHelpResponse,
  setEarlyHelpLeadPractitioner,
  stepUpEarlyHelp,
  type CloseEarlyHelpEpisodeInput,
  type EpisodeOutcome,
  type RecordEarlyHelpAssessmentInput,
  type RecordEarlyHelpResponseInput,
  type SetEarlyHelpLeadPractitionerInput,
  type StepUpEarlyHelpInput,
} from './change';
import { earlyHelpEpisode, earlyHelpEpisodes, providers, type EarlyHelpEpisodesArgs } from './read';

/**
 * A change's answer. A retry of a change already made is a read: recorded as one, to a reader
 * who may see the episode.
 */
async function answer(
  ctx: SocialcareContext,
  info: GraphQLResolveInfo,
  outcome: Promise<EpisodeOutcome>,
): Promise<EarlyHelpEpisode> {
  const { episode, unchanged } = await outcome;
  if (unchanged) {
    enforce(ctx, decideReadEpisodes(ctx.principal, episode.providerId), {
      childId: episode.childId,
      subject: 'EarlyHelpEpisode',
      info,
    });
  }
  return episode;
}

/** A contact an episode names, disclosed as `contact(id)` discloses it (MASH roles). */
async function contactOf(ctx: SocialcareContext, id: string | null, info: GraphQLResolveInfo) {
  if (!id) return null;
  const contact = await ctx.loaders.contactById.load(id);
  if (!contact) return null;
  await discloseContact(ctx, contact, info);
  return contact;
}

type Input<T> = { input: T };

/** Early help after step-down: the episodes, their list, and working them. */
export const earlyHelpResolvers = {
  Query: {
    earlyHelpEpisodes: (
      _: unknown,
      args: EarlyHelpEpisodesArgs,
      ctx: SocialcareContext,
      info: GraphQLResolveInfo,
    ) => earlyHelpEpisodes(args, ctx, info),
    earlyHelpEpisode: (
      _: unknown,
      { id }: { id: string },
      ctx: SocialcareContext,
      info: GraphQLResolveInfo,
    ) => earlyHelpEpisode(id, ctx, info),
    // Reference data: no child in it.
    earlyHelpProviders: (_: unknown, __: unknown, ctx: SocialcareContext) => providers(ctx),
  },
  Mutation: {
    recordEarlyHelpResponse: (
      _: unknown,
      { input }: Input<RecordEarlyHelpResponseInput>,
      ctx: SocialcareContext,
      info: GraphQLResolveInfo,
    ) => answer(ctx, info, recordEarlyHelpResponse(input, ctx)),
    recordEarlyHelpAssessment: (
      _: unknown,
      { input }: Input<RecordEarlyHelpAssessmentInput>,
      ctx: SocialcareContext,
      info: GraphQLResolveInfo,
    ) => answer(ctx, info, recordEarlyHelpAssessment(input, ctx)),
    setEarlyHelpLeadPractitioner: (
      _: unknown,
      { input }: Input<SetEarlyHelpLeadPractitionerInput>,
      ctx: SocialcareContext,
      info: GraphQLResolveInfo,
    ) => answer(ctx, info, setEarlyHelpLeadPractitioner(input, ctx)),
    closeEarlyHelpEpisode: (
      _: unknown,
      { input }: Input<CloseEarlyHelpEpisodeInput>,
      ctx: SocialcareContext,
      info: GraphQLResolveInfo,
    ) => answer(ctx, info, closeEarlyHelpEpisode(input, ctx)),
    stepUpEarlyHelp: (
      _: unknown,
      { input }: Input<StepUpEarlyHelpInput>,
      ctx: SocialcareContext,
      info: GraphQLResolveInfo,
    ) => answer(ctx, info, stepUpEarlyHelp(input, ctx)),
  },
  EarlyHelpEpisode: {
    // The child's identity, to a reader who may see the episode: no more of the child's records.
    child: async (
      e: EarlyHelpEpisode,
      _: unknown,
      ctx: SocialcareContext,
      info: GraphQLResolveInfo,
    ) => {
      enforce(ctx, decideReadEpisodes(ctx.principal, e.providerId), {
        childId: e.childId,
        subject: 'EarlyHelpEpisode.child',
        info,
      });
      return ctx.loaders.childById.load(e.childId);
    },
    provider: async (e: EarlyHelpEpisode, _: unknown, ctx: SocialcareContext) =>
      (await providers(ctx)).find((p) => p.id === e.providerId) ?? null,
    stepDownContactId: (e: EarlyHelpEpisode) => e.contactId,
    stepDownContact: (
      e: EarlyHelpEpisode,
      _: unknown,
      ctx: SocialcareContext,
      info: GraphQLResolveInfo,
    ) => contactOf(ctx, e.contactId, info),
    stepUpContact: (
      e: EarlyHelpEpisode,
      _: unknown,
      ctx: SocialcareContext,
      info: GraphQLResolveInfo,
    ) => contactOf(ctx, e.stepUpContactId, info),
    response: (e: EarlyHelpEpisode) => e.familyResponse,
    assessment: (e: EarlyHelpEpisode) =>
      e.assessmentStartedOn
        ? {
            startedOn: e.assessmentStartedOn,
            completedOn: e.assessmentCompletedOn,
            organisation: e.assessmentOrganisation,
          }
        : null,
    open: (e: EarlyHelpEpisode) => e.closedOn === null,
  },
};
