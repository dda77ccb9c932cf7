/**
 * Education in words: why a child is recorded as missing education. Invented, like every text of
 * the generated world.
 */
/** Why a child is recorded as missing education. */
export const MISSING_EDUCATION_REASONS = {
  GENERAL: [
    'Removed from roll after 20 days unexplained absence',
    'Left the school; destination not known',
    'Believed to have moved abroad; not confirmed',
  ],
  NOT_FOUND: 'Family not found at the address on record',
} as const;
