import { describe, expect, it } from 'vitest';
import { Notices } from './notices';

describe('Notices', () => {
  it('keeps each text once, the newest few, and tells its listeners', () => {
    const notices = new Notices(2);
    let calls = 0;
    const off = notices.subscribe(() => (calls += 1));
    notices.push('Warden reconnected to a:1');
    notices.push('Warden reconnected to a:1');
    notices.push('Warden reconnected to b:2');
    notices.push('Warden reconnected to c:3');
    expect(notices.list().map((n) => n.text)).toEqual(['Warden reconnected to b:2', 'Warden reconnected to c:3']);
    const first = notices.list()[0];
    if (first === undefined) throw new Error('no notice');
    notices.dismiss(first.id);
    expect(notices.list().map((n) => n.text)).toEqual(['Warden reconnected to c:3']);
    expect(calls).toBe(4);
    off();
    notices.push('later');
    expect(calls).toBe(4);
  });
});
