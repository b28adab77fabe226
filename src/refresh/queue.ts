// The members a refresh run works through, each once: first those found in the tag servers' member
// lists (judged from the list's user object), then every other due member, read one by one.
import type { Member, MemberStore, RefreshCursor } from '../db/members.js';
import { IdSet } from './id-set.js';
import { listedMembers, type ListedMember, type MemberListsInput } from './member-lists.js';

export interface QueueInput {
  store: MemberStore;
  cutoff: number;
  userId: string | undefined;
  /** Rows per database page. */
  pageSize: number;
  /** How to read the lists, or why not. */
  lists: Omit<MemberListsInput, 'handled' | 'listsOnly'> | 'none' | 'no bot token';
  /** Only the listed members (the gateway's catch-up sweep). */
  listsOnly: boolean;
  notice: (text: string) => void;
}

export function memberQueue(input: QueueInput): AsyncGenerator<ListedMember> {
  if (input.lists === 'no bot token')
    input.notice('DISCORD_BOT_TOKEN is not set: every member is read with their own token.');
  // Members already handed on: one in two tag servers' lists, or listed and due in the database.
  const handled = new IdSet();
  const lists =
    typeof input.lists === 'string' ? [] : listedMembers({ ...input.lists, handled, listsOnly: input.listsOnly });
  const rest = input.listsOnly ? [] : stream(input.store, input.cutoff, input.userId, input.pageSize);
  return work(lists, rest, handled);
}

async function* work(
  lists: AsyncIterable<ListedMember> | Iterable<ListedMember>,
  rest: Iterable<Member>,
  handled: IdSet,
): AsyncGenerator<ListedMember> {
  yield* lists;
  for (const member of rest) if (!handled.has(member.userId)) yield { member };
}

/** Members page by page: memory stays flat however many there are. */
function* stream(store: MemberStore, cutoff: number, userId: string | undefined, limit: number): Generator<Member> {
  let after: RefreshCursor | null = null;
  for (;;) {
    const page: Member[] = store.toRefresh({ cutoff, after, limit, userId });
    yield* page;
    const last = page.at(-1);
    if (!last || page.length < limit) return;
    after = { lastObservedAt: last.lastObservedAt, userId: last.userId };
  }
}
