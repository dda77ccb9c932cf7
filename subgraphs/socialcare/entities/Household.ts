import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A household known to the local authority: where a child lives, with the adults there. */
@Entity({ name: 'households' })
export class Household {
  @PrimaryColumn({ name: 'id', type: 'text' })
  id: string;

  @Column({ name: 'address_line', type: 'text' })
  addressLine: string;

  @Column({ name: 'postcode', type: 'text' })
  postcode: string;
}
