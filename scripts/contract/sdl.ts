import {
  Kind,
  parse,
  type ConstDirectiveNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type SelectionSetNode,
  type TypeNode,
} from 'graphql';

/**
 * What the suite reads from a partner's own SDL (`_service { sdl }`): which fields it adds to the
 * socialcare entities, what each `@requires`, and the shape of its section, so that it can ask
 * for everything a subgraph in any stack offers without knowing its field names beforehand.
 */

/** One field a subgraph adds to an entity, with the field set it `@requires` (names, nested). */
export interface RequiringField {
  type: string;
  field: string;
  /** The named type the field returns (list and non-null stripped). */
  returns: string;
  /** The required field set as a tree: name -> its own subfields (empty for a leaf). */
  requires: FieldTree;
}

/** A field set as a tree of names. */
export type FieldTree = Map<string, FieldTree>;

/** The partner's SDL, read for the clauses. */
export interface SubgraphShape {
  /** Every field of `Child` and `Adult` with `@requires`. */
  requiring: RequiringField[];
  /** The child's section: the requiring `Child` field whose type has a `match` field. */
  section: RequiringField | null;
  /** The child's chronology events: the requiring `Child` field of type `ChronologyEvent`. */
  events: RequiringField | null;
  /** A selection of every field of `type` down to `depth` levels (see `selectionOf`). */
  selection(type: string, depth: number): string;
}

/** The name of the chronology event type every agency supplies (shared/partner/chronology.ts). */
export const EVENT_TYPE = 'ChronologyEvent';
/** The event fields asked for, in the shape of shared/partner/chronology.ts. */
export const EVENT_SELECTION = 'at agency kind summary severity';

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

/** `@requires` under its default name or the federation namespace's. */
function requiresDirective(field: FieldDefinitionNode): ConstDirectiveNode | undefined {
  return field.directives?.find((d) => ['requires', 'federation__requires'].includes(d.name.value));
}

/** A field set (`"givenName matchLinks { agency }"`) as a tree of names. */
export function parseFieldSet(fields: string): FieldTree {
  const document = parse(`{ ${fields} }`);
  const operation = document.definitions[0];
  if (operation.kind !== Kind.OPERATION_DEFINITION) throw new Error(`not a field set: ${fields}`);
  return treeOf(operation.selectionSet);
}

function treeOf(set: SelectionSetNode): FieldTree {
  const tree: FieldTree = new Map();
  for (const s of set.selections) {
    // A fragment in a field set names fields too; its type condition does not matter here.
    const inner =
      s.kind === Kind.FIELD
        ? new Map([[s.name.value, s.selectionSet ? treeOf(s.selectionSet) : new Map()]])
        : s.kind === Kind.INLINE_FRAGMENT
          ? treeOf(s.selectionSet)
          : new Map([[`...${s.name.value}`, new Map()]]);
    for (const [name, sub] of inner) tree.set(name, sub);
  }
  return tree;
}

/** Object and interface fields by type name, definitions and extensions merged. */
function fieldsByType(document: DocumentNode): Map<string, FieldDefinitionNode[]> {
  const types = new Map<string, FieldDefinitionNode[]>();
  for (const d of document.definitions) {
    if (
      d.kind === Kind.OBJECT_TYPE_DEFINITION ||
      d.kind === Kind.OBJECT_TYPE_EXTENSION ||
      d.kind === Kind.INTERFACE_TYPE_DEFINITION ||
      d.kind === Kind.INTERFACE_TYPE_EXTENSION
    ) {
      types.set(d.name.value, [...(types.get(d.name.value) ?? []), ...(d.fields ?? [])]);
    }
  }
  return types;
}

/** Union names, which a selection can only ask the `__typename` of. */
function unionNames(document: DocumentNode): Set<string> {
  return new Set(
    document.definitions
      .filter((d) => d.kind === Kind.UNION_TYPE_DEFINITION || d.kind === Kind.UNION_TYPE_EXTENSION)
      .map((d) => (d as { name: { value: string } }).name.value),
  );
}

/** Fields a client may ask for without arguments (none, or each optional). */
function askable(field: FieldDefinitionNode): boolean {
  return (field.arguments ?? []).every(
    (a) => a.type.kind !== Kind.NON_NULL_TYPE || a.defaultValue !== undefined,
  );
}

/**
 * A selection of every askable field of `type`, `depth` levels down: a leaf by its name, an
 * object's fields (or its `__typename` at the bottom), a union's `__typename`. The federation's own
 * fields (`_entities`, `_service`) are left out.
 */
export function selectionOf(document: DocumentNode, type: string, depth: number): string {
  const types = fieldsByType(document);
  const unions = unionNames(document);
  const select = (name: string, left: number): string => {
    const fields = (types.get(name) ?? []).filter(
      (f) => askable(f) && !f.name.value.startsWith('_'),
    );
    return fields
      .map((f) => {
        const inner = namedType(f.type);
        if (unions.has(inner)) return `${f.name.value} { __typename }`;
        if (!types.has(inner)) return f.name.value;
        return `${f.name.value} { ${left > 1 ? select(inner, left - 1) || '__typename' : '__typename'} }`;
      })
      .join(' ');
  };
  return select(type, depth);
}

/** Reads a partner's SDL. Throws when it does not parse. */
export function readShape(sdl: string): SubgraphShape {
  const document = parse(sdl);
  const types = fieldsByType(document);
  const requiring: RequiringField[] = [];
  for (const type of ['Child', 'Adult']) {
    for (const field of types.get(type) ?? []) {
      const directive = requiresDirective(field);
      const fields = directive?.arguments?.find((a) => a.name.value === 'fields')?.value;
      if (!directive || fields?.kind !== Kind.STRING) continue;
      requiring.push({
        type,
        field: field.name.value,
        returns: namedType(field.type),
        requires: parseFieldSet(fields.value),
      });
    }
  }
  const onChild = requiring.filter((r) => r.type === 'Child');
  return {
    requiring,
    section:
      onChild.find((r) => (types.get(r.returns) ?? []).some((f) => f.name.value === 'match')) ??
      null,
    events: onChild.find((r) => r.returns === EVENT_TYPE) ?? null,
    selection: (type, depth) => selectionOf(document, type, depth),
  };
}
