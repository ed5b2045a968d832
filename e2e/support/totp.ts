import { generate } from 'otplib';

/**
 * An authenticator app's code, never one already used in this test: the server refuses a code it
 * has accepted before, so when the current one was used, take the next 30 s step's code — what the
 * app would show a moment later, and within the server's one-step clock tolerance.
 */
export async function freshTotpCode(secret: string, used: Set<string>): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  for (let step = 0; ; step++) {
    const code = await generate({ secret, epoch: now + step * 30 });
    if (!used.has(code)) {
      used.add(code);
      return code;
    }
  }
}
