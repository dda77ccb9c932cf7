import {
  describeInvalidCell,
  firstInvalidCell,
  invalidCells,
  loadAnnexARules,
} from '../support/annex-a-rules';

// The checker the Annex A conformance test runs, on hand-made lists: it must find each kind of
// bad cell, and pass good ones, or the conformance test could not fail.

const rules = loadAnnexARules();

const LIST_1_HEADER =
  'Child Unique ID,Gender,Ethnicity,Date of Birth,Age of Child (Years),Date of Contact,Contact Source';
const GOOD_ROW = 'PABC,b) Female,a) WBRI,01/04/2010,8,01/03/2019,q) 6: Police';
const list1 = (...rows: string[]) => [LIST_1_HEADER, ...rows].join('\n') + '\n';

describe('the Annex A rules checker', () => {
  it('names the schema it was transcribed from', () => {
    expect(rules.source).toMatchObject({
      repository: 'https://github.com/SocialFinanceDigitalLabs/liia-tools',
      path: 'liiatools/annex_a_pipeline/spec/Annex_A_schema.yml',
    });
    expect(Object.keys(rules.lists)).toEqual(['1', '2', '3', '4']);
  });

  it('passes a list whose every cell keeps the rules, blanks where the rules allow them', () => {
    expect(
      firstInvalidCell(
        rules,
        '1',
        list1(GOOD_ROW, 'PDEF,c) Not stated/recorded,s) NOBT,,,31/10/2019,u) 10: Unknown'),
      ),
    ).toBeNull();
  });

  it('finds a bare ethnicity code, with its list, row, column and rule', () => {
    const cell = firstInvalidCell(rules, '1', list1(GOOD_ROW, GOOD_ROW.replace('a) WBRI', 'WBRI')));
    expect(cell).toEqual({
      list: '1',
      row: 2,
      column: 'Ethnicity',
      value: 'WBRI',
      rule: 'must be one of the ethnicity codes',
    });
    expect(describeInvalidCell(cell!)).toBe(
      'list 1, row 2, column "Ethnicity": "WBRI" must be one of the ethnicity codes',
    );
  });

  it('finds a blank in a column that may not be blank', () => {
    expect(firstInvalidCell(rules, '1', list1(GOOD_ROW.replace('a) WBRI', '')))).toEqual({
      list: '1',
      row: 1,
      column: 'Ethnicity',
      value: '',
      rule: 'must not be blank',
    });
  });

  it('finds a date not written dd/mm/yyyy, and one that is no date', () => {
    const found = invalidCells(
      rules,
      '1',
      list1(
        GOOD_ROW.replace('01/03/2019', '2019-03-01'),
        GOOD_ROW.replace('01/04/2010', '31/02/2010'),
      ),
      10,
    );
    expect(found.map((c) => [c.row, c.column, c.value])).toEqual([
      [1, 'Date of Contact', '2019-03-01'],
      [2, 'Date of Birth', '31/02/2010'],
    ]);
  });

  it('finds an age that is not a whole number and a bare source code', () => {
    const found = invalidCells(
      rules,
      '1',
      list1(GOOD_ROW.replace(',8,', ',8.5,').replace('q) 6: Police', '6')),
      10,
    );
    expect(found.map((c) => [c.column, c.rule])).toEqual([
      ['Age of Child (Years)', 'must be a whole number'],
      ['Contact Source', 'must be one of the source codes'],
    ]);
  });

  it('finds a wrong heading before any row', () => {
    const text = list1(GOOD_ROW).replace('Date of Contact', 'Contact Date');
    expect(firstInvalidCell(rules, '1', text)).toMatchObject({
      row: 0,
      column: 'Date of Contact',
      value: 'Contact Date',
    });
  });

  it("checks list 4's yes, no and unknown columns, which may not be blank", () => {
    const header = rules.lists['4'].columns.map((c) => c.name);
    const row = [
      'P1',
      'a) Male',
      'j) AIND',
      '30/09/2009',
      '7',
      'c) Unknown',
      '03/07/2017',
      '',
      '29/09/2017',
      'b) No',
      'Assessment Team 2',
      'Sam Carter',
    ];
    const text = [header, row].map((r) => r.map((c) => JSON.stringify(c)).join(',')).join('\n');
    expect(firstInvalidCell(rules, '4', text)).toMatchObject({
      row: 1,
      column: 'Child Seen During Continuous Assessment',
      rule: 'must not be blank',
    });
  });
});
