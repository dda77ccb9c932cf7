import { CreateEducation1763800000000 } from './1763800000000-CreateEducation';

/** Every education migration, oldest first. */
export const migrations = [CreateEducation1763800000000];
