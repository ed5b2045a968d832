import type { DataAttributeList, DataAttributeModel } from '@frontdesk/api-types';
import { useState } from 'react';
import { useApiGet } from '../../api/use-api-get.ts';
import { useSession } from '../../session/session-context.tsx';
import { EmptyState, ErrorAlert, Loading } from '../../ui/alerts.tsx';
import { Panel, SettingsPage } from '../settings-page.tsx';
import { AttributeRow } from './attribute-row.tsx';
import { CreateAttributeForm } from './create-attribute-form.tsx';
import { modelLabels, typeLabel } from './type-labels.ts';
import '../../contacts/people.css';

const models: DataAttributeModel[] = ['contact', 'company', 'conversation'];

/** Settings → Data attributes: the custom fields of people, companies and conversations, and their types. */
export function DataAttributesPage() {
  const session = useSession();
  const [model, setModel] = useState<DataAttributeModel>('contact');
  const [showArchived, setShowArchived] = useState(false);
  const list = useApiGet<DataAttributeList>(`/data-attributes?model=${model}&include_archived=true`);
  const canManage = session.permissions.manage_settings;
  const all = list.data?.data_attributes ?? [];
  const custom = all.filter((attribute) => attribute.custom && (showArchived || !attribute.archived));
  const archivedCount = all.filter((attribute) => attribute.custom && attribute.archived).length;
  const standard = all.filter((attribute) => !attribute.custom);

  return (
    <SettingsPage
      title="Data attributes"
      description="Custom attributes hold what your business knows about people, companies and conversations. Values are checked against the type you choose here."
    >
      <fieldset className="people-segmented" aria-describedby="model-hint">
        <legend className="visually-hidden">Attributes of</legend>
        {models.map((value) => (
          <label key={value} className={value === model ? 'people-segmented-option people-segmented-option-active' : 'people-segmented-option'}>
            <input type="radio" name="attribute-model" value={value} checked={value === model} onChange={() => setModel(value)} />
            {modelLabels[value]}
          </label>
        ))}
      </fieldset>
      <p id="model-hint" className="visually-hidden">
        Choose whose attributes to show.
      </p>
      {canManage ? (
        <Panel title={`New ${modelLabels[model].toLowerCase()} attribute`} id="create-attribute-title">
          <CreateAttributeForm model={model} onCreated={(created) => list.setData((current) => ({ data_attributes: [...current.data_attributes, created] }))} />
        </Panel>
      ) : null}
      <Panel
        title={`Custom ${modelLabels[model].toLowerCase()} attributes`}
        id="custom-attributes-title"
        actions={
          <label className="people-checkbox-label small">
            <input type="checkbox" checked={showArchived} onChange={(event) => setShowArchived(event.target.checked)} />
            Show archived ({archivedCount})
          </label>
        }
      >
        {list.error ? (
          <div className="stack">
            <ErrorAlert message={list.error} />
            <div>
              <button type="button" className="button button-secondary" onClick={list.reload}>
                Try again
              </button>
            </div>
          </div>
        ) : !list.data || list.loading ? (
          <Loading label="Loading attributes…" />
        ) : custom.length === 0 ? (
          <EmptyState title="No custom attributes">{canManage ? 'Create one above.' : 'An admin can create them here.'}</EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Custom {modelLabels[model].toLowerCase()} attributes</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Type</th>
                  <th scope="col">Description</th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {custom.map((attribute) => (
                  <AttributeRow
                    key={attribute.id}
                    attribute={attribute}
                    canManage={canManage}
                    onChanged={(changed) =>
                      list.setData((current) => ({ data_attributes: current.data_attributes.map((item) => (item.id === changed.id ? changed : item)) }))
                    }
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Panel>
      {standard.length > 0 ? (
        <details className="panel people-standard-attributes">
          <summary>Standard attributes ({standard.length})</summary>
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Standard {modelLabels[model].toLowerCase()} attributes</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Type</th>
                  <th scope="col">Description</th>
                </tr>
              </thead>
              <tbody>
                {standard.map((attribute) => (
                  <tr key={attribute.full_name}>
                    <td>
                      {attribute.label} <code className="small muted">{attribute.full_name}</code>
                    </td>
                    <td>{typeLabel(attribute)}</td>
                    <td>{attribute.description}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ) : null}
    </SettingsPage>
  );
}
