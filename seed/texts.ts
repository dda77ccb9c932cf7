/**
 * Short synthetic free text for the generated world: what a contact says by source (DfE source
 * code), police occurrence summaries by category, police intelligence and its handling
 * conditions, and presenting reasons at unscheduled care; and the partners' own records: offences
 * on arrest, health visiting and school nursing notes, CAMHS reasons, maternity concerns,
 * safeguarding flags, parental concerns, and why a child is missing education; and the front
 * door's RAG reasons, decision rationales and lawful bases for sharing. Every sentence is
 * invented; none comes from a real case.
 */
import type {
  ContactOutcome,
  OccurrenceCategory,
  OffenceCategory,
  ParentalConcernKind,
  Rag,
  SensitiveCategory,
} from './world/types';

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

/** DA risk levels as police grade them. */
export const DASH_LEVELS = ['standard', 'medium', 'high'] as const;

/** Occurrence summaries by category. '{dash}' is replaced by the DASH risk level. */
export const OCCURRENCE_SUMMARIES: Readonly<Record<OccurrenceCategory, readonly string[]>> = {
  DOMESTIC_ABUSE: [
    'Verbal argument escalated; victim pushed against wall. DASH {dash}.',
    'Victim reports assault by partner at home address. DASH {dash}.',
    'Ex-partner attended address in breach of order. DASH {dash}.',
    'Neighbour called police to shouting and banging. DASH {dash}.',
    'Victim assaulted in front of children; suspect left before police arrived. DASH {dash}.',
  ],
  MISSING_PERSON: [
    'Young person failed to return home; located next day.',
    'Reported missing by parent; found at an address in another borough.',
    'Missing from home overnight; returned of own accord.',
  ],
  VIOLENCE: [
    'Assault in the street; victim treated by paramedics.',
    'Affray outside licensed premises; suspect arrested.',
    'Possession of a bladed article; suspect arrested.',
    'Assault occasioning actual bodily harm; suspect identified.',
  ],
  CONCERN_FOR_WELFARE: [
    'Welfare check at address; occupants found safe.',
    'Welfare check: adult in crisis; ambulance called.',
    'Concern for welfare of children reported by caller.',
  ],
  ANTISOCIAL_BEHAVIOUR: [
    'Group causing nuisance on the estate; dispersal order issued.',
    'Noise and intimidation reported by residents.',
    'Youths riding mopeds on footpath; warned.',
  ],
  DRUGS: [
    'Stop and search; cannabis found.',
    'Warrant executed; class A drugs and cash seized.',
    'Cannabis cultivation found at address.',
  ],
  THEFT: [
    'Shoplifting from supermarket; suspect detained by security.',
    'Theft of mobile phone in the street.',
    'Theft from motor vehicle overnight.',
    'Bicycle stolen from outside the station.',
  ],
};

/** Presenting reasons at unscheduled care, by age band. */
export const PRESENTING_REASONS = {
  INFANT: [
    'Fever',
    'Breathing difficulty',
    'Feeding problems',
    'Rash',
    'Vomiting and diarrhoea',
    'Head injury',
    'Bronchiolitis',
  ],
  CHILD: [
    'Head injury',
    'Fracture - wrist',
    'Asthma',
    'Abdominal pain',
    'Laceration - forehead',
    'Fever',
    'Ingestion of foreign body',
    'Burn - hand',
    'Ingestion of medication',
    'Sprain - ankle',
    'Tonsillitis',
  ],
  TEEN: [
    'Self-harm',
    'Overdose',
    'Alcohol intoxication',
    'Assault',
    'Mental health crisis',
    'Sports injury - ankle',
    'Abdominal pain',
    'Asthma',
    'Fracture - hand',
    'Laceration - hand',
  ],
  ADULT: [
    'Chest pain',
    'Assault',
    'Fall',
    'Back pain',
    'Alcohol intoxication',
    'Laceration - hand',
    'Mental health crisis',
    'Abdominal pain',
    'Shortness of breath',
    'Overdose',
    'Headache',
  ],
  MATERNITY: [
    'Pregnancy - reduced fetal movements',
    'Pregnancy - abdominal pain',
    'Pregnancy - bleeding',
    'Pregnancy - raised blood pressure',
    'Labour',
  ],
  /** Young people aged 13 and over only, mostly at walk-in centres and out of hours. */
  SEXUAL_HEALTH: [
    'Emergency contraception request',
    'Suspected sexually transmitted infection',
    'Pregnancy test request',
    'Contraception advice',
  ],
} as const;

