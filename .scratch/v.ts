import { buildSchema, parse, validate, specifiedRules, buildASTSchema } from 'graphql';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { buildSubgraphSchema } from '@apollo/subgraph';
const schema = buildSchema(`type Query { child(id: ID!): Child } type Child { id: ID! name: String }`);
for (const n of [300, 900, 1100]) {
  const doc = parse(`{ child(id: "x") { ${Array.from({ length: n }, () => 'id').join(' ')} } }`);
  try {
    const errs = validate(schema, doc, [...specifiedRules, costLimitRule({ maxCost: 5000 })]);
    console.log(n, errs.length, errs.slice(0, 2).map(e => e.message));
  } catch (e) { console.log(n, 'threw', String(e)); }
  try {
    const errs = validate(schema, doc, [...specifiedRules]);
    console.log(n, 'spec only', errs.length, errs.slice(0, 2).map(e => e.message));
  } catch (e) { console.log(n, 'threw', String(e)); }
}
