import { ErrorAlert } from '../../ui/alerts.tsx';
import { type DeclaredAttribute, dataAttributesLookup, useLookup } from '../lookups.ts';
import { type AttributeKind, type AttributeValue, EditableRow } from './editable-row.tsx';

interface CustomAttributesProps {
  model: 'contact' | 'conversation';
  values: Record<string, AttributeValue>;
  canEdit: boolean;
  onSave: (name: string, value: AttributeValue) => Promise<string | undefined>;
}

/**
 * Every attribute the workspace declared for the model (values are checked against them), then any
 * value whose attribute is gone; each edited with an input fitting its type.
 */
export function CustomAttributeRows({ model, values, canEdit, onSave }: CustomAttributesProps) {
  const declared = useLookup(dataAttributesLookup(model));
  const byName = new Map<string, DeclaredAttribute>((declared.items ?? []).map((attribute) => [attribute.name, attribute]));
  const names = [...byName.keys(), ...Object.keys(values).filter((name) => !byName.has(name))];
  return (
    <>
      {names.map((name) => {
        const attribute = byName.get(name);
        return (
          <EditableRow
            key={name}
            label={attribute?.label ?? name}
            value={values[name] ?? null}
            kind={attribute?.data_type as AttributeKind | undefined}
            options={attribute?.options}
            canEdit={canEdit}
            onSave={(value) => onSave(name, value)}
          />
        );
      })}
      {declared.error ? <ErrorAlert message={declared.error} /> : null}
      {declared.items && names.length === 0 ? (
        <p className="muted small">No custom attributes. Admins add them in Settings → Data attributes.</p>
      ) : null}
    </>
  );
}
