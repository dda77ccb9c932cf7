import { addAllocations, RECEIVING_TEAM, TEAM_WORKERS } from '../../seed/allocations';
import { Rng } from '../../seed/random';
import { generateWorld, type World } from '../../seed/world';
import { LEAD_AGENCY } from '../../shared/agencies';

// What the seed gives Annex A lists 3 and 4: allocations, child seen, disability.

const SEED = 7;
const SCALE = 0.05;
const AS_OF = new Date('2026-11-20T12:00:00Z');

const share = (part: number, whole: number) => Math.round((part / whole) * 100);

describe('the generated allocations, child seen and disability', () => {
  let world: World;
  beforeAll(() => {
    world = generateWorld({ seed: SEED, scale: SCALE, asOf: AS_OF });
  });

  it('allocates every accepted referral to a registered socialcare team and one of its workers, and none not yet accepted', () => {
    const registered = new Set(LEAD_AGENCY.teams.map((t) => t.name));
    const accepted = world.socialcare.referrals.filter((r) => r.completedAt !== null);
    const open = world.socialcare.referrals.filter((r) => r.completedAt === null);
    expect({
      teamsRegistered: accepted.every((r) => registered.has(r.allocatedTeam ?? '')),
      workersOfTheTeam: accepted.every((r) =>
        TEAM_WORKERS[r.allocatedTeam ?? ''].includes(r.allocatedWorker ?? ''),
      ),
      // Most go to the receiving team; the MASH team that made it keeps about one in eight.
      mostlyReceivingTeam:
        share(accepted.filter((r) => r.allocatedTeam === RECEIVING_TEAM).length, accepted.length) >
        80,
      openUnallocated: open.every((r) => r.allocatedTeam === null && r.allocatedWorker === null),
    }).toEqual({
      teamsRegistered: true,
      workersOfTheTeam: true,
      mostlyReceivingTeam: true,
      openUnallocated: true,
    });
  });

  it('gives each team a handful of workers', () => {
    for (const workers of Object.values(TEAM_WORKERS)) {
      expect(workers.length).toBeGreaterThanOrEqual(4);
      expect(workers.length).toBeLessThanOrEqual(8);
    }
  });

  it('records the child as seen in nearly every assessment, and an allocation in every one', () => {
    const assessments = world.socialcare.assessments;
    expect(
      share(assessments.filter((a) => a.childSeen === true).length, assessments.length),
    ).toBeGreaterThanOrEqual(93);
    expect(assessments.every((a) => a.allocatedTeam && a.allocatedWorker)).toBe(true);
  });

  it('records a disability for about 13% of children referred, mostly no for the rest, and nothing for children only contacted', () => {
    const referred = new Set(world.socialcare.referrals.map((r) => r.childId));
    const inNeed = world.socialcare.children.filter((c) => referred.has(c.id));
    const others = world.socialcare.children.filter((c) => !referred.has(c.id));
    const yes = share(inNeed.filter((c) => c.disability === 'YES').length, inNeed.length);
    const no = share(inNeed.filter((c) => c.disability === 'NO').length, inNeed.length);
    expect({
      yes: yes >= 10 && yes <= 16,
      no: no >= 75,
      others: others.every((c) => c.disability === null),
    }).toEqual({
      yes: true,
      no: true,
      others: true,
    });
  });

  it('draws the same values again from the same rows and stream', () => {
    const again = structuredClone({
      children: world.socialcare.children,
      contacts: world.socialcare.contacts,
      referrals: world.socialcare.referrals,
      assessments: world.socialcare.assessments,
    });
    addAllocations(again, new Rng(SEED, 'allocations'));
    expect(again.children).toEqual(world.socialcare.children);
    expect(again.referrals).toEqual(world.socialcare.referrals);
    expect(again.assessments).toEqual(world.socialcare.assessments);
  });
});
