import { href } from '../../router';
import { looksUpChildren, type User } from '../../session';
import { childName, type Episode } from './episode';

/** The child's name, a link to the child's page for a user who may look children up. */
export function ChildName({ child, user }: { child: Episode['child']; user: User }) {
  if (!child) return <span className="muted">Not shown</span>;
  return looksUpChildren(user) ? (
    <a href={href('child', child.id)}>{childName(child)}</a>
  ) : (
    <>{childName(child)}</>
  );
}