/**
 * What a share of attendances with the reason on the left read instead: not every mental-health
 * presentation is a crisis, and not every intoxication is alcohol.
 */
export const ALTERNATIVE_REASONS: Readonly<Record<string, string>> = {
  'Mental health crisis': 'Low mood',
  'Alcohol intoxication': 'Drug intoxication',
};

/**
 * The presenting reasons that make an attendance sensitive, and in which category. Any reason not
 * listed is not sensitive. 'Ingestion of medication' (a young child's accident) is deliberately
 * absent; 'Overdose' is counted as mental health, as unscheduled care codes it.
 */
export const SENSITIVE_REASONS: Readonly<Record<string, SensitiveCategory>> = {
  'Self-harm': 'MENTAL_HEALTH',
  Overdose: 'MENTAL_HEALTH',
  'Mental health crisis': 'MENTAL_HEALTH',
  'Low mood': 'MENTAL_HEALTH',
  'Alcohol intoxication': 'SUBSTANCE_MISUSE',
  'Drug intoxication': 'SUBSTANCE_MISUSE',
  'Emergency contraception request': 'SEXUAL_HEALTH',
  'Suspected sexually transmitted infection': 'SEXUAL_HEALTH',
  'Pregnancy test request': 'SEXUAL_HEALTH',
  'Contraception advice': 'SEXUAL_HEALTH',
};

/** The occurrence categories behind which police hold intelligence on a person. */
export type IntelligenceTheme = 'DOMESTIC_ABUSE' | 'CONCERN_FOR_WELFARE' | 'DRUGS';

/**
 * Who an intelligence item is about: a child of any age (texts about the household), a young
 * person aged 12 or over (texts about their own activities), an adult at risk (a victim, or the
 * subject of a welfare concern) or an adult of concern (a perpetrator, or the subject of a drugs
 * occurrence). The PARENT_ lists presume children in the subject's care and are drawn only for
 * adults who have some.
 */
export type IntelligenceSubject =
  | 'CHILD'
  | 'YOUNG_PERSON'
  | 'ADULT_AT_RISK'
  | 'ADULT_OF_CONCERN'
  | 'PARENT_AT_RISK'
  | 'PARENT_OF_CONCERN';

/**
 * Intelligence content by theme and subject, always in the third person ('the subject'). A theme
 * lists only the subjects its occurrences produce: welfare concerns have no adult of concern
 * without children, drugs occurrences no adult at risk.
 */
export const INTELLIGENCE_CONTENT: Readonly<
  Record<IntelligenceTheme, Readonly<Partial<Record<IntelligenceSubject, readonly string[]>>>>
