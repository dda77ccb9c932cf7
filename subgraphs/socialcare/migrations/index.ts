import { CreateSocialcare1763800000000 } from './1763800000000-CreateSocialcare';

/** Every socialcare migration, oldest first. */
export const migrations = [CreateSocialcare1763800000000];
