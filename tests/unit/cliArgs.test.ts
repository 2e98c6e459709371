import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/main/cli/args';

describe('cli arguments', () => {
  it('reads matrix with every option, in both spellings', () => {
    expect(parseArgs(['matrix', '--url', 'postgres://u@h/d', '--schema', 'S p', '--role=R=1', '--format', 'json'])).toEqual({
      command: 'matrix',
      url: 'postgres://u@h/d',
      schema: 'S p',
      role: 'R=1',
      format: 'json',
      statementTimeoutMs: undefined,
    });
    expect(parseArgs(['matrix', '--url=postgres://x'])).toEqual({ command: 'matrix', url: 'postgres://x', schema: undefined, role: undefined, format: 'csv', statementTimeoutMs: undefined });
    expect(parseArgs(['matrix', '--url=postgres://x', '--format=jsonl', '--statement-timeout', '2500'])).toMatchObject({ format: 'jsonl', statementTimeoutMs: 2500 });
    expect(parseArgs(['matrix', '--url=postgres://x', '--statement-timeout=1'])).toMatchObject({ statementTimeoutMs: 1 });
  });

  it('keeps values that look like options when given with =', () => {
    expect(parseArgs(['matrix', '--url', 'u', '--role=--odd'])).toMatchObject({ role: '--odd' });
  });

  it('answers help', () => {
    for (const argv of [[], ['help'], ['--help'], ['matrix', '-h']]) expect(parseArgs(argv)).toEqual({ command: 'help' });
  });

  it('refuses what it does not know, saying why', () => {
    const cases: [string[], RegExp][] = [
      [['export'], /Unknown command "export"/],
      [['matrix'], /needs --url/],
      [['matrix', '--url'], /--url needs a value/],
      [['matrix', '--url', 'a', '--url', 'b'], /given twice/],
      [['matrix', '--url', 'a', '--format', 'xml'], /csv, json or jsonl, not "xml"/],
      [['matrix', '--url', 'a', '--statement-timeout', '0'], /whole number of milliseconds/],
      [['matrix', '--url', 'a', '--statement-timeout', '1.5'], /whole number of milliseconds/],
      [['matrix', '--url', 'a', '--statement-timeout', '-3'], /whole number of milliseconds/],
      [['matrix', '--url', 'a', 'extra'], /Unknown argument "extra"/],
      [['matrix', '--url', 'a', '--Schema', 's'], /Unknown argument "--Schema"/],
    ];
    for (const [argv, message] of cases) {
      const r = parseArgs(argv);
      expect(r.command).toBe('error');
      if (r.command === 'error') expect(r.message).toMatch(message);
    }
  });
});

describe('findings arguments', () => {
  it('reads findings with its options and defaults (text, fail on any finding)', () => {
    expect(parseArgs(['findings', '--url', 'u'])).toEqual({ command: 'findings', url: 'u', format: 'text', failOn: 'low' });
    expect(parseArgs(['findings', '--url=u', '--format', 'sarif', '--fail-on=high'])).toEqual({ command: 'findings', url: 'u', format: 'sarif', failOn: 'high' });
  });

  it('refuses options of the other command and unknown values', () => {
    const cases: [string[], RegExp][] = [
      [['findings', '--url', 'u', '--schema', 's'], /Unknown argument "--schema"/],
      [['matrix', '--url', 'u', '--fail-on', 'high'], /Unknown argument "--fail-on"/],
      [['findings', '--url', 'u', '--fail-on', 'critical'], /high, medium or low, not "critical"/],
      [['findings', '--url', 'u', '--format', 'csv'], /text, json or sarif, not "csv"/],
      [['findings'], /findings needs --url/],
    ];
    for (const [argv, message] of cases) {
      const r = parseArgs(argv);
      expect(r.command).toBe('error');
      if (r.command === 'error') expect(r.message).toMatch(message);
    }
  });
});
