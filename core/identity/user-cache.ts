import type { Database } from '../ports/database.ts';
import { findUser, type User } from './users.ts';

// Oldest first out past this: a city has a few thousand staff, so the bound only holds off a flood of citizens.
const maxUsers = 10_000;

/** Sent by the triggers of migration 0024, with the user's id, when a user, its roles or its grids change. */
export const userChangedChannel = 'citycase_user_changed';

export interface UserCache {
  /** The user as it is now (deactivation included), or null. */
  find(id: number): Promise<User | null>;
  /** Forget a user at once, after this process changed it: the notification arrives a moment after the commit. */
  forget(id: number): void;
  close(): Promise<void>;
}

/**
 * The users behind the tokens this process sees, so an authenticated request does not read its caller's row,
 * roles and grids every time (on a busy server that read was a third of the inbox's queries). Each process is told
 * of every committed change through LISTEN, from any process or from SQL typed by hand. An answer is kept only while
 * the notifications can arrive, and only if no change was announced while it was being read: a read that raced a
 * change could have seen the row before it.
 */
export async function openUserCache(db: Database): Promise<UserCache> {
  const users = new Map<number, User>();
  let changes = 0;
  let listening = true;
  const forget = (id: number) => {
    changes++;
    users.delete(id);
  };
  const stop = await db.listen(
    userChangedChannel,
    (payload) => forget(Number(payload)),
    (now) => {
      listening = now;
      changes++;
      users.clear();
    },
  );
  return {
    async find(id) {
      const known = users.get(id);
      if (known) return known;
      const before = changes;
      const user = await findUser(db, { id });
      if (user && listening && before === changes) {
        if (users.size >= maxUsers) users.delete(users.keys().next().value as number);
        // Shared by every request of this user from now on: frozen, so no handler can change it for the others.
        Object.freeze(user.roles);
        Object.freeze(user.gridCodes);
        users.set(id, Object.freeze(user));
      }
      return user;
    },
    forget,
    close: stop,
  };
}
