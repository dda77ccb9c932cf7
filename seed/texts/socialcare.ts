/**
 * Social care's front door in words: what a contact says, by DfE source code (and the concerns
 * raised before a birth or about unaccompanied young people); why a screener gave a RAG rating,
 * the rationale of a threshold decision and the lawful basis for sharing without consent. Every
 * sentence is invented; none comes from a real case.
 */
import type { ContactOutcome, OccurrenceCategory, Rag } from '../world/types';

/** One way a contact from a given source can read, and which children it can be about. */
export interface ConcernTemplate {
  text: string;
  /** Age range in whole years of the child the contact is mainly about, at the contact date. */
  minAge: number;
  maxAge: number;
  /** Whether the concern is about the household, so siblings may be named on the same contact. */
  family: boolean;
  weight: number;
  /** For police contacts: the occurrence behind it. */
  category?: OccurrenceCategory;
  /** For A&E contacts: the presenting reason of the attendance behind it. */
  reason?: string;
  /** The child must be on a school roll at the contact date (the school is the referrer). */
  pupil?: boolean;
  /** Who made the contact, where the template fixes it. */
  by?: string;
}

function t(
  text: string,
  minAge: number,
  maxAge: number,
  family: boolean,
  weight: number,
  extra: Partial<ConcernTemplate> = {},
): ConcernTemplate {
  return { text, minAge, maxAge, family, weight, ...extra };
}

