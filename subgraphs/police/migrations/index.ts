import { CreatePolice1763800000000 } from './1763800000000-CreatePolice';

/** Every police migration, oldest first. */
export const migrations = [CreatePolice1763800000000];
