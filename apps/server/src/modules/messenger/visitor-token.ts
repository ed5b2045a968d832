import type { Keyring } from '../../platform/crypto/keyring.ts';

/** What a visitor token proves: this browser is visitor `visitorId` of workspace `workspaceId`. */
export interface VisitorClaims {
  workspaceId: number;
  visitorId: string;
  /** Unix seconds when it was issued; tokens live `visitorTokenLifetimeSeconds`. */
  issuedAt: number;
}

export const visitorTokenLifetimeSeconds = 7 * 24 * 3600;
const context = 'messenger-visitor';

/**
 * A stateless token (`fdv.<workspace>.<visitor>.<issued>.<mac>`) handed out by boot, sent by the
 * Messenger on every request and WebSocket; verifying it needs no query. Identity verification happens
 * when the token is issued: a token for an identified user exists only if its hash or JWT was right.
 */
export function issueVisitorToken(keyring: Keyring, claims: Omit<VisitorClaims, 'issuedAt'>, now = Date.now()): string {
  const message = `${claims.workspaceId}.${claims.visitorId}.${Math.floor(now / 1000)}`;
  return `fdv.${message}.${keyring.sign(message, context)}`;
}

/** The token's claims, or undefined when it is malformed, forged or expired. */
export function readVisitorToken(keyring: Keyring, token: string | undefined, now = Date.now()): VisitorClaims | undefined {
  if (!token || token.length > 300) return undefined;
  const match = /^fdv\.(\d{1,15})\.([A-Za-z0-9_-]{8,64})\.(\d{1,12})\.([0-9a-f]{8}\.[A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return undefined;
  const [, workspace, visitorId, issued, signature] = match as unknown as [string, string, string, string, string];
  if (!keyring.verify(`${workspace}.${visitorId}.${issued}`, signature, context)) return undefined;
  const issuedAt = Number(issued);
  if (issuedAt + visitorTokenLifetimeSeconds < now / 1000) return undefined;
  return { workspaceId: Number(workspace), visitorId, issuedAt };
}
