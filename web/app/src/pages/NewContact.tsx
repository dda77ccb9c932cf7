import { useState } from 'react';
import { gql, type ApiError } from '../api';
import { describedBy, ErrorSummary, FieldError } from '../components/Errors';
import { useContactSources } from '../codes';
import { href, navigate } from '../router';
import type { User } from '../session';

interface ChildEntry {
  kind: 'existing' | 'new' | 'unborn';
  childId: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  expectedDateOfBirth: string;
  sex: string;
  addressLine: string;
  postcode: string;
  nhsNumber: string;
  upn: string;
  confirmedNew: boolean;
}

const EMPTY_CHILD: ChildEntry = {
  kind: 'existing',
  childId: '',
  givenName: '',
  familyName: '',
  dateOfBirth: '',
  expectedDateOfBirth: '',
  sex: 'UNKNOWN',
  addressLine: '',
  postcode: '',
  nhsNumber: '',
  upn: '',
  confirmedNew: false,
};

const newKey = () => `web-${crypto.randomUUID()}`;

/** London's offset from UTC, in milliseconds, at an instant. */
function londonOffset(instant: number): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  const wall = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * A datetime-local value as an ISO instant, reading it as London wall time whatever the device's
 * own time zone (the MASH works in London time). Unparseable text goes as typed, for the service to
 * refuse beside the field.
 */
function toInstant(local: string): string | null {
  if (!local) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return local;
  const asUtc = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
  // Two passes settle the offset on either side of a clock change.
  let instant = asUtc - londonOffset(asUtc);
  instant = asUtc - londonOffset(instant);
  return new Date(instant).toISOString();
}

function childInput(c: ChildEntry) {
  const ids = {
    ...(c.nhsNumber.trim() ? { nhsNumber: c.nhsNumber.trim() } : {}),
    ...(c.upn.trim() ? { upn: c.upn.trim() } : {}),
  };
  if (c.kind === 'existing') return { childId: c.childId.trim(), ...ids };
  return {
    newChild: {
      givenName: c.givenName || null,
      familyName: c.familyName,
      ...(c.kind === 'unborn'
        ? { expectedDateOfBirth: c.expectedDateOfBirth || null }
        : { dateOfBirth: c.dateOfBirth || null }),
      sex: c.sex,
      ...(c.addressLine || c.postcode
        ? { address: { line: c.addressLine, postcode: c.postcode } }
        : {}),
      confirmedNew: c.confirmedNew,
    },
    ...ids,
  };
}

/**
 * Records a new contact. The form keeps one idempotency key from opening to success, so a
 * second press or a retry after a lost answer records the contact once; errors are shown next
 * to their fields and nothing typed is lost.
 */
