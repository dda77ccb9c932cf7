/**
 * The DfE codes education records carry, with the descriptions a practitioner reads. The
 * migration's CHECK constraints list the same codes (a migration is history, so it spells them out
 * rather than importing these); the integration test checks the two agree.
 */

/**
 * Suspension and permanent exclusion reasons (school census, exclusions collection). The census
 * revised its list in 2020/21 and again in 2024/25; records keep the code they were filed with, so
 * older codes (PD, OT, WP, PH) stay valid beside the newer ones.
 */
export const EXCLUSION_REASONS: Readonly<Record<string, string>> = {
  PP: 'Physical assault against a pupil',
  PA: 'Physical assault against an adult',
  VP: 'Verbal abuse or threatening behaviour against a pupil',
  VA: 'Verbal abuse or threatening behaviour against an adult',
  OW: 'Use or threat of use of an offensive weapon or prohibited item',
  BW: 'Found to have brought a weapon or prohibited item into school',
  WP: 'Use or threat of use of an offensive weapon or prohibited item',
  BU: 'Bullying',
  TB: 'Cyber-bullying or threatening behaviour online',
  RA: 'Racist abuse',
  LG: 'Abuse against sexual orientation and gender identity',
  DS: 'Abuse relating to disability',
  SM: 'Sexual misconduct',
  SB: 'Harmful sexual behaviour',
  MB: 'Misogynistic behaviour',
  AB: 'Misandrist behaviour',
  DA: 'Drug and alcohol related',
  DR: 'Drug related',
  AR: 'Alcohol related',
  SR: 'Smoking related',
  VR: 'Vaping related',
  DM: 'Damage to property',
  TH: 'Theft',
  PD: 'Persistent disruptive behaviour',
  LD: 'Persistent disruptive behaviour: low-level disruption',
  CB: 'Persistent disruptive behaviour: challenging behaviour',
  DB: 'Persistent or general disruptive behaviour',
  MT: 'Inappropriate use of social media or online technology',
  MP: 'Use of a mobile phone',
  OS: 'Misbehaviour outside school',
  PH: 'Wilful and repeated transgression of measures in place to protect public health',
  OT: 'Other',
};

/** SEN primary type of need (school census and SEN2). */
export const PRIMARY_NEEDS: Readonly<Record<string, string>> = {
  SPLD: 'Specific learning difficulty',
  MLD: 'Moderate learning difficulty',
  SLD: 'Severe learning difficulty',
  PMLD: 'Profound and multiple learning difficulty',
  SEMH: 'Social, emotional and mental health',
  SLCN: 'Speech, language and communication needs',
  HI: 'Hearing impairment',
  VI: 'Visual impairment',
  MSI: 'Multi-sensory impairment',
  PD: 'Physical disability',
  ASD: 'Autistic spectrum disorder',
  OTH: 'Other difficulty or disability',
  NSA: 'SEN support but no specialist assessment of type of need',
};

/** The description of a code, or a plain statement that the code is not one this service knows. */
export function describeCode(table: Readonly<Record<string, string>>, code: string): string {
  return Object.hasOwn(table, code) ? table[code] : `Unrecognised code ${code}`;
}
