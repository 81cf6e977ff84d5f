import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors/app-error';
import { readJsonBody } from '@/lib/http/read-json-body';

const req = (body: string, type = 'application/json') => new Request('http://x/', { method: 'POST', headers: { 'content-type': type }, body });
const codeOf = async (p: Promise<unknown>) => p.then(() => 'OK', (e: unknown) => (e instanceof AppError ? e.code : 'OTHER'));

describe('readJsonBody', () => {
  it('parses JSON, with a charset parameter too', async () => {
    expect(await readJsonBody(req('{"a":1}', 'application/json; charset=utf-8'))).toEqual({ a: 1 });
  });

  it('classifies what is wrong with a body', async () => {
    expect(await codeOf(readJsonBody(req('{"a":')))).toBe('MALFORMED_JSON');
    expect(await codeOf(readJsonBody(req('')))).toBe('MALFORMED_JSON');
    expect(await codeOf(readJsonBody(req('{}', 'text/plain')))).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(await codeOf(readJsonBody(req(JSON.stringify('x'.repeat(100))), 50))).toBe('PAYLOAD_TOO_LARGE');
  });

  it('takes a body of exactly the limit', async () => {
    const body = JSON.stringify('x'.repeat(48));
    expect(body.length).toBe(50);
    expect(await readJsonBody(req(body), 50)).toBe('x'.repeat(48));
  });
});
