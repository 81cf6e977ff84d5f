import ssh2, { type AuthContext } from 'ssh2';

// ssh2 is CommonJS: its named exports are not visible to Node's ESM loader.
const { utils } = ssh2;

// The authentication handler of an ssh2 server that admits one public key
// and nothing else (no password, no other key), checking the signature as
// sshd does. Shared by the fleet simulator's nodes and the tests' local
// SSH server.
export const acceptOnlyKey = (publicKey: string): ((ctx: AuthContext) => void) => {
  const allowed = utils.parseKey(publicKey);
  if (allowed instanceof Error) throw allowed;
  const allowedBlob = allowed.getPublicSSH();
  return (ctx) => {
    if (ctx.method !== 'publickey' || ctx.key.algo !== allowed.type || !ctx.key.data.equals(allowedBlob)) return ctx.reject(['publickey']);
    if (ctx.signature && ctx.blob && allowed.verify(ctx.blob, ctx.signature, ctx.hashAlgo) !== true) return ctx.reject(['publickey']);
    ctx.accept();
  };
};
