import path from 'node:path';
import { Kind, parse, type EnumTypeDefinitionNode } from 'graphql';
import { readSchemaFiles } from '../../shared/subgraph';
import { RAG_RATINGS } from '../../subgraphs/socialcare/clocks';
import * as screens from '../../web/app/src/code-lists';

// Every list of codes is the schema's: the server's own lists and the workbench's choices are
// checked against socialcare's SDL, so a code added in one place and forgotten in another fails.

const SDL = parse(readSchemaFiles(path.resolve(__dirname, '../../subgraphs/socialcare')));

/** The values of one of socialcare's enums, in the SDL's order. */
function enumValues(name: string): string[] {
  const node = SDL.definitions.find(
    (d): d is EnumTypeDefinitionNode =>
      d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === name,
  );
  if (!node) throw new Error(`socialcare's SDL has no enum ${name}`);
  return (node.values ?? []).map((v) => v.name.value);
}

describe('the RAG ratings', () => {
  it('are one list, most urgent first, that the SDL and the workbench repeat exactly', () => {
    expect({ sdl: enumValues('Rag'), workbench: [...screens.RAGS] }).toEqual({
      sdl: [...RAG_RATINGS],
      workbench: [...RAG_RATINGS],
    });
  });
});

describe("the workbench's choices", () => {
  it.each([
    ['STAGES', 'ContactStage', [...screens.STAGES]],
    ['OUTCOMES', 'ContactOutcome', Object.keys(screens.OUTCOMES)],
    ['CONSENT', 'ConsentPosition', Object.keys(screens.CONSENT)],
    ['CHECK_OUTCOMES', 'PartnerCheckOutcome', Object.keys(screens.CHECK_OUTCOMES)],
    ['EARLY_HELP_RESPONSES', 'EarlyHelpResponse', Object.keys(screens.EARLY_HELP_RESPONSES)],
    ['CLOSURE_REASONS', 'EarlyHelpClosureReason', Object.keys(screens.CLOSURE_REASONS)],
  ])('%s are the values of enum %s', (_list, sdlEnum, values) => {
    expect(values).toEqual(enumValues(sdlEnum));
  });
});