> = {
  DOMESTIC_ABUSE: {
    CHILD: [
      "Information suggests the subject's mother's former partner has been staying at the address overnight despite a non-molestation order.",
      'Information suggests the subject is regularly present when the adults in the household argue violently.',
      "Information suggests the adults in the subject's household continue to fight at night and the children are kept off school afterwards.",
    ],
    YOUNG_PERSON: [
      'Information suggests the subject has intervened physically to stop assaults on their mother.',
      'Information suggests the subject is being controlled and threatened by an older boyfriend or girlfriend.',
    ],
    ADULT_AT_RISK: [
      'Information suggests the subject has allowed a former partner back into the home despite bail conditions.',
      'Information suggests the subject is being prevented from leaving the house and has had their phone taken.',
      "Information suggests the subject has withdrawn support for a prosecution after threats from the suspect's family.",
    ],
    ADULT_OF_CONCERN: [
      'Information suggests the subject has been sending threatening messages to a former partner and has visited the address at night.',
      'Information suggests the subject has obtained a knife and has said they will use it on a former partner.',
      'Information suggests the subject has a new partner with young children and has not disclosed previous domestic abuse.',
    ],
    PARENT_AT_RISK: [
      "Information suggests the subject's former partner has threatened to take the children out of the country.",
      'Information suggests the subject is hiding injuries and has told the children not to speak to anyone at school.',
    ],
    PARENT_OF_CONCERN: [
      "Information suggests the subject has been waiting outside the children's school to confront a former partner.",
      "Information suggests the subject's partner is being assaulted in front of the children and is too frightened to call police.",
    ],
  },
  CONCERN_FOR_WELFARE: {
    CHILD: [
      'Information suggests the subject is often left alone overnight while the parent is out.',
      "Information suggests the children in the subject's household are going without food and the home has no heating.",
      "Information suggests an unknown adult male has been living at the subject's address for several weeks.",
    ],
    YOUNG_PERSON: [
      'Information suggests the subject is going missing to spend time with older males at an address in another borough.',
      'Information suggests the subject has been given gifts and a phone by an adult not known to the family.',
    ],
    ADULT_AT_RISK: [
      "Information suggests the subject's mental health has deteriorated and they are not taking prescribed medication.",
      'Information suggests the subject is being financially exploited by an acquaintance and has no money for food.',
    ],
    PARENT_OF_CONCERN: [
      'Information suggests the subject is drinking heavily during the day while caring for young children.',
      'Information suggests the subject is allowing adults with convictions for offences against children to stay at the address.',
    ],
  },
  DRUGS: {
    CHILD: [
      "Information suggests an adult in the subject's household is using cocaine in the home when the children are present.",
      "Information suggests drugs are being stored at the subject's home address within reach of the children.",
      "Information suggests the subject's home is being used by a drugs line and unknown adults visit at all hours.",
    ],
    YOUNG_PERSON: [
      'Information suggests the subject is carrying drugs for an older male and has been given a phone to take orders.',
      'Information suggests the subject has been seen travelling out of the borough with known drugs line runners.',
      'Information suggests the subject owes a drug debt and has been threatened.',
    ],
    ADULT_OF_CONCERN: [
      'Information suggests the subject is dealing cannabis from the home address.',
      'Information suggests the subject is storing drugs at the home address for a local group.',
      'Information suggests the subject is using young people from the estate to deliver drugs.',
    ],
    PARENT_OF_CONCERN: [
      "Information suggests the subject's partner is using cocaine in the home when the children are present.",
      'Information suggests the subject is selling drugs from the family home while the children are there.',
    ],
  },
};

/** Conditions on C-coded intelligence: what must hold before and when it is disclosed. */
export const HANDLING_CONDITIONS: readonly string[] = [
  "Do not disclose to the family; share only with children's social care for safeguarding.",
  "Source protection: do not record the source's identity in partner systems.",
  'Share the substance only; do not disclose the date or how the information was obtained.',
  'Not to be disclosed to the subject or their representatives; for safeguarding use only.',
  'Share with the MASH social worker only; consult the police intelligence unit before any wider disclosure.',
  'Do not act on this information without first consulting the officer in the case.',
];

// ---------------------------------------------------------------- police records

