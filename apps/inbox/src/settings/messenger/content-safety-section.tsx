import type { ContentSafetySettings } from '@frontdesk/api-types';
import { Panel } from '../settings-page.tsx';
import { AttachmentTypesField } from './attachment-types-field.tsx';
import { FormGroup, NumberField, Toggle } from './form-controls.tsx';
import { RedactionPatternsField } from './redaction-patterns-field.tsx';

const megabyte = 1024 * 1024;

interface Props {
  value: ContentSafetySettings;
  onChange: (patch: Partial<ContentSafetySettings>) => void;
  disabled: boolean;
}

export function ContentSafetySection({ value, onChange, disabled }: Props) {
  return (
    <Panel title="Content safety" id="messenger-safety-title">
      <fieldset className="plain-fieldset stack" disabled={disabled}>
        <FormGroup title="Attachments">
          <Toggle
            field="content_safety.attachments_enabled"
            label="Visitors can send attachments"
            checked={value.attachments_enabled}
            onChange={(attachments_enabled) => onChange({ attachments_enabled })}
          />
          {value.attachments_enabled ? (
            <>
              <AttachmentTypesField value={value.allowed_attachment_types} onChange={(allowed_attachment_types) => onChange({ allowed_attachment_types })} />
              <NumberField
                field="content_safety.max_attachment_bytes"
                label="Largest attachment"
                hint="Up to 20 MB."
                unit="MB"
                min={0.01}
                max={20}
                step={0.5}
                value={Math.round((value.max_attachment_bytes / megabyte) * 100) / 100}
                onChange={(megabytes) => onChange({ max_attachment_bytes: Math.round(megabytes * megabyte) })}
              />
            </>
          ) : (
            <p className="field-hint">Visitors see no attachment button, and uploads are refused.</p>
          )}
        </FormGroup>
        <FormGroup title="Redaction">
          <Toggle
            field="content_safety.redact_card_numbers"
            label="Redact card numbers"
            hint="Numbers that pass the card checksum (Luhn) are replaced before the message is stored, and marked “redacted”."
            checked={value.redact_card_numbers}
            onChange={(redact_card_numbers) => onChange({ redact_card_numbers })}
          />
          <RedactionPatternsField value={value.redaction_patterns} onChange={(redaction_patterns) => onChange({ redaction_patterns })} />
        </FormGroup>
        <FormGroup title="Floods">
          <NumberField
            field="content_safety.visitor_messages_per_minute"
            label="Messages per visitor per minute"
            hint="1 to 600. Past this, a visitor is asked to slow down and their messages are refused for a moment."
            min={1}
            max={600}
            step={1}
            value={value.visitor_messages_per_minute}
            onChange={(visitor_messages_per_minute) => onChange({ visitor_messages_per_minute })}
          />
        </FormGroup>
      </fieldset>
    </Panel>
  );
}
