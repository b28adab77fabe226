import t from 'tap';
import { diffSchema, formatDiff, isEmptyDiff } from '../../src/metadata/schema-diff.js';

const a = { key: 'a', name: 'A', description: 'first', type: 7 };
const b = { key: 'b', name: 'B', description: 'second', type: 2 };

t.test('identical schemas, whatever the localization spelling', async (t) => {
  const diff = diffSchema(
    [{ ...a, name_localizations: null as never }, b],
    [{ ...a, name_localizations: {} }, { ...b }],
  );
  t.ok(isEmptyDiff(diff));
  t.equal(formatDiff(diff), '');
  t.ok(
    isEmptyDiff(
      diffSchema(
        [{ ...a, name_localizations: { fr: 'x', de: 'y' } }],
        [{ ...a, name_localizations: { de: 'y', fr: 'x' } }],
      ),
    ),
  );
});

t.test('added, removed, changed, retyped, reordered', async (t) => {
  const diff = diffSchema(
    [a, b],
    [
      { ...b, name: 'Bee', type: 3 },
      { key: 'c', name: 'C', description: 'third', type: 1, description_localizations: { fr: 'troisième' } },
    ],
  );
  t.same(
    diff.added.map((r) => r.key),
    ['c'],
  );
  t.same(
    diff.removed.map((r) => r.key),
    ['a'],
  );
  t.same(diff.changed, [
    {
      key: 'b',
      changes: [
        { field: 'type', from: 2, to: 3 },
        { field: 'name', from: 'B', to: 'Bee' },
      ],
    },
  ]);
  t.same(diff.dangerous, ['b changes type from INTEGER_GREATER_THAN_OR_EQUAL to INTEGER_EQUAL', 'a is removed']);
  t.equal(diff.reordered, false);
  t.equal(
    formatDiff(diff),
    [
      '+ add c (INTEGER_LESS_THAN_OR_EQUAL)',
      '    name: "C"',
      '    description: "third"',
      '    description_localizations.fr: "troisième"',
      '- remove a (BOOLEAN_EQUAL)',
      '    name: "A"',
      '    description: "first"',
      '~ change b',
      '    type: INTEGER_GREATER_THAN_OR_EQUAL → INTEGER_EQUAL',
      '    name: "B" → "Bee"',
    ].join('\n'),
  );
  const order = diffSchema([a, b], [b, a]);
  t.equal(
    formatDiff(
      diffSchema(
        [{ ...a, name_localizations: { de: 'Alt', fr: 'A', it: 'uguale' } }],
        [{ ...a, name_localizations: { de: 'Neu', it: 'uguale', ja: 'エー' } }],
      ),
    ),
    [
      '~ change a',
      '    name_localizations.de: "Alt" → "Neu"',
      '    name_localizations.fr: "A" → (none)',
      '    name_localizations.ja: (none) → "エー"',
    ].join('\n'),
    'a localization change names each language it adds, changes or removes',
  );
  t.ok(order.reordered);
  t.notOk(isEmptyDiff(order));
  t.equal(order.dangerous.length, 0);
  t.equal(formatDiff(order), '~ change the order of the records');
});