/** How police word an offence on arrest, by offence category. */
export const OFFENCES: Readonly<Record<OffenceCategory, readonly string[]>> = {
  VIOLENCE: [
    'Common assault',
    'Assault occasioning actual bodily harm',
    'Inflicting grievous bodily harm (section 20)',
    'Wounding with intent (section 18)',
    'Assault on an emergency worker',
  ],
  DOMESTIC_ABUSE: [
    'Common assault (domestic)',
    'Assault occasioning actual bodily harm (domestic)',
    'Controlling or coercive behaviour in an intimate or family relationship',
    'Criminal damage (domestic)',
    'Harassment (domestic)',
    'Non-fatal strangulation',
  ],
  SEXUAL: ['Sexual assault', 'Exposure'],
  DRUGS: [
    'Possession of a class B drug (cannabis)',
    'Possession of a class A drug (cocaine)',
    'Possession with intent to supply a class A drug',
    'Being concerned in the supply of a class A drug',
  ],
  WEAPONS: [
    'Possession of a bladed article in a public place',
    'Possession of an offensive weapon',
    'Threatening with a bladed article',
  ],
  THEFT: [
    'Theft from a shop',
    'Theft from the person',
    'Theft of a motor vehicle',
    'Burglary (dwelling)',
    'Handling stolen goods',
    'Robbery',
  ],
  PUBLIC_ORDER: [
    'Affray',
    'Using threatening words or behaviour (section 4)',
    'Drunk and disorderly',
    'Criminal damage',
  ],
};

/** Whether an occurrence's suspect is arrested, for what, and how soon. */
export interface ArrestRule {
  /** Chance the suspect is arrested at all. */
  chance: number;
  category: OffenceCategory;
  offences: readonly string[];
  /** Arrested at the scene (within hours) rather than traced later (within a week). */
  atScene: boolean;
}

function arrest(
  chance: number,
  category: OffenceCategory,
  offences: readonly string[],
  atScene: boolean,
): ArrestRule {
  return { chance, category, offences, atScene };
}

/**
 * Arrest rules by occurrence summary (OCCURRENCE_SUMMARIES, less any trailing 'DASH ...'), so the
 * arrest agrees with what the occurrence says happened. Summaries not listed lead to no arrest.
 */
export const ARREST_BY_SUMMARY: Readonly<Record<string, ArrestRule>> = {
  'Verbal argument escalated; victim pushed against wall.': arrest(
    0.6,
    'DOMESTIC_ABUSE',
    ['Common assault (domestic)'],
    true,
  ),
  'Victim reports assault by partner at home address.': arrest(
    0.65,
    'DOMESTIC_ABUSE',
    [
      'Common assault (domestic)',
      'Assault occasioning actual bodily harm (domestic)',
      'Non-fatal strangulation',
    ],
    true,
  ),
  'Ex-partner attended address in breach of order.': arrest(
    0.8,
    'DOMESTIC_ABUSE',
    ['Breach of a non-molestation order'],
    false,
  ),
  'Neighbour called police to shouting and banging.': arrest(
    0.35,
    'DOMESTIC_ABUSE',
    ['Common assault (domestic)', 'Criminal damage (domestic)'],
    true,
  ),
  'Victim assaulted in front of children; suspect left before police arrived.': arrest(
    0.6,
    'DOMESTIC_ABUSE',
    ['Assault occasioning actual bodily harm (domestic)', 'Common assault (domestic)'],
    false,
  ),
  'Assault in the street; victim treated by paramedics.': arrest(
    0.55,
    'VIOLENCE',
    ['Assault occasioning actual bodily harm', 'Inflicting grievous bodily harm (section 20)'],
    false,
  ),
  'Affray outside licensed premises; suspect arrested.': arrest(
    1,
    'PUBLIC_ORDER',
    ['Affray'],
    true,
  ),
  'Possession of a bladed article; suspect arrested.': arrest(
    1,
    'WEAPONS',
    ['Possession of a bladed article in a public place'],
    true,
  ),
  'Assault occasioning actual bodily harm; suspect identified.': arrest(
    0.8,
    'VIOLENCE',
    ['Assault occasioning actual bodily harm'],
    false,
  ),
  'Group causing nuisance on the estate; dispersal order issued.': arrest(
    0.05,
    'PUBLIC_ORDER',
    ['Failing to comply with a dispersal direction'],
    true,
  ),
  'Noise and intimidation reported by residents.': arrest(
    0.1,
    'PUBLIC_ORDER',
    ['Using threatening words or behaviour (section 4)'],
    false,
  ),
  'Stop and search; cannabis found.': arrest(
    0.3,
    'DRUGS',
    ['Possession of a class B drug (cannabis)'],
    true,
  ),
  'Warrant executed; class A drugs and cash seized.': arrest(
    0.95,
    'DRUGS',
    [
      'Possession with intent to supply a class A drug',
      'Being concerned in the supply of a class A drug',
    ],
    true,
  ),
  'Cannabis cultivation found at address.': arrest(
    0.8,
    'DRUGS',
    ['Production of a class B drug (cannabis cultivation)'],
    true,
  ),
  'Shoplifting from supermarket; suspect detained by security.': arrest(
    0.7,
    'THEFT',
    ['Theft from a shop'],
    true,
  ),
  'Theft of mobile phone in the street.': arrest(
    0.25,
    'THEFT',
    ['Theft from the person', 'Robbery'],
    false,
  ),
  'Theft from motor vehicle overnight.': arrest(
    0.15,
    'THEFT',
    ['Theft from a motor vehicle'],
    false,
  ),
  'Bicycle stolen from outside the station.': arrest(
    0.1,
    'THEFT',
    ['Theft of a pedal cycle'],
    false,
  ),
};

