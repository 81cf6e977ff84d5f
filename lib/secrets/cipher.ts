import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppError } from '@/lib/errors/app-error';
import { getSecretKey, keyById, type TSecretKey } from '@/lib/secrets/secret-key';

// Envelope: v1.<keyId>.<iv>.<tag>.<ciphertext> (base64url). The key id lets a
// later rotation tell which rows still use the old key. The purpose string is
// bound as AAD so a ciphertext copied into another column fails to decrypt.
export type TSecretPurpose = 'ssh.privateKey' | 'ssh.passphrase' | 'mysql.password' | 'probe.password' | 'notification.secret';

export const encryptSecret = (plaintext: string, purpose: TSecretPurpose, secretKey: TSecretKey = getSecretKey()): string => {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', secretKey.key, iv);
  cipher.setAAD(Buffer.from(purpose));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', secretKey.id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
};

// Without an explicit key, the envelope's key id picks the current or a
// retired key (after `tandem secrets rotate`).
export const decryptSecret = (envelope: string, purpose: TSecretPurpose, explicitKey?: TSecretKey): string => {
  const [version, id, iv, tag, ct] = envelope.split('.');
  if (version !== 'v1' || !id || !iv || !tag || ct === undefined) {
    throw new AppError('SECRET_KEY', 'stored secret is not a v1 envelope');
  }
  const secretKey = explicitKey ?? keyById(id) ?? getSecretKey();
  if (id !== secretKey.id) {
    throw new AppError('SECRET_KEY', `stored secret was encrypted with key ${id}, but the current key is ${secretKey.id}`);
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', secretKey.key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(purpose));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
  } catch (cause) {
    throw new AppError('SECRET_KEY', 'stored secret failed authentication (wrong key or tampered data)', { cause });
  }
};
