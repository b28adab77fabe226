import t from 'tap';
import { METADATA_SCHEMA } from '../../src/metadata/connection.js';
import { recordLabel, validateSchema } from '../../src/metadata/schema-rules.js';

t.test('our own schema is valid', async (t) => {
  t.same(validateSchema(METADATA_SCHEMA), []);
});

t.test('boundaries of every rule', async (t) => {
  const ok = { key: 'k', name: 'n', description: 'd', type: 1 };
  t.same(
    validateSchema([{ ...ok, key: 'a'.repeat(50), name: 'n'.repeat(100), description: 'd'.repeat(200), type: 8 }]),
    [],
  );
  t.same(
    validateSchema([
      { ...ok, name_localizations: { 'en-US': 'x'.repeat(100) }, description_localizations: null as never },
    ]),
    [],
  );
  t.match(validateSchema([{ ...ok, key: 'a'.repeat(51) }]), [/key must be/]);
  t.match(validateSchema([{ ...ok, key: '' }]), [/record 1: key must be/]);
  t.match(validateSchema([{ ...ok, name: 'n'.repeat(101) }]), [/name must be text of 1 to 100/]);
  t.match(validateSchema([{ ...ok, type: 0 as never }]), [/type must be an integer/]);
  t.match(validateSchema([{ ...ok, type: 1.5 as never }]), [/type must be an integer/]);
  t.match(validateSchema([{ ...ok, name_localizations: { fr: 'x'.repeat(101) } }]), [
    /name_localizations.fr must be text of 1 to 100/,
  ]);
  t.match(validateSchema([{ ...ok, name_localizations: ['x'] as never }]), [/must be an object of locale/]);
  t.equal(validateSchema(Array.from({ length: 6 }, (_, i) => ({ ...ok, key: `k${i}` }))).length, 1);
  t.equal(recordLabel(undefined, 4), 'record 5');
});
