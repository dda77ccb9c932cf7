import { Entity, PrimaryColumn } from 'typeorm';

/** A UPN a pupil used to have; a child may still be known elsewhere by it. */
@Entity({ name: 'pupil_former_upns' })
export class FormerUpn {
  @PrimaryColumn({ name: 'pupil_id', type: 'text' })
  pupilId: string;

  @PrimaryColumn({ name: 'upn', type: 'text' })
  upn: string;
}
