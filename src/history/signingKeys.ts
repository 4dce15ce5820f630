/**
 * The keys staff sign their commits with (`signing_key` in staff/<id>.yaml), as `careplan verify`
 * checks signed sign-offs against them: SSH keys through an allowed-signers file whose principals
 * are staff ids, GPG keys by fingerprint.
 */

/** What git says of one commit's signature (`%G?`, `%GS`, `%GF`, `%GP`). */
export interface CommitSignature {
  /** G, U, X, Y, R, E, B or N. */
  status: string;
  /** The signer: for SSH, the allowed-signers principal (a staff id); for GPG, the key's user id. */
  signer?: string;
  /** Fingerprint of the key that signed, and of its primary key (GPG). */
  key?: string;
  primaryKey?: string;
}

export interface SigningKeys {
  /** Staff id → the SSH public keys (type and base64, no comment) listed for them. */
  ssh: Map<string, string[]>;
  /** Staff id → GPG fingerprints listed for them (upper case, no spaces). */
  gpg: Map<string, string[]>;
}

const SSH_KEY = /^(ssh-|ecdsa-|sk-)/;

/** The keys listed in the staff files, by staff id. */
export function signingKeys(staff: Iterable<[string, string | readonly string[] | undefined]>): SigningKeys {
  const keys: SigningKeys = { ssh: new Map(), gpg: new Map() };
  for (const [id, given] of staff) {
    for (const key of given === undefined ? [] : typeof given === 'string' ? [given] : given) {
      const text = key.trim();
      if (SSH_KEY.test(text)) keys.ssh.set(id, [...(keys.ssh.get(id) ?? []), text.split(/\s+/).slice(0, 2).join(' ')]);
      else keys.gpg.set(id, [...(keys.gpg.get(id) ?? []), text.replace(/\s+/g, '').toUpperCase()]);
    }
  }
  return keys;
}

/** git's allowed-signers file (`gpg.ssh.allowedSignersFile`): each staff member's SSH keys, for git signatures only. */
export function allowedSigners(keys: SigningKeys): string {
  const lines: string[] = [];
  for (const [id, list] of keys.ssh) for (const key of list) lines.push(`${id} namespaces="git" ${key}`);
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/**
 * The staff member whose listed key made a good signature, if any: for SSH the principal git found in
 * careplan's allowed-signers file (a good signature, G); for GPG a fingerprint listed in a staff file
 * (good, whether or not the local keyring trusts the key: the staff file is the trust).
 */
export function signedBy(signature: CommitSignature | undefined, keys: SigningKeys): string | undefined {
  if (!signature) return undefined;
  if (signature.status === 'G' && signature.signer && keys.ssh.has(signature.signer)) return signature.signer;
  if (signature.status !== 'G' && signature.status !== 'U') return undefined;
  const fingerprints = [signature.key, signature.primaryKey].filter(Boolean).map((f) => f!.toUpperCase());
  for (const [id, listed] of keys.gpg) if (listed.some((f) => fingerprints.includes(f))) return id;
  return undefined;
}