/** Police contacts whose wording says the suspect was arrested, and for what. */
export const ARREST_BY_CONCERN: Readonly<Record<string, ArrestRule>> = {
  'Father arrested for assault on mother; children asleep upstairs.': arrest(
    1,
    'DOMESTIC_ABUSE',
    ['Assault occasioning actual bodily harm (domestic)', 'Common assault (domestic)'],
    true,
  ),
  'Young person arrested for possession of a bladed article.': arrest(
    1,
    'WEAPONS',
    ['Possession of a bladed article in a public place'],
    true,
  ),
  'Mother reports ex-partner breached non-molestation order; children at home.': arrest(
    0.8,
    'DOMESTIC_ABUSE',
    ['Breach of a non-molestation order'],
    false,
  ),
};

/** Hours a missing person was away, by the summary of the occurrence that reported it. */
export const MISSING_HOURS_BY_SUMMARY: Readonly<Record<string, readonly [number, number]>> = {
  'Young person failed to return home; located next day.': [14, 36],
  'Reported missing by parent; found at an address in another borough.': [4, 72],
  'Missing from home overnight; returned of own accord.': [6, 16],
};

// ---------------------------------------------------------------- health records

/**
 * Notes on health visiting and school nursing contacts, by kind; NOT_BROUGHT for missed
 * appointments. Routine and factual: nothing here is a sensitive health category.
 */
export const COMMUNITY_NOTES: Readonly<Record<string, readonly string[]>> = {
  NEW_BIRTH_VISIT: [
    'New birth visit at home; feeding well, weight gain appropriate.',
    'New birth visit; safe sleep advice given, family well supported.',
    'New birth visit; infant feeding and immunisation schedule discussed.',
  ],
  SIX_TO_EIGHT_WEEK_REVIEW: [
    '6-8 week review; growth on centile, no concerns identified.',
    '6-8 week review at clinic; immunisations due, parent to book with GP.',
  ],
  ONE_YEAR_REVIEW: [
    'One-year review; development within expected range.',
    'One-year review; questionnaire completed, speech to be monitored.',
  ],
  TWO_YEAR_REVIEW: [
    'Two-year review; development within expected range.',
    'Two-year review; language delay noted, referred to speech and language therapy.',
    'Two-year review; toilet training and sleep advice given.',
  ],
  HOME_VISIT: [
    'Targeted home visit; advice on safe sleep and home safety.',
    'Targeted home visit; parent supported with routines and feeding.',
  ],
  SCHOOL_ENTRY_REVIEW: [
    'Reception health review; height and weight measured, vision and hearing screened.',
    'School entry review; hearing screen referred on to audiology.',
    'School entry review; no concerns.',
  ],
  DROP_IN: [
    'School nurse drop-in; advice on sleep and healthy eating.',
    'School nurse drop-in; minor injury reviewed, advice given.',
    'School nurse drop-in; asthma care plan reviewed.',
    'School nurse drop-in; headaches, advised to see an optician.',
  ],
  SAFEGUARDING_VISIT: [
    'Safeguarding contact; health information contributed to the multi-agency plan.',
    'Attended core group; health actions reviewed.',
    "Safeguarding home visit; home conditions and the child's health reviewed.",
    'Health assessment for the multi-agency plan; immunisations brought up to date.',
  ],
  NOT_BROUGHT: [
    'Not brought to the appointment; letter sent to parent to rebook.',
    'Not brought; second missed contact, GP informed.',
    'Not brought to clinic; telephone contact unsuccessful.',
  ],
};