export function NewContact({ user }: { user: User }) {
  const sourceList = useContactSources();
  const [key, setKey] = useState(newKey);
  const [source, setSource] = useState('');
  const [referrer, setReferrer] = useState('');
  const [concern, setConcern] = useState('');
  const [receivedAt, setReceivedAt] = useState('');
  const [team, setTeam] = useState(user.team ?? '');
  const [children, setChildren] = useState<ChildEntry[]>([{ ...EMPTY_CHILD }]);
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [busy, setBusy] = useState(false);
  /** The contact already recorded under this form's key, when the form changed after it. */
  const [recorded, setRecorded] = useState<string | null>(null);

  const setChild = (i: number, change: Partial<ChildEntry>) =>
    setChildren(children.map((c, j) => (j === i ? { ...c, ...change } : c)));

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    const { data, errors: errs } = await gql<{ recordContact: { id: string } }>(
      `mutation Record($input: RecordContactInput!) { recordContact(input: $input) { id } }`,
      {
        input: {
          idempotencyKey: key,
          source,
          referrer,
          concern,
          receivedAt: toInstant(receivedAt),
          team: team || null,
          children: children.map(childInput),
        },
      },
    );
    setBusy(false);
    setErrors(errs);
    if (data?.recordContact && errs.length === 0) {
      setKey(newKey());
      navigate('contact', data.recordContact.id);
      return;
    }
    const reused = errs.find((er) => er.code === 'IDEMPOTENCY_KEY_REUSED');
    // This form was recorded already (an answer that never arrived) and has changed since: never a
    // second contact by accident; the user opens the first or asks for a new one.
    setRecorded(reused ? String(reused.extensions.contactId ?? '') || null : null);
  }

  /** Which child entry a CHILD_ALREADY_KNOWN refusal is about, from its field `children[i]...`. */
  const knownAt = (i: number) =>
    errors.find((e) => e.code === 'CHILD_ALREADY_KNOWN' && e.field?.startsWith(`children[${i}]`));

  const fieldIds: Record<string, string> = {
    source: 'nc-source',
    referrer: 'nc-referrer',
    concern: 'nc-concern',
    receivedAt: 'nc-received',
    team: 'nc-team',
  };
  children.forEach((_, i) => {
    for (const f of ['givenName', 'familyName', 'dateOfBirth'])
      fieldIds[`children[${i}].newChild.${f}`] = `nc-c${i}-${f}`;
    fieldIds[`children[${i}].childId`] = `nc-c${i}-childId`;
    fieldIds[`children[${i}].nhsNumber`] = `nc-c${i}-nhsNumber`;
    fieldIds[`children[${i}].upn`] = `nc-c${i}-upn`;
    fieldIds[`children[${i}].newChild.address.postcode`] = `nc-c${i}-postcode`;
    fieldIds[`children[${i}].newChild.expectedDateOfBirth`] = `nc-c${i}-expectedDateOfBirth`;
    fieldIds[`children[${i}].newChild`] = `nc-c${i}-familyName`;
  });

  const text = (
    id: string,
    field: string,
    labelText: string,
    value: string,
    set: (v: string) => void,
    hint?: string,
    type = 'text',
  ) => (
    <div className="field">
      <label htmlFor={id}>{labelText}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <FieldError id={id} errors={errors} field={field} />
      <input
        id={id}
        type={type}
        value={value}
        onChange={(e) => set(e.target.value)}
        {...describedBy(id, errors, field, Boolean(hint))}
      />
    </div>
  );

  return (
    <>
      <h1 tabIndex={-1}>Record a contact</h1>
      <ErrorSummary errors={errors} fieldIds={fieldIds} />
      {recorded ? (
        <div className="notice" role="status">
          <p>
            This form was already recorded as contact{' '}
            <a href={href('contact', recorded)}>{recorded}</a> (its answer may not have reached
            you), and it has changed since.
          </p>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              setKey(newKey());
              setRecorded(null);
              setErrors([]);
            }}
          >
            Record this as another contact
          </button>
        </div>
      ) : null}
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="nc-source">Source</label>
          <FieldError id="nc-source" errors={errors} field="source" />
          <select
            id="nc-source"
            value={source}
            onChange={(e) => setSource(e.target.value)}
            {...describedBy('nc-source', errors, 'source')}
          >
            <option value="">Choose the source</option>
            {sourceList.map(([code, label]) => (
              <option key={code} value={code}>
                {code}: {label}
              </option>
            ))}
          </select>
        </div>
        {text(
          'nc-referrer',
          'referrer',
          'Who made the contact',
          referrer,
          setReferrer,
          'For example "PC 1234 Smith, Northside Police".',
        )}
        <div className="field">
          <label htmlFor="nc-concern">The concern</label>
          <p className="hint" id="nc-concern-hint">
            10 to 4000 characters.
          </p>
          <FieldError id="nc-concern" errors={errors} field="concern" />
          <textarea
            id="nc-concern"
            rows={5}
            value={concern}
            onChange={(e) => setConcern(e.target.value)}
            {...describedBy('nc-concern', errors, 'concern', true)}
          />
        </div>
        {text(
          'nc-received',
          'receivedAt',
          'When the MASH received it (optional)',
          receivedAt,
          setReceivedAt,
          'Leave empty for now; at most 30 days ago. Every clock starts here.',
          'datetime-local',
        )}
        {text('nc-team', 'team', 'Team', team, setTeam)}
        {children.map((c, i) => (
          <fieldset key={i} className="child-entry">
            <legend>Child {i + 1}</legend>
            <div className="radios inline">
              <div className="radio">
                <input
                  type="radio"
                  id={`nc-c${i}-existing`}
                  name={`nc-c${i}-kind`}
                  checked={c.kind === 'existing'}
                  onChange={() => setChild(i, { kind: 'existing' })}
                />
                <label htmlFor={`nc-c${i}-existing`}>Known to social care</label>
              </div>
              <div className="radio">
                <input
                  type="radio"
                  id={`nc-c${i}-new`}
                  name={`nc-c${i}-kind`}
                  checked={c.kind === 'new'}
                  onChange={() => setChild(i, { kind: 'new' })}
                />
                <label htmlFor={`nc-c${i}-new`}>Not known yet</label>
              </div>
              <div className="radio">
                <input
                  type="radio"
                  id={`nc-c${i}-unborn`}
                  name={`nc-c${i}-kind`}
                  checked={c.kind === 'unborn'}
                  onChange={() => setChild(i, { kind: 'unborn' })}
                />
                <label htmlFor={`nc-c${i}-unborn`}>Unborn</label>
              </div>
            </div>
            {knownAt(i) ? (
              <div className="notice" role="status">
                <p>Social care already knows a child like this one:</p>
                <ul className="plain">
                  {((knownAt(i)!.extensions.childIds as string[] | undefined) ?? []).map((id) => (
                    <li key={id}>
                      <a href={href('child', id)}>{id}</a>{' '}
                      <button
                        type="button"
                        className="button button-secondary"
                        onClick={() => setChild(i, { kind: 'existing', childId: id })}
                      >
                        Use {id} for child {i + 1}
                      </button>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            {c.kind === 'existing' ? (
              text(
                `nc-c${i}-childId`,
                `children[${i}].childId`,
                'Child id',
                c.childId,
                (v) => setChild(i, { childId: v }),
                'For example SC100001; find it with "Find a child".',
              )
            ) : (
              <>
                {text(
                  `nc-c${i}-givenName`,
                  `children[${i}].newChild.givenName`,
                  c.kind === 'unborn' ? 'Given name (optional)' : 'Given name',
                  c.givenName,
                  (v) => setChild(i, { givenName: v }),
                )}
                {text(
                  `nc-c${i}-familyName`,
                  `children[${i}].newChild.familyName`,
                  'Family name',
                  c.familyName,
                  (v) => setChild(i, { familyName: v }),
                )}
                {c.kind === 'unborn'
                  ? text(
                      `nc-c${i}-expectedDateOfBirth`,
                      `children[${i}].newChild.expectedDateOfBirth`,
                      'Expected date of birth',
                      c.expectedDateOfBirth,
                      (v) => setChild(i, { expectedDateOfBirth: v }),
                      'From today to 10 months ahead.',
                      'date',
                    )
                  : text(
                      `nc-c${i}-dateOfBirth`,
                      `children[${i}].newChild.dateOfBirth`,
                      'Date of birth',
                      c.dateOfBirth,
                      (v) => setChild(i, { dateOfBirth: v }),
                      undefined,
                      'date',
                    )}
                <div className="field">
                  <label htmlFor={`nc-c${i}-sex`}>Sex</label>
                  <select
                    id={`nc-c${i}-sex`}
                    value={c.sex}
                    onChange={(e) => setChild(i, { sex: e.target.value })}
                  >
                    <option value="UNKNOWN">Not known</option>
                    <option value="FEMALE">Female</option>
                    <option value="MALE">Male</option>
                  </select>
                </div>
                {text(
                  `nc-c${i}-address`,
                  `children[${i}].newChild.address.line`,
                  'Address (optional)',
                  c.addressLine,
                  (v) => setChild(i, { addressLine: v }),
                )}
                {text(
                  `nc-c${i}-postcode`,
                  `children[${i}].newChild.address.postcode`,
                  'Postcode (optional)',
                  c.postcode,
                  (v) => setChild(i, { postcode: v }),
                )}
                {knownAt(i) || c.confirmedNew ? (
                  <div className="checkbox">
                    <input
                      type="checkbox"
                      id={`nc-c${i}-confirmed`}
                      checked={c.confirmedNew}
                      onChange={(e) => setChild(i, { confirmedNew: e.target.checked })}
                    />
                    <label htmlFor={`nc-c${i}-confirmed`}>
                      I have checked the known children: this is a different child
                    </label>
                  </div>
                ) : null}
              </>
            )}
            {text(
              `nc-c${i}-nhsNumber`,
              `children[${i}].nhsNumber`,
              'NHS number the referrer gave (optional)',
              c.nhsNumber,
              (v) => setChild(i, { nhsNumber: v }),
            )}
            {text(
              `nc-c${i}-upn`,
              `children[${i}].upn`,
              'UPN the referrer gave (optional)',
              c.upn,
              (v) => setChild(i, { upn: v }),
            )}
            {children.length > 1 ? (
              <button
                type="button"
                className="button button-secondary"
                onClick={() => setChildren(children.filter((_, j) => j !== i))}
              >
                Remove child {i + 1}
              </button>
            ) : null}
          </fieldset>
        ))}
        {children.length < 10 ? (
          <p>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => setChildren([...children, { ...EMPTY_CHILD }])}
            >
              Add another child
            </button>
          </p>
        ) : null}
        <button type="submit" className="button" disabled={busy}>
          Record the contact
        </button>
      </form>
    </>
  );
}
