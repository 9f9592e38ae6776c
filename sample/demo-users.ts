/** A demo account; the passwords are printed on the login page on purpose. */
export interface DemoUser {
  username: string;
  password: string;
  name: string;
}

/** The two accounts of the sample, so that two browsers can show two separate sessions. */
export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'alice', password: 'wonderland', name: 'Alice' },
  { username: 'bob', password: 'builder', name: 'Bob' },
];

/** The demo user with these credentials, or undefined. */
export function findDemoUser(username: unknown, password: unknown): DemoUser | undefined {
  return DEMO_USERS.find((user) => user.username === username && user.password === password);
}

/** The display name of a logged-in username. */
export function nameOf(username: string): string {
  return DEMO_USERS.find((user) => user.username === username)?.name ?? username;
}
