import { useCallback, useEffect, useRef, useState } from 'react';
import { gql, type ApiError } from '../../api';
import { ErrorSummary } from '../../components/Errors';
import { href } from '../../router';
import { isSocialcareMash, worksEarlyHelp, type User } from '../../session';
import { formatDate, formatDay } from '../../time';
import type { Act } from './action';
import { ChildName } from './ChildName';
import {
  assessmentText,
  childName,
  EPISODE,
  responseText,
  statusText,
  type Episode,
} from './episode';
import { AssessmentForm, CloseForm, LeadForm, ResponseForm, StepUpForm } from './forms';

/**
 * An episode's errors as this page says them: a conflict (the episode is reloaded) and a closed
 * episode in plain words, neither tied to a field the user can change.
 */
function episodeErrors(errors: ApiError[]): ApiError[] {
  return errors.map((e) =>
    e.code === 'VERSION_CONFLICT'
      ? {
          ...e,
          code: 'EPISODE_CHANGED',
          field: undefined,
          message:
            'Someone else changed this episode while you were working on it. It is reloaded and what you typed is kept: check the episode as it is now, then submit again.',
        }
      : e.code === 'EPISODE_CLOSED'
        ? {
            ...e,
            field: undefined,
            message: 'This episode is closed: nothing more can be recorded on it.',
          }
        : e,
  );
}

/** What each change says when it is made. */
const DONE: Record<string, string> = {
  recordEarlyHelpResponse: 'The family’s response is recorded.',
  recordEarlyHelpAssessment: 'The assessment is recorded.',
  setEarlyHelpLeadPractitioner: 'The lead practitioner is saved.',
  closeEarlyHelpEpisode: 'The episode is closed.',
  stepUpEarlyHelp: 'Stepped up: a new MASH contact is recorded and the episode is closed.',
};

/**
 * One early help episode: the child, the offer, the family's response, the assessment, the lead
 * practitioner and how it ended, and the changes the user's role may make while it is open. Each
 * change names the version shown; a conflict reloads the episode and keeps what the user typed.
 */
export function EarlyHelpEpisodePage({ user, episodeId }: { user: User; episodeId: string }) {
  const [episode, setEpisode] = useState<Episode | null>(null);
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [loaded, setLoaded] = useState(false);
  /** What the user's last change did, announced. */
  const [notice, setNotice] = useState<string | null>(null);
  const noticeBox = useRef<HTMLParagraphElement>(null);

  const load = useCallback(async () => {
    const { data, errors: errs } = await gql<{ earlyHelpEpisode: Episode | null }>(
      `query EarlyHelpEpisode($id: ID!) { earlyHelpEpisode(id: $id) { ${EPISODE} } }`,
      { id: episodeId },
    );
    setEpisode(data?.earlyHelpEpisode ?? null);
    setErrors(errs);
    setLoaded(true);
    return data?.earlyHelpEpisode ?? null;
  }, [episodeId]);

  useEffect(() => {
    void load();
  }, [load]);

  const act: Act = async (mutation, input) => {
    if (!episode) return [];
    setNotice(null);
    const { data, errors: errs } = await gql<Record<string, Episode>>(
      `mutation Change($input: ${mutation[0].toUpperCase() + mutation.slice(1)}Input!) { ${mutation}(input: $input) { ${EPISODE} } }`,
      { input: { episodeId: episode.id, version: episode.version, ...input } },
    );
    const changed = data?.[mutation];
    if (errs.length === 0 && changed) {
      setEpisode(changed);
      setNotice(DONE[mutation] ?? 'Saved.');
      // A change that closes the episode removes the form it came from: keep the focus nearby.
      if (!changed.open) window.setTimeout(() => noticeBox.current?.focus(), 0);
    } else if (errs.some((e) => e.code === 'VERSION_CONFLICT' || e.code === 'EPISODE_CLOSED')) {
      const now = await load();
      // Closed meanwhile: the forms, and the errors in them, are gone; say why here.
      if (now && !now.open) {
        setNotice('Someone else closed this episode while you were working on it.');
        window.setTimeout(() => noticeBox.current?.focus(), 0);
      }
    }
    return episodeErrors(errs);
  };

  if (!episode) {
    return (
      <>
        <h1 tabIndex={-1}>Early help episode {episodeId}</h1>
        <ErrorSummary errors={errors} />
        {loaded && errors.length === 0 ? (
          <p>There is no early help episode {episodeId}.</p>
        ) : !loaded ? (
          <p role="status">Loading…</p>
        ) : null}
      </>
    );
  }
  const works = worksEarlyHelp(user);
  const mash = isSocialcareMash(user);
  return (
    <>
      <h1 tabIndex={-1}>
        Early help for {episode.child ? childName(episode.child) : 'a child'} ({episode.id})
      </h1>
      <p className="lead">
        {statusText(episode)}. Version {episode.version}.{' '}
        <a href={href('early-help')}>All episodes</a>
      </p>
      <ErrorSummary errors={errors} />
      <p role="status" tabIndex={-1} ref={noticeBox} className={notice ? 'notice' : undefined}>
        {notice}
      </p>
      <div className="columns">
        <section aria-labelledby="h-episode">
          <h2 id="h-episode">The episode</h2>
          <dl className="fields">
            <div>
              <dt>Child</dt>
              <dd>
                <ChildName child={episode.child} user={user} />
                {episode.child?.dateOfBirth
                  ? `, born ${formatDate(episode.child.dateOfBirth)}`
                  : ''}
              </dd>
            </div>
            <div>
              <dt>Stepped down</dt>
              <dd>
                {formatDay(episode.steppedDownAt)}, contact{' '}
                {mash ? (
                  <a href={href('contact', episode.stepDownContactId)}>
                    {episode.stepDownContactId}
                  </a>
                ) : (
                  episode.stepDownContactId
                )}
              </dd>
            </div>
            <div>
              <dt>Offered to</dt>
              <dd>{episode.provider.name}</dd>
            </div>
            <div>
              <dt>Family response</dt>
              <dd>{responseText(episode)}</dd>
            </div>
            <div>
              <dt>Assessment</dt>
              <dd>{assessmentText(episode)}</dd>
            </div>
            <div>
              <dt>Lead practitioner</dt>
              <dd>{episode.leadPractitioner ?? 'None yet'}</dd>
            </div>
            <div>
              <dt>Status</dt>
              <dd>{statusText(episode)}</dd>
            </div>
            {episode.stepUpContactId ? (
              <div>
                <dt>Stepped up as</dt>
                <dd>
                  contact{' '}
                  {mash ? (
                    <a href={href('contact', episode.stepUpContactId)}>{episode.stepUpContactId}</a>
                  ) : (
                    episode.stepUpContactId
                  )}
                </dd>
              </div>
            ) : null}
          </dl>
        </section>
        <div>
          <h2>Actions</h2>
          {!episode.open ? <p>This episode is closed: nothing more is recorded on it.</p> : null}
          {episode.open && !works ? (
            <p>Your role reads early help episodes; it does not change them.</p>
          ) : null}
          {episode.open && works ? (
            <>
              <ResponseForm episode={episode} act={act} />
              {episode.response === 'ACCEPTED' ? (
                <AssessmentForm episode={episode} act={act} />
              ) : (
                <p>Record the family’s acceptance before the early help assessment.</p>
              )}
              <LeadForm episode={episode} act={act} />
              <CloseForm act={act} />
              <StepUpForm act={act} />
            </>
          ) : null}
        </div>
      </div>
    </>
  );
}
