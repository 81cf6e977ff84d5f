import { AppError } from '@/lib/errors/app-error';

export const MAX_BODY_BYTES = 1024 * 1024;

// Reads a JSON body without trusting Content-Length: the stream is cut off as
// soon as it passes the limit, so a huge body costs at most 1 MiB of memory.
export const readJsonBody = async (req: Request, limit = MAX_BODY_BYTES): Promise<unknown> => {
  const type = req.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json');
  }
  const declared = Number(req.headers.get('content-length') ?? 'NaN');
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  if (!req.body) throw new AppError('MALFORMED_JSON', 'the request body is empty');

  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new AppError('MALFORMED_JSON', `the body is not valid JSON: ${e instanceof Error ? e.message : 'parse error'}`);
  }
};

const tooLarge = (limit: number) => new AppError('PAYLOAD_TOO_LARGE', `the body is larger than ${limit} bytes`);
