import { CreateHealth1763800000000 } from './1763800000000-CreateHealth';

/** Every health migration, oldest first. */
export const migrations = [CreateHealth1763800000000];
