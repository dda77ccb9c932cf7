import { useState } from 'react';
import { describedBy, FieldError } from '../../components/Errors';
import { CLOSURE_REASONS, EARLY_HELP_RESPONSES } from '../../codes';
import { londonToday } from '../../time';
import { ActionForm, Field, useEpisodeAction, type Act } from './action';
import type { Episode } from './episode';

/** The family's response to the offer, and with a refusal the choice to close the episode. */
export function ResponseForm({ episode, act }: { episode: Episode; act: Act }) {
  const [response, setResponse] = useState(episode.response ?? '');
  const [respondedOn, setRespondedOn] = useState(episode.respondedOn ?? londonToday());
  const [close, setClose] = useState(false);
  const action = useEpisodeAction(act, 'recordEarlyHelpResponse');
  const { errors } = action;
  return (
    <ActionForm
      name="response"
      heading="The family’s response"
      action={action}
      fieldIds={{
        response: 'eh-response-ACCEPTED',
        respondedOn: 'eh-responded-on',
        close: 'eh-close-declined',
      }}
      input={() => ({
        response: response || null,
        respondedOn: respondedOn || null,
        close: response === 'DECLINED' && close,
      })}
      submit="Record the response"
    >
      <fieldset {...describedBy('eh-response', errors, 'response')}>
        <legend>Did the family accept early help?</legend>
        <FieldError id="eh-response" errors={errors} field="response" />
        <div className="radios inline">
          {Object.entries(EARLY_HELP_RESPONSES).map(([value, words]) => (
            <div className="radio" key={value}>
              <input
                type="radio"
                name="eh-response"
                id={`eh-response-${value}`}
                checked={response === value}
                onChange={() => setResponse(value)}
              />
              <label htmlFor={`eh-response-${value}`}>{words}</label>
            </div>
          ))}
        </div>
      </fieldset>
      <Field
        type="date"
        id="eh-responded-on"
        label="Date of the family’s answer"
        field="respondedOn"
        value={respondedOn}
        onChange={setRespondedOn}
        errors={errors}
        hint="Not in the future, not before the step-down."
      />
      {response === 'DECLINED' ? (
        <div className="checkbox">
          <input
            type="checkbox"
            id="eh-close-declined"
            checked={close}
            onChange={(e) => setClose(e.target.checked)}
            {...describedBy('eh-close-declined', errors, 'close')}
          />
          <label htmlFor="eh-close-declined">Close the episode: the family declined</label>
          <FieldError id="eh-close-declined" errors={errors} field="close" />
        </div>
      ) : null}
    </ActionForm>
  );
}

/** The early help assessment: when it started, and when and by whom it was completed. */
export function AssessmentForm({ episode, act }: { episode: Episode; act: Act }) {
  const a = episode.assessment;
  const [startedOn, setStartedOn] = useState(a?.startedOn ?? londonToday());
  const [completedOn, setCompletedOn] = useState(a?.completedOn ?? '');
  const [organisation, setOrganisation] = useState(a?.organisation ?? '');
  const action = useEpisodeAction(act, 'recordEarlyHelpAssessment');
  const { errors } = action;
  return (
    <ActionForm
      name="assessment"
      heading={a ? 'The early help assessment' : 'Record the early help assessment'}
      action={action}
      fieldIds={{
        startedOn: 'eh-started-on',
        completedOn: 'eh-completed-on',
        organisation: 'eh-organisation',
      }}
      input={() => ({
        startedOn: startedOn || null,
        completedOn: completedOn || null,
        organisation: organisation.trim() || null,
      })}
      submit="Record the assessment"
    >
      <Field
        type="date"
        id="eh-started-on"
        label="Started on"
        field="startedOn"
        value={startedOn}
        onChange={setStartedOn}
        errors={errors}
      />
      <Field
        type="date"
        id="eh-completed-on"
        label="Completed on (if completed)"
        field="completedOn"
        value={completedOn}
        onChange={setCompletedOn}
        errors={errors}
        hint="Leave empty while the assessment is under way."
      />
      <Field
        id="eh-organisation"
        label="Organisation that completed it"
        field="organisation"
        value={organisation}
        onChange={setOrganisation}
        errors={errors}
        hint="Required with a completion date, 2 to 200 characters, e.g. Early Help North or a school."
      />
    </ActionForm>
  );
}

