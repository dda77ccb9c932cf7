/**
 * Police in words: occurrence summaries by category and the DASH levels they state; intelligence
 * content by theme and subject, and the conditions on C-coded items; how an offence is worded on
 * arrest, which occurrences and contacts lead to one, and how long a missing person was away.
 * Every sentence is invented; none comes from a real case.
 */
import type { OccurrenceCategory, OffenceCategory } from '../world/types';

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