/** The note on a school nurse contact that led to a referral to the MASH the same day. */
export const SCHOOL_NURSE_REFERRAL_NOTE = 'School nurse contact; referral made to the MASH.';

/** Why a child was referred to CAMHS, by who is referred. */
export const CAMHS_REASONS = {
  /** Ages 5-11. */
  CHILD: [
    'Anxiety and sleep difficulties',
    'Behaviour and emotional regulation difficulties',
    'Low mood following bereavement',
    'Neurodevelopmental assessment (ADHD)',
  ],
  /** Ages 12-17. */
  TEEN: [
    'Low mood and withdrawal',
    'Anxiety affecting school attendance',
    'Eating difficulties',
    'Self-harm',
    'Panic attacks',
  ],
  /** After a mental-health attendance at unscheduled care, or a disclosure of self-harm. */
  CRISIS: ['Self-harm', 'Suicidal thoughts', 'Follow-up after overdose'],
  /** Children in households where police know of domestic abuse. */
  DOMESTIC_ABUSE: ['Trauma symptoms after witnessing domestic abuse'],
} as const;

/** Concerns midwives note at booking. '{weeks}' is the gestation at booking. */
export const MATERNITY_CONCERNS = {
  LATE_BOOKING: 'Late booking at {weeks} weeks',
  GENERAL: [
    'Substance use in pregnancy',
    'Alcohol use in pregnancy',
    'Domestic abuse disclosed at booking',
    'Missed antenatal appointments',
    'History of perinatal mental illness',
    'No recourse to public funds; unstable housing',
  ],
  UNDER_18: 'Mother aged under 18 at booking',
} as const;

/** What a pre-birth contact (PRE_BIRTH_CONCERNS) means for the mother's maternity record. */
export const MATERNITY_CONCERN_BY_PRE_BIRTH: Readonly<
  Record<string, { concern: string | null; late: boolean }>
> = {
  'Pre-birth concern: mother using substances in pregnancy.': {
    concern: 'Substance use in pregnancy',
    late: false,
  },
  'Midwife: late booking; previous children subject to child protection plans.': {
    concern: 'Previous children subject to child protection plans',
    late: true,
  },
  'Pre-birth referral: history of domestic abuse; mother 20 weeks pregnant.': {
    concern: 'History of domestic abuse',
    late: false,
  },
  'Community midwife: mother missed antenatal appointments; housing unstable.': {
    concern: 'Missed antenatal appointments; unstable housing',
    late: false,
  },
  'Health visitor: pregnant mother disclosed domestic abuse at a visit for older child.': {
    concern: 'Domestic abuse disclosed in pregnancy',
    late: false,
  },
  'Domestic abuse incident; victim is pregnant. Pre-birth concern.': {
    concern: 'Domestic abuse in pregnancy',
    late: false,
  },
  'IDVA: pregnant high-risk domestic abuse victim.': {
    concern: 'High-risk domestic abuse; IDVA involved',
    late: false,
  },
  'Another local authority: pregnant mother moved into the borough; pre-birth assessment open.': {
    concern: 'Transferred in from another area; pre-birth assessment open',
    late: true,
  },
};