/** Concern templates by DfE source code. Every source has at least one template for ages 0-17. */
export const CONCERNS: Readonly<Record<string, readonly ConcernTemplate[]>> = {
  '1A': [
    t(
      'Grandmother concerned children are left alone while mother goes out at night.',
      0,
      12,
      true,
      3,
      { by: 'Maternal grandmother' },
    ),
    t(
      "Non-resident father reports child disclosed being hit by mother's partner.",
      3,
      15,
      false,
      2,
      { by: 'Father (non-resident)' },
    ),
    t('Aunt concerned about drug use at the family home.', 0, 17, true, 2, { by: 'Aunt' }),
    t(
      'Relative reports parent struggling to cope after bereavement; children missing school.',
      5,
      17,
      true,
      1,
      { by: 'Uncle' },
    ),
  ],
  '1B': [
    t(
      'Family friend concerned about shouting and crying from the flat most evenings.',
      0,
      17,
      true,
      2,
      { by: 'Family friend' },
    ),
    t(
      'Acquaintance reports mother drinking heavily while caring for young children.',
      0,
      10,
      true,
      2,
      { by: 'Acquaintance of mother' },
    ),
  ],
  '1C': [
    t('Young person says they cannot go home after an argument with stepfather.', 11, 17, false, 3),
    t("Young person asks for help; says mother's partner is violent at home.", 11, 17, false, 2),
    t(
      'Young person reports being thrown out by parents; sofa-surfing with friends.',
      14,
      17,
      false,
      1,
    ),
  ],
  '1D': [
    t('Neighbour reports frequent shouting and children crying late at night.', 0, 17, true, 3, {
      by: 'Neighbour',
    }),
    t('Member of public saw an adult hit a child in the street.', 2, 12, false, 2, {
      by: 'Member of the public',
    }),
    t(
      'Neighbour concerned young children are often outside unsupervised after dark.',
      3,
      11,
      true,
      1,
      { by: 'Neighbour' },
    ),
  ],
  '2A': [
    t(
      'Bruising to upper arm noticed at school; child gave inconsistent explanations.',
      4,
      16,
      false,
      4,
      { pupil: true },
    ),
    t('Child disclosed being hit with a belt by father.', 4, 14, false, 2, { pupil: true }),
    t('Persistent lateness and absence; child appears hungry and unkempt.', 4, 16, true, 3, {
      pupil: true,
    }),
    t('Child disclosed arguments and fighting at home; frightened to go home.', 4, 16, true, 3, {
      pupil: true,
    }),
    t('Marks seen on forearms; pupil disclosed self-harm to a teacher.', 11, 16, false, 2, {
      pupil: true,
    }),
    t(
      'Child not collected from school; parent arrived later appearing intoxicated.',
      4,
      10,
      true,
      1,
      { pupil: true },
    ),
    t(
      'Pupil has an older boyfriend and new phone and clothes; concern about exploitation.',
      12,
      16,
      false,
      1,
      { pupil: true },
    ),
    t('Pupil disclosed that mother is unwell and they care for younger siblings.', 7, 16, true, 1, {
      pupil: true,
    }),
  ],
  '2B': [
    t('Child missing education: family not found at the address on record.', 5, 16, true, 2, {
      by: 'Children missing education officer, Education Services',
    }),
    t('Attendance below 50%; parents not engaging with attendance officer.', 5, 16, true, 2, {
      by: 'Attendance and welfare officer, Education Services',
    }),
    t('Elective home education: no contact with the family for six months.', 5, 16, true, 1, {
      by: 'Elective home education adviser, Education Services',
    }),
  ],
  '3A': [
    t(
      'Parent disclosed low mood and thoughts of self-harm; sole carer of young children.',
      0,
      12,
      true,
      2,
    ),
    t('Repeated missed immunisations and health appointments.', 0, 6, true, 2),
    t('Child weight faltering; parents not attending follow-up appointments.', 0, 5, false, 1),
    t(
      'Young person disclosed sexual activity with an adult during consultation.',
      13,
      17,
      false,
      1,
    ),
    t('GP concerned about parental alcohol use affecting care of the children.', 0, 17, true, 1),
  ],
  '3B': [
    t('Home visit: poor home conditions and baby sleeping unsafely.', 0, 2, true, 3),
    t('Mother disclosed domestic abuse at the new birth visit.', 0, 1, true, 2),
    t('Missed health visitor contacts; baby not seen since birth.', 0, 1, false, 2),
    t('Maternal mental health concerns; possible postnatal depression.', 0, 1, true, 2),
    t('Toddler with developmental delay; family not attending appointments.', 1, 4, false, 1),
  ],
  '3C': [
    t('Child disclosed self-harm to the school nurse.', 11, 16, false, 2, { pupil: true }),
    t('Untreated dental decay and head lice; possible neglect.', 4, 11, true, 2, { pupil: true }),
    t('Soiling and bedwetting; possible emotional distress at home.', 4, 10, false, 1, {
      pupil: true,
    }),
  ],
  '3D': [
    t('Dentist: extensive untreated decay and repeated missed appointments.', 2, 15, true, 2, {
      by: 'Community dentist, Tottenham Hale HC',
    }),
    t('Pharmacist concerned about repeated requests for infant paracetamol.', 0, 3, false, 1, {
      by: 'Pharmacist, High Road Pharmacy',
    }),
    t('Optician: child says they are not allowed out of the house.', 5, 15, false, 1, {
      by: 'Optometrist, Wood Green High Road',
    }),
  ],
  '3E': [
    t('Attendance at A&E with head injury; delay in seeking treatment.', 0, 10, false, 3, {
      reason: 'Head injury',
    }),
    t('Attendance at A&E: non-mobile infant with unexplained bruising.', 0, 1, false, 2, {
      reason: 'Bruising',
    }),
    t("Attendance at A&E after swallowing parent's tablets.", 1, 5, false, 2, {
      reason: 'Ingestion of medication',
    }),
    t('Young person attended A&E after an overdose.', 12, 17, false, 3, { reason: 'Self-harm' }),
    t('Attendance at A&E with fracture; explanation inconsistent with injury.', 0, 12, false, 2, {
      reason: 'Fracture - arm',
    }),
    t('Young person brought to A&E intoxicated; found alone in a park.', 13, 17, false, 1, {
      reason: 'Alcohol intoxication',
    }),
    t(
      'Attendance at A&E with stab wound to leg; reluctant to say what happened.',
      14,
      17,
      false,
      1,
      { reason: 'Stab wound' },
    ),
    t('Frequent A&E attendances; parent seen intoxicated at triage.', 0, 17, true, 1, {
      reason: 'Fever',
    }),
  ],
  '3F': [
    t('CAMHS: young person disclosed suicidal thoughts; risk increasing.', 11, 17, false, 2, {
      by: 'CAMHS clinician, Lordship Lane Clinic',
    }),
    t('Hospital ward: parents not visiting; baby ready for discharge.', 0, 1, false, 1, {
      by: "Ward sister, children's ward, North Middlesex University Hospital",
    }),
    t('Paediatrician concerned about fabricated or induced illness.', 1, 12, false, 1, {
      by: 'Consultant paediatrician, Whittington Hospital',
    }),
    t(
      'Adult mental health nurse concerned about parent relapse; children at home.',
      0,
      17,
      true,
      2,
      { by: 'Community mental health nurse, adult mental health team' },
    ),
  ],
  '4': [
    t('Family in overcrowded temporary accommodation, facing eviction.', 0, 17, true, 2, {
      by: 'Housing officer, temporary accommodation team',
    }),
    t('Housing officer found the home in very poor condition at inspection.', 0, 17, true, 2, {
      by: 'Housing officer, estate services',
    }),
    t(
      'Rent arrears and notice to quit; mother says she cannot feed the children.',
      0,
      17,
      true,
      1,
      { by: 'Tenancy officer, housing association' },
    ),
  ],
  '5A': [
    t(
      'Adult mental health team: parent detained under the Mental Health Act; children need care.',
      0,
      17,
      true,
      2,
      { by: 'Approved mental health professional, adult mental health team' },
    ),
    t(
      'Adult social care: parent with care needs; child acting as a young carer.',
      8,
      17,
      false,
      2,
      { by: 'Social worker, adult social care' },
    ),
  ],
  '5B': [
    t('Youth justice: young person at risk of criminal exploitation.', 12, 17, false, 2, {
      by: 'Youth Justice Service caseworker',
    }),
    t('Community safety: family home linked to cuckooing.', 0, 17, true, 1, {
      by: 'Community safety officer',
    }),
    t('Libraries: child regularly left in the library until closing time.', 6, 12, false, 1, {
      by: 'Library manager, Wood Green Library',
    }),
  ],
  '5C': [
    t(
      'Transfer in: family moved from another borough; child was on a child protection plan.',
      0,
      17,
      true,
      2,
    ),
    t(
      'Another local authority: family moved into the borough with an open child in need case.',
      0,
      17,
      true,
      2,
    ),
  ],
  '5D': [
    t('Early help: needs escalating; parent not engaging with family support.', 0, 17, true, 3, {
      by: 'Early help family support worker',
    }),
    t('Step-up from early help: domestic abuse disclosed during family support.', 0, 17, true, 2, {
      by: 'Early help coordinator',
    }),
  ],
  '6': [
    t('Domestic abuse incident at the home address; children present.', 0, 17, true, 6, {
      category: 'DOMESTIC_ABUSE',
    }),
    t('Argument between parents escalated to assault; child witnessed.', 0, 17, true, 4, {
      category: 'DOMESTIC_ABUSE',
    }),
    t(
      'Mother reports ex-partner breached non-molestation order; children at home.',
      0,
      17,
      true,
      2,
      { category: 'DOMESTIC_ABUSE' },
    ),
    t(
      'DA incident, DASH high risk; referred to MARAC; children in the household.',
      0,
      17,
      true,
      2,
      { category: 'DOMESTIC_ABUSE' },
    ),
    t('Father arrested for assault on mother; children asleep upstairs.', 0, 12, true, 2, {
      category: 'DOMESTIC_ABUSE',
    }),
    t("Reported missing overnight; found next day at a friend's address.", 11, 17, false, 3, {
      category: 'MISSING_PERSON',
    }),
    t('Missing episode, third this year; concern about exploitation.', 12, 17, false, 2, {
      category: 'MISSING_PERSON',
    }),
    t('Welfare check: poor home conditions, children unsupervised.', 0, 12, true, 3, {
      category: 'CONCERN_FOR_WELFARE',
    }),
    t('Child found out alone late at night.', 5, 13, false, 1, { category: 'CONCERN_FOR_WELFARE' }),
    t('Parent found intoxicated in charge of a young child.', 0, 6, true, 2, {
      category: 'CONCERN_FOR_WELFARE',
    }),
    t('Young person arrested for possession of a bladed article.', 13, 17, false, 1, {
      category: 'VIOLENCE',
    }),
    t('Young person assaulted near the station; known to a local group.', 12, 17, false, 1, {
      category: 'VIOLENCE',
    }),
    t('Drugs warrant at the home address; class A drugs found, children present.', 0, 17, true, 1, {
      category: 'DRUGS',
    }),
    t('Cannabis cultivation found at the home address where children live.', 0, 17, true, 1, {
      category: 'DRUGS',
    }),
    t('Young person involved in repeated antisocial behaviour on the estate.', 11, 17, false, 1, {
      category: 'ANTISOCIAL_BEHAVIOUR',
    }),
  ],
  '7': [
    t('Probation: father released from prison, returning to the family home.', 0, 17, true, 2, {
      by: 'Probation officer, Probation Service',
    }),
    t('Cafcass: safeguarding concerns raised in private law proceedings.', 0, 17, true, 2, {
      by: 'Cafcass family court adviser',
    }),
    t('Immigration: family with no recourse to public funds, destitute.', 0, 17, true, 1, {
      by: 'Home Office Immigration Enforcement',
    }),
  ],
  '8': [
    t("Children's centre: mother presenting with bruising, child withdrawn.", 0, 4, true, 2, {
      by: "Children's centre worker",
    }),
    t('IDVA: high-risk domestic abuse victim with children in the household.', 0, 17, true, 2, {
      by: 'IDVA, domestic abuse service',
    }),
    t('NSPCC helpline: caller concerned about a child being hit.', 0, 17, false, 2, {
      by: 'NSPCC helpline',
    }),
    t('Youth worker: young person staying out late with older males.', 12, 17, false, 1, {
      by: 'Youth worker, youth centre',
    }),
  ],
  '9': [
    t('Anonymous: children left home alone in the evenings.', 0, 12, true, 2),
    t('Anonymous caller reports drug dealing from the family home.', 0, 17, true, 1),
    t('Anonymous report of a child heard screaming in the flat.', 0, 17, false, 1),
  ],
  '10': [t("Concern about the child's welfare; source not recorded.", 0, 17, true, 1)],
};

