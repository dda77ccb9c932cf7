import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A risk of serious harm (RoSH) assessment: a level for each group who may be harmed (LOW,
 * MEDIUM, HIGH or VERY_HIGH), as the offender manager rated it on the day.
 */
@Entity({ name: 'risk_assessments' })
export class RiskAssessment {
  @PrimaryColumn({ name: 'id', type: 'text' })
  id: string;

  @Column({ name: 'offender_id', type: 'text' })
  offenderId: string;

  @Column({ name: 'assessed_on', type: 'date' })
  assessedOn: string;

  @Column({ name: 'risk_to_children', type: 'text' })
  riskToChildren: string;

  @Column({ name: 'risk_to_known_adult', type: 'text' })
  riskToKnownAdult: string;

  @Column({ name: 'risk_to_public', type: 'text' })
  riskToPublic: string;
}