/** CP plan categories of abuse, by how often plans carry them. */
export const CP_CATEGORIES: Readonly<Record<string, number>> = {
  neglect: 50,
  'emotional abuse': 37,
  'physical abuse': 8,
  'sexual abuse': 5,
};

/** Notes on coded safeguarding flags. '{category}' is a CP plan's category of abuse. */
export const FLAG_NOTES = {
  CP_PLAN: 'Child protection plan, category {category}; CP-IS flag shared with unscheduled care.',
  LOOKED_AFTER: [
    'Looked after child (section 20 accommodation); CP-IS flag.',
    'Looked after child (interim care order); CP-IS flag.',
    'Looked after child (care order); CP-IS flag.',
  ],
  CHILD_CONCERN: [
    'Safeguarding concern: referral made to the MASH.',
    "Safeguarding concern: known to children's social care; discuss with the safeguarding team.",
  ],
  MARAC: 'MARAC: high-risk domestic abuse; do not share address or contact details.',
  MARAC_CHILD: 'MARAC: high-risk domestic abuse in the household.',
  PARENT_CONCERN: [
    "Safeguarding concern: parent's health affects care of the children.",
    "Safeguarding concern: children in the household known to children's social care.",
  ],
} as const;

/** Notes on a parent's health recorded as bearing on the children, by kind. */
export const PARENTAL_CONCERN_NOTES: Readonly<Record<ParentalConcernKind, readonly string[]>> = {
  MENTAL_HEALTH: [
    'Depression; under GP review, caring for young children.',
    'Postnatal depression; perinatal mental health team involved.',
    'Known to the community mental health team; relapse plan in place.',
    'Anxiety and low mood; sole carer of the children.',
  ],
  SUBSTANCE_MISUSE: [
    'Cocaine use disclosed; referred to the drug and alcohol service.',
    'Daily cannabis use; children in the household.',
    'In treatment with the drug and alcohol service (opiate substitution).',
  ],
  ALCOHOL_MISUSE: [
    'Alcohol dependence; attending the alcohol service.',
    'Heavy drinking disclosed at consultation; children in the household.',
    'Alcohol-related attendances at unscheduled care; brief intervention offered.',
  ],
};

/**
 * Contacts (CONCERNS, PRE_BIRTH_CONCERNS) that say health knows of a parent's mental health or
 * substance use, and which kind; the concern is recorded on a parent in the household.
 */
export const PARENTAL_CONCERN_BY_CONCERN: Readonly<Record<string, ParentalConcernKind>> = {
  'Parent disclosed low mood and thoughts of self-harm; sole carer of young children.':
    'MENTAL_HEALTH',
  'GP concerned about parental alcohol use affecting care of the children.': 'ALCOHOL_MISUSE',
  'Maternal mental health concerns; possible postnatal depression.': 'MENTAL_HEALTH',
  'Adult mental health nurse concerned about parent relapse; children at home.': 'MENTAL_HEALTH',
  'Adult mental health team: parent detained under the Mental Health Act; children need care.':
    'MENTAL_HEALTH',
  'Frequent A&E attendances; parent seen intoxicated at triage.': 'ALCOHOL_MISUSE',
  'Pre-birth concern: mother using substances in pregnancy.': 'SUBSTANCE_MISUSE',
};

// ---------------------------------------------------------------- education records

/** Why a child is recorded as missing education. */
export const MISSING_EDUCATION_REASONS = {
  GENERAL: [
    'Removed from roll after 20 days unexplained absence',
    'Left the school; destination not known',
    'Believed to have moved abroad; not confirmed',
  ],
  NOT_FOUND: 'Family not found at the address on record',
} as const;

// ---------------------------------------------------------------- the front door

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