/** Pre-birth concerns, by the source that raises them. */
export const PRE_BIRTH_CONCERNS: Readonly<Record<string, readonly string[]>> = {
  '3F': [
    'Pre-birth concern: mother using substances in pregnancy.',
    'Midwife: late booking; previous children subject to child protection plans.',
    'Pre-birth referral: history of domestic abuse; mother 20 weeks pregnant.',
  ],
  '3D': ['Community midwife: mother missed antenatal appointments; housing unstable.'],
  '3B': ['Health visitor: pregnant mother disclosed domestic abuse at a visit for older child.'],
  '6': ['Domestic abuse incident; victim is pregnant. Pre-birth concern.'],
  '8': ['IDVA: pregnant high-risk domestic abuse victim.'],
  '5C': [
    'Another local authority: pregnant mother moved into the borough; pre-birth assessment open.',
  ],
};

/** Concerns about unaccompanied asylum-seeking young people, by source. */
export const UASC_CONCERNS: Readonly<Record<string, readonly string[]>> = {
  '6': ['Unaccompanied young person found at a lorry park; no adult carer.'],
  '7': ['Home Office: unaccompanied asylum-seeking young person; age disputed.'],
  '5C': ['Another local authority: unaccompanied young person placed in the borough.'],
};

/** Why a screener gave a contact its RAG rating: short, as a MASH worker writes them. */
export const RAG_REASONS: Readonly<Record<Rag, readonly string[]>> = {
  RED: [
    'Injury to a non-mobile baby; police attending',
    'Child disclosed physical abuse today',
    'Child disclosed sexual abuse; alleged abuser lives in the household',
    'Child missing overnight; concerns of criminal exploitation',
    'Serious domestic abuse incident with the children present; high risk',
    'Unexplained bruising to a pre-school child seen at nursery',
  ],
  AMBER: [
    'Repeat domestic abuse incidents; children present at the latest',
    'Parent intoxicated while sole carer of young children',
    'Pre-birth concern; an older sibling was previously subject to a plan',
    'Child repeatedly missing from home; episodes getting longer',
    'Neglect concerns raised by two agencies this month',
    'Young person self-harming; parent not engaging with services',
  ],
  GREEN: [
    'Low-level neglect concerns; family open to support',
    'School attendance falling; no safeguarding disclosure',
    'Parental conflict reported; no injury and no children present',
    'Housing difficulties affecting the children; parent asking for help',
    'Young carer needing support at home',
  ],
  BLUE: [
    'Information only; family already receiving early help',
    'Information only; child already open to an allocated social worker',
    'Duplicate of a contact already being screened',
    'Referrer asking for advice only; no concern about the child',
    'Information passed on for the record; no action needed',
  ],
};