/** The episode's lead practitioner. */
export function LeadForm({ episode, act }: { episode: Episode; act: Act }) {
  const [lead, setLead] = useState(episode.leadPractitioner ?? '');
  const action = useEpisodeAction(act, 'setEarlyHelpLeadPractitioner');
  return (
    <ActionForm
      name="lead"
      heading="Lead practitioner"
      action={action}
      fieldIds={{ leadPractitioner: 'eh-lead' }}
      input={() => ({ leadPractitioner: lead })}
      submit="Save the lead practitioner"
    >
      <Field
        id="eh-lead"
        label="Lead practitioner’s name and role"
        field="leadPractitioner"
        value={lead}
        onChange={setLead}
        errors={action.errors}
        hint="2 to 200 characters, e.g. Jo Marsh, family support worker."
      />
    </ActionForm>
  );
}

/** Closing the episode, on a date and for a reason other than a step-up. */
export function CloseForm({ act }: { act: Act }) {
  const [closedOn, setClosedOn] = useState(londonToday());
  const [reason, setReason] = useState('');
  const action = useEpisodeAction(act, 'closeEarlyHelpEpisode');
  const { errors } = action;
  return (
    <ActionForm
      name="close"
      heading="Close the episode"
      action={action}
      fieldIds={{ closedOn: 'eh-closed-on', reason: 'eh-reason' }}
      input={() => ({ closedOn: closedOn || null, reason: reason || null })}
      submit="Close the episode"
    >
      <Field
        type="date"
        id="eh-closed-on"
        label="Closed on"
        field="closedOn"
        value={closedOn}
        onChange={setClosedOn}
        errors={errors}
        hint="Not before any date recorded on the episode."
      />
      <div className="field">
        <label htmlFor="eh-reason">Why it closes</label>
        <FieldError id="eh-reason" errors={errors} field="reason" />
        <select
          id="eh-reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          {...describedBy('eh-reason', errors, 'reason')}
        >
          <option value="">Choose a reason</option>
          {Object.entries(CLOSURE_REASONS)
            // A step-up is recorded by stepping up, which makes the new contact.
            .filter(([value]) => value !== 'STEPPED_UP')
            .map(([value, words]) => (
              <option key={value} value={value}>
                {words}
              </option>
            ))}
        </select>
      </div>
    </ActionForm>
  );
}

/** Stepping up to the MASH: a new contact about the child, and the episode closed. */
export function StepUpForm({ act }: { act: Act }) {
  const [concern, setConcern] = useState('');
  const [referrer, setReferrer] = useState('');
  const action = useEpisodeAction(act, 'stepUpEarlyHelp');
  const { errors } = action;
  return (
    <ActionForm
      name="step-up"
      heading="Step up to the MASH"
      intro={
        <p>
          Records a new MASH contact about the child (source 5D, early help) and closes this episode
          as stepped up.
        </p>
      }
      action={action}
      fieldIds={{ concern: 'eh-concern', referrer: 'eh-referrer' }}
      input={() => ({ concern, referrer: referrer.trim() || null })}
      submit="Step up to the MASH"
      warning
    >
      <Field
        id="eh-concern"
        label="The concern"
        field="concern"
        rows={4}
        value={concern}
        onChange={setConcern}
        errors={errors}
        hint="What has changed and why the family needs the MASH now, 10 to 4000 characters."
      />
      <Field
        id="eh-referrer"
        label="Who makes the contact"
        field="referrer"
        value={referrer}
        onChange={setReferrer}
        errors={errors}
        hint="Leave empty for you and your provider."
      />
    </ActionForm>
  );
}
