import t from 'tap';
import { BOT_TOKEN, CLIENT_ID, bearer, emulator, jsonInit } from './helpers.js';

const path = `/applications/${CLIENT_ID}/role-connections/metadata`;
const bot = { Authorization: `Bot ${BOT_TOKEN}` };
const record = (over: Record<string, unknown> = {}) => ({
  type: 7,
  key: 'tag_worn',
  name: 'Wears the tag',
  description: 'Shows the server tag',
  ...over,
});

t.test('PUT stores the schema and GET returns it', async (t) => {
  const emu = await emulator(t);
  const empty = await emu.call(path, { headers: bot });
  t.equal(empty.status, 200);
  t.same(await empty.json(), []);

  const schema = [
    record({ name_localizations: { fr: 'Porte le tag' }, description_localizations: null }),
    record({ type: 6, key: 'tag_since', name: 'Days wearing', description: 'Days since the tag was first seen' }),
  ];
  const put = await emu.call(
    path,
    jsonInit(
      'PUT',
      schema.map((r) => ({ ...r, extra: 'dropped' })),
      bot,
    ),
  );
  t.equal(put.status, 200);
  t.same(await put.json(), schema, 'returns the records without unknown fields');
  t.same(emu.state.metadataSchema, schema);
  t.same(await (await emu.call(path, { headers: bot })).json(), schema);

  t.equal((await emu.call(path, jsonInit('PUT', [], bot))).status, 200, 'an empty list clears it');
  t.same(emu.state.metadataSchema, []);
  t.equal(
    (
      await emu.call(
        path,
        jsonInit(
          'PUT',
          [1, 2, 3, 4, 5].map((n) => record({ key: `k${n}` })),
          bot,
        ),
      )
    ).status,
    200,
    'five is allowed',
  );
});

t.test('the bot token and application id are checked', async (t) => {
  const emu = await emulator(t);
  const unauthorized = { message: '401: Unauthorized', code: 0 };
  for (const headers of [{}, { Authorization: 'Bot wrong' }, { Authorization: BOT_TOKEN }, bearer(BOT_TOKEN)]) {
    const res = await emu.call(path, { headers });
    t.equal(res.status, 401, JSON.stringify(headers));
    t.same(await res.json(), unauthorized);
  }
  const { access } = await emu.login();
  t.equal(
    (await emu.call(path, jsonInit('PUT', [], bearer(access)))).status,
    401,
    'a user token cannot write the schema',
  );

  const unknown = await emu.call('/applications/999999999999999999/role-connections/metadata', { headers: bot });
  t.equal(unknown.status, 404);
  t.same(await unknown.json(), { message: 'Unknown Application', code: 10002 });
  t.equal(emu.state.invalidRequests, 5, '401s count as invalid requests, 404s do not');
});

t.test('validation errors are keyed by index, whole-array ones sit in errors._errors', async (t) => {
  const emu = await emulator(t);
  emu.state.metadataSchema = [record()];
  const put = async (body: unknown): Promise<Record<string, unknown>> => {
    const res = await emu.call(path, jsonInit('PUT', body, bot));
    t.equal(res.status, 400, JSON.stringify(body).slice(0, 70));
    const json = (await res.json()) as Record<string, unknown>;
    t.match(json, { code: 50035, message: 'Invalid Form Body' });
    return json.errors as Record<string, unknown>;
  };
  const leaf = (code: string) => ({ _errors: [{ code, message: String }] });

  t.match(await put([1, 2, 3, 4, 5, 6].map((n) => record({ key: `k${n}` }))), leaf('BASE_TYPE_MAX_LENGTH'));
  t.match(await put({ items: [] }), leaf('LIST_TYPE_CONVERT'));
  t.match(await put(['x']), { 0: leaf('DICT_TYPE_CONVERT') });
  t.match(await put([record({ key: 'Tag-Worn' })]), { 0: { key: leaf('STRING_TYPE_REGEX') } });
  t.match(await put([record({ key: 'k'.repeat(51) })]), { 0: { key: leaf('BASE_TYPE_MAX_LENGTH') } });
  t.match(await put([record({ key: '' })]), { 0: { key: leaf('BASE_TYPE_MIN_LENGTH') } });
  t.match(await put([record(), record({ type: 1 })]), { 1: { key: leaf('DUPLICATE_KEY') } });
  t.match(await put([record({ type: 0 })]), { 0: { type: leaf('BASE_TYPE_CHOICES') } });
  t.match(await put([record({ type: 9 })]), { 0: { type: leaf('BASE_TYPE_CHOICES') } });
  t.match(await put([record({ type: '7' })]), { 0: { type: leaf('NUMBER_TYPE_COERCE') } });
  t.match(await put([record({ type: 1.5 })]), { 0: { type: leaf('NUMBER_TYPE_COERCE') } });
  t.match(await put([{ key: 'a' }]), {
    0: { type: leaf('BASE_TYPE_REQUIRED'), name: leaf('BASE_TYPE_REQUIRED'), description: leaf('BASE_TYPE_REQUIRED') },
  });
  t.match(await put([record({ name: '' })]), { 0: { name: leaf('BASE_TYPE_MIN_LENGTH') } });
  t.match(await put([record({ name: 'n'.repeat(101) })]), { 0: { name: leaf('BASE_TYPE_MAX_LENGTH') } });
  t.match(await put([record({ description: 'd'.repeat(201) })]), { 0: { description: leaf('BASE_TYPE_MAX_LENGTH') } });
  t.match(await put([record({ name_localizations: { xx: 'Nom' } })]), {
    0: { name_localizations: { xx: leaf('BASE_TYPE_CHOICES') } },
  });
  t.match(await put([record({ name_localizations: { fr: 'n'.repeat(101) } })]), {
    0: { name_localizations: { fr: leaf('BASE_TYPE_MAX_LENGTH') } },
  });
  t.match(await put([record({ description_localizations: { de: '' } })]), {
    0: { description_localizations: { de: leaf('BASE_TYPE_MIN_LENGTH') } },
  });
  t.match(await put([record({ description_localizations: ['de'] })]), {
    0: { description_localizations: leaf('DICT_TYPE_CONVERT') },
  });
  t.match(
    await put([record(), record({ key: 'b', name: '' })]),
    { 1: { name: leaf('BASE_TYPE_MIN_LENGTH') } },
    'later indexes too',
  );
  t.same(emu.state.metadataSchema, [record()], 'a refused PUT changes nothing');

  const text = await emu.call(path, { method: 'PUT', headers: { ...bot, 'Content-Type': 'text/plain' }, body: '[]' });
  t.equal(text.status, 400);
  t.match(await text.json(), { code: 50035, errors: leaf('CONTENT_TYPE_INVALID') });
});
