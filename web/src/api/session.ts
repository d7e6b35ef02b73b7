import { computed, shallowRef } from 'vue';
import type { Role } from '../../../core/identity/roles.ts';

export type { Role };

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  departmentId?: string;
  gridCodes?: string[];
}

/** What /auth/login and /auth/refresh answer. */
export interface Session {
  accessToken: string;
  refreshToken: string;
  user: SessionUser;
}

const storageKey = 'citycase.session';

function readStored(): Session | null {
  try {
    const raw = localStorage.getItem(storageKey);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

const current = shallowRef<Session | null>(readStored());

// Another tab that refreshes or signs out changes the same stored session; follow it so tabs do not spend each
// other's single-use refresh tokens or stay signed in after a sign-out.
window.addEventListener('storage', (event) => {
  if (event.key === storageKey) current.value = readStored();
});

export const session = computed(() => current.value);
export const currentUser = computed(() => current.value?.user ?? null);

export function saveSession(next: Session | null): void {
  current.value = next;
  if (next) localStorage.setItem(storageKey, JSON.stringify(next));
  else localStorage.removeItem(storageKey);
}

/** The refresh token in storage right now, which another tab may have rotated since this tab last looked. */
export function storedRefreshToken(): string | null {
  return readStored()?.refreshToken ?? null;
}

export function hasAnyRole(roles: readonly Role[]): boolean {
  const user = current.value?.user;
  return !!user && user.roles.some((role) => roles.includes(role));
}
