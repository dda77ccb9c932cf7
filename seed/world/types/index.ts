/**
 * The shape of one generated synthetic borough, by part: what each agency holds (each part goes
 * into that agency's database only) and the ground truth of who is who across agencies.
 *
 * Dates are 'YYYY-MM-DD' strings (local dates); instants are ISO 8601 strings in UTC ('...Z').
 */
export * from './common';
export * from './socialcare';
export * from './police';
export * from './health';
export * from './education';
export * from './probation';
export * from './truth';
