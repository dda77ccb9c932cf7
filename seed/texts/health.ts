/**
 * Health in words: presenting reasons at unscheduled care (and which of them are sensitive), notes
 * on health visiting and school nursing contacts, CAMHS reasons, maternity concerns, CP plan
 * categories, safeguarding flag notes and parental health concerns. Every sentence is invented;
 * none comes from a real case.
 */
import type { ParentalConcernKind, SensitiveCategory } from '../world/types';

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
