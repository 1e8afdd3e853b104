import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodePltPayload } from './decode-plt-payload.js';

const wrap = (b64: string): Buffer => Buffer.from(`${b64.match(/.{1,72}/g)?.join('\n') ?? ''}\n`);

describe('setup-executor/src/plt/decode-plt-payload', () => {
  const gz = gzipSync(Buffer.from('PLT\n(lambda)\n'.repeat(20)));

  it('decodes 72-column base64 of gzip', () => {
    expect(decodePltPayload(wrap(gz.toString('base64'))).toString()).toBe('PLT\n(lambda)\n'.repeat(20));
  });

  // mutation of the base64 text | reason
  const BAD: readonly [string, (t: string) => string, RegExp][] = [
    ['a stray character', (t) => `${t.slice(0, 5)}*${t.slice(6)}`, /Expected base64 text, got `\*` at byte 5/],
    ['data after padding', (t) => `${t}=A`, /after `=` padding|truncated or mis-padded/],
    ['a length of 4n+1', () => `${'A'.repeat(4 * 10)}A`, /truncated or mis-padded/],
    ['a cut-off stream', (t) => t.slice(0, 40), /gzip stream is corrupt or truncated/],
    ['nothing', () => '', /empty/],
    ['no gzip magic', () => Buffer.from('PLT\nnot gzip at all, really not').toString('base64'), /bad gzip header/],
  ];
  it.each(BAD)('refuses %s', (_title, mutate, reason) => {
    expect(() => decodePltPayload(wrap(mutate(gz.toString('base64'))))).toThrow(reason);
  });

  it('refuses a payload over the size limit', () => {
    expect(() => decodePltPayload(wrap(gz.toString('base64')), 10)).toThrow(/corrupt or truncated/);
  });
});