/** A threshold decision's rationale, by outcome: one or two sentences. */
export const DECISION_RATIONALES: Readonly<Record<ContactOutcome, readonly string[]>> = {
  NO_FURTHER_ACTION: [
    'Concern explained and no harm identified. Partner checks raise nothing further.',
    "Parent acted protectively and the risk has passed. No role for children's social care.",
    'Single low-level incident with no history known to any agency.',
  ],
  ADVICE_AND_SIGNPOST: [
    'Needs can be met by universal services. Parent signposted to the family hub.',
    'Referrer advised to keep monitoring and to contact the MASH again if concerns increase.',
    'Parent given advice on parenting support and agreed to see the GP.',
  ],
  STEP_DOWN_TO_EARLY_HELP: [
    'Additional needs below the statutory threshold; parent agrees to early help.',
    'Parent asking for support with routines and school attendance. Stepped down to early help.',
    'Emerging concerns that targeted family support should address.',
  ],
  ASSESSMENT_REQUIRED: [
    'Complex needs that early help has not met. Child and family assessment under section 17.',
    "Cumulative neglect concerns across agencies; an assessment is needed to understand the child's needs.",
    'Repeat domestic abuse with the children present; assessment of the impact on them.',
  ],
  STRATEGY_DISCUSSION: [
    'Reasonable cause to suspect significant harm. Strategy discussion with police and health today.',
    'Disclosure of abuse by a household member; strategy discussion to consider section 47 enquiries.',
    'Unexplained injury to a non-mobile baby. Strategy discussion and a child protection medical.',
  ],
  OTHER: [
    "Child lives in another authority; contact passed to that authority's front door.",
    'Already open to an allocated social worker; information passed to them.',
  ],
};

/** The lawful basis recorded for sharing when consent was not sought or was refused. */
export const LAWFUL_BASES: Readonly<Record<'NOT_SOUGHT' | 'REFUSED', readonly string[]>> = {
  NOT_SOUGHT: [
    'DPA 2018 Sch 1 para 18: seeking consent would place the child at risk of significant harm',
    'DPA 2018 Sch 1 para 18: seeking consent could prejudice a police investigation',
    "DPA 2018 Sch 1 para 18: consent could not reasonably be obtained in the time the child's safety allowed",
  ],
  REFUSED: [
    'Consent refused; shared under DPA 2018 Sch 1 para 18 as necessary to safeguard the child',
    'Consent refused; the risk of significant harm outweighs the refusal (DPA 2018 Sch 1 para 18)',
  ],
};
