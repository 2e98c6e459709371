import { seededRandom } from '../../shared/random';

/** One generated row of the demo's `users` table (not real people). */
export interface FakeUser {
  username: string;
  email: string;
  fullName: string;
  country: string;
  signupDate: string;
  isActive: boolean;
}

const firstNames = ['Ada', 'Alan', 'Grace', 'Linus', 'Margaret', 'Dennis', 'Barbara', 'Ken', 'Frances', 'Edsger', 'Radia', 'Niklaus', 'Hedy', 'Tim', 'Katherine', 'Donald', 'Sophie', 'John', 'Anita', 'Bjarne', 'Mary', 'Guido', 'Shafi', 'Yukihiro', 'Lynn', 'James', 'Joan', 'Brian', 'Evelyn', 'Rasmus'];
const lastNames = ['Lovelace', 'Turing', 'Hopper', 'Torvalds', 'Hamilton', 'Ritchie', 'Liskov', 'Thompson', 'Allen', 'Dijkstra', 'Perlman', 'Wirth', 'Lamarr', 'Berners-Lee', 'Johnson', 'Knuth', 'Wilson', 'McCarthy', 'Borg', 'Stroustrup', 'Keller', 'van Rossum', 'Goldwasser', 'Matsumoto', 'Conway', 'Gosling', 'Clarke', 'Kernighan', 'Boyd', 'Lerdorf'];
const countries = ['NL', 'US', 'GB', 'DE', 'FR', 'IN', 'BR', 'JP', 'NG', 'CA', 'AU', 'MX', 'SE', 'KE', 'ES'];
const domains = ['example.com', 'example.org', 'example.net'];

/** `count` fake users from a fixed seed; usernames are unique. */
export function fakeUsers(count: number, seed = 20260101): FakeUser[] {
  const rand = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const start = Date.UTC(2019, 0, 1);
  const span = Date.UTC(2026, 0, 1) - start;
  const rows: FakeUser[] = [];
  for (let i = 1; i <= count; i++) {
    const first = pick(firstNames);
    const last = pick(lastNames);
    const username = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '') + String(i);
    rows.push({
      username,
      email: `${username}@${pick(domains)}`,
      fullName: `${first} ${last}`,
      country: pick(countries),
      signupDate: new Date(start + Math.floor(rand() * span)).toISOString().slice(0, 10),
      isActive: rand() < 0.85,
    });
  }
  return rows;
}
