import { CopyButton } from '../../ui/copy-button.tsx';

function hashSample(appId: string): string {
  return `// On your server (Node.js): sign the user's id with the secret.
import { createHmac } from 'node:crypto';

const userHash = createHmac('sha256', process.env.FRONTDESK_IDENTITY_SECRET)
  .update(user.id) // the user_id you send; use the email when you send no user_id
  .digest('hex');

// In the page you render:
window.intercomSettings = {
  app_id: '${appId}',
  user_id: user.id,
  email: user.email,
  user_hash: userHash,
};`;
}

function jwtSample(appId: string): string {
  return `// On your server (Node.js): an HS256 token; user_id is the only required claim.
import jwt from 'jsonwebtoken';

const token = jwt.sign(
  { user_id: user.id, email: user.email },
  process.env.FRONTDESK_IDENTITY_SECRET,
  { algorithm: 'HS256', expiresIn: '1h' },
);

// In the page you render:
window.intercomSettings = {
  app_id: '${appId}',
  intercom_user_jwt: token,
};`;
}

export function IdentityCodeSamples({ appId }: { appId: string }) {
  const samples = [
    { id: 'identity-sample-hash', title: 'user_hash (HMAC-SHA256)', copy: 'Copy user_hash sample', code: hashSample(appId) },
    { id: 'identity-sample-jwt', title: 'JSON Web Token (intercom_user_jwt)', copy: 'Copy JWT sample', code: jwtSample(appId) },
  ];
  return (
    <div className="stack">
      {samples.map((sample) => (
        <section key={sample.id} className="code-sample" aria-labelledby={sample.id}>
          <h3 id={sample.id}>{sample.title}</h3>
          <pre className="code-block">
            <code>{sample.code}</code>
          </pre>
          <div>
            <CopyButton value={sample.code} label={sample.copy} />
          </div>
        </section>
      ))}
    </div>
  );
}
