import type { ApiToken, ApiTokenList } from '@frontdesk/api-types';
import { useState } from 'react';
import { useApiGet } from '../../api/use-api-get.ts';
import { ErrorAlert, Loading } from '../../ui/alerts.tsx';
import { Panel, SettingsPage } from '../settings-page.tsx';
import { CreateTokenForm } from './create-token-form.tsx';
import { NewTokenNotice } from './new-token-notice.tsx';
import { TokenTable } from './token-table.tsx';

export function ApiTokensPage() {
  const list = useApiGet<ApiTokenList>('/api-tokens');
  const [created, setCreated] = useState<ApiToken>();

  function add(token: ApiToken) {
    setCreated(token);
    const { token: _secret, ...listed } = token;
    list.setData((current) => ({ tokens: [listed, ...current.tokens] }));
  }

  return (
    <SettingsPage
      title="API tokens"
      description="Tokens let your own systems call the Frontdesk REST API as this workspace. Send one as a Bearer token."
    >
      <Panel title="Create a token" id="create-token-title">
        <div className="stack">
          <CreateTokenForm onCreated={add} />
          {created?.token ? <NewTokenNotice token={created} onDismiss={() => setCreated(undefined)} /> : null}
        </div>
      </Panel>
      <Panel title="Tokens" id="tokens-title">
        {list.loading && !list.data ? <Loading label="Loading tokens…" /> : null}
        {list.error ? <ErrorAlert message={list.error} /> : null}
        {list.data ? (
          <TokenTable
            tokens={list.data.tokens}
            onRevoked={(id) => {
              if (created?.id === id) setCreated(undefined);
              list.setData((current) => ({ tokens: current.tokens.filter((token) => token.id !== id) }));
            }}
          />
        ) : null}
      </Panel>
    </SettingsPage>
  );
}
