/** DfE children-in-need census contact and referral source codes with their labels. */
export const CONTACT_SOURCES: Record<string, string> = {
  '1A': 'Individual: family member, relative or carer',
  '1B': 'Individual: acquaintance',
  '1C': 'Individual: self',
  '1D': 'Individual: other',
  '2A': 'Schools',
  '2B': 'Education services',
  '3A': 'Health services: GP',
  '3B': 'Health services: health visitor',
  '3C': 'Health services: school nurse',
  '3D': 'Health services: other primary health services',
  '3E': 'Health services: A&E',
  '3F': 'Health services: other',
  '4': 'Housing',
  '5A': 'LA services: social care (e.g. adults)',
  '5B': 'LA services: other internal',
  '5C': 'LA services: another local authority',
  '5D': 'LA services: early help',
  '6': 'Police',
  '7': 'Other legal agency',
  '8': 'Other',
  '9': 'Anonymous',
  '10': 'Unknown',
};

/**
 * The contact source codes in the census's order, 1A ... 9, 10: by number, then letter (an object
 * lists its integer-like keys first, so `Object.keys(CONTACT_SOURCES)` is not that order).
 */
export const CONTACT_SOURCE_CODES: readonly string[] = Object.keys(CONTACT_SOURCES).sort(
  (a, b) => parseInt(a, 10) - parseInt(b, 10) || (a < b ? -1 : 1),
);

/** The schema's ContactOutcome values in its order: the outcomes of a threshold decision (DfE wording). */
export const CONTACT_OUTCOMES = [
  'NO_FURTHER_ACTION',
  'ADVICE_AND_SIGNPOST',
  'STEP_DOWN_TO_EARLY_HELP',
  'ASSESSMENT_REQUIRED',
  'STRATEGY_DISCUSSION',
  'OTHER',
];

/**
 * DfE children-in-need census ethnicity codes in the census's order: White (WBRI ... WROM), Mixed
 * (MWBC ... MOTH), Asian (AIND ... AOTH), Black (BCRB ... BOTH), Chinese, any other (OOTH), then
 * refused (REFU) and information not yet obtained (NOBT).
 */
export const ETHNICITY_CODES: readonly string[] = [
  'WBRI',
  'WIRI',
  'WIRT',
  'WOTH',
  'WROM',
  'MWBC',
  'MWBA',
  'MWAS',
  'MOTH',
  'AIND',
  'APKN',
  'ABAN',
  'AOTH',
  'BCRB',
  'BAFR',
  'BOTH',
  'CHNE',
  'OOTH',
  'REFU',
  'NOBT',
];
