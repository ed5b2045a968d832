import type { MessengerCustomization, MessengerLocale, TeammateList } from '@frontdesk/api-types';
import type { ApiGet } from '../../api/use-api-get.ts';
import { useSession } from '../../session/session-context.tsx';
import { Panel } from '../settings-page.tsx';
import { CssVariablesField } from './css-variables-field.tsx';
import { ChoiceField, ColorField, FormGroup, NumberField, SelectField, TextAreaField, TextField, Toggle } from './form-controls.tsx';
import { OfficeHoursField } from './office-hours-field.tsx';
import { TeamAvatarsField } from './team-avatars-field.tsx';

const alignments = [
  { value: 'left', label: 'Left' },
  { value: 'right', label: 'Right' },
] as const;

export const locales: readonly { value: MessengerLocale; label: string }[] = [
  { value: 'en', label: 'English' },
  { value: 'fr', label: 'Français' },
  { value: 'de', label: 'Deutsch' },
  { value: 'es', label: 'Español' },
];

const replyTimes = [
  { value: 'minutes', label: 'In a few minutes' },
  { value: 'hours', label: 'In a few hours' },
  { value: 'day', label: 'In a day' },
] as const;

interface Props {
  value: MessengerCustomization;
  onChange: (patch: Partial<MessengerCustomization>) => void;
  teammates: ApiGet<TeammateList>;
  disabled: boolean;
}

export function AppearanceSection({ value, onChange, teammates, disabled }: Props) {
  const session = useSession();
  return (
    <Panel title="Appearance" id="messenger-appearance-title">
      <fieldset className="plain-fieldset stack" disabled={disabled}>
        <FormGroup title="Colors">
          <div className="field-grid">
            <ColorField
              field="customization.action_color"
              label="Action color"
              hint="Launcher, buttons and links. Any CSS color: hex, rgb() or a name."
              value={value.action_color}
              onChange={(action_color) => onChange({ action_color })}
            />
            <ColorField
              field="customization.background_color"
              label="Background color"
              hint="The header of the Home screen."
              value={value.background_color}
              onChange={(background_color) => onChange({ background_color })}
            />
          </div>
        </FormGroup>

        <FormGroup title="Position and launcher">
          <ChoiceField field="customization.alignment" label="Alignment" value={value.alignment} options={alignments} onChange={(alignment) => onChange({ alignment })} />
          <div className="field-grid">
            <NumberField
              field="customization.horizontal_padding"
              label="Horizontal padding"
              hint="From the side of the page: 20 to 200."
              unit="px"
              min={20}
              max={200}
              step={1}
              value={value.horizontal_padding}
              onChange={(horizontal_padding) => onChange({ horizontal_padding })}
            />
            <NumberField
              field="customization.vertical_padding"
              label="Vertical padding"
              hint="From the bottom of the page: 20 to 200."
              unit="px"
              min={20}
              max={200}
              step={1}
              value={value.vertical_padding}
              onChange={(vertical_padding) => onChange({ vertical_padding })}
            />
          </div>
          <Toggle
            field="customization.hide_default_launcher"
            label="Hide the default launcher"
            hint="Open the Messenger from your own button instead, or with Intercom('show')."
            checked={value.hide_default_launcher}
            onChange={(hide_default_launcher) => onChange({ hide_default_launcher })}
          />
          <TextField
            field="customization.custom_launcher_selector"
            label="Custom launcher selector"
            hint={
              <>
                A CSS selector such as <code>#help-button</code>: clicking any matching element on your page opens the Messenger.
              </>
            }
            placeholder="#help-button"
            spellCheck={false}
            autoComplete="off"
            value={value.custom_launcher_selector ?? ''}
            onChange={(selector) => onChange({ custom_launcher_selector: selector.trim() === '' ? null : selector })}
          />
        </FormGroup>

        <FormGroup title="Home screen">
          <div className="field-grid">
            <TextField
              field="customization.greeting"
              label="Greeting"
              hint="Empty: “Hi there 👋” in the Messenger's language."
              maxLength={280}
              value={value.greeting}
              onChange={(greeting) => onChange({ greeting })}
            />
            <TextField
              field="customization.team_name"
              label="Team name"
              hint="Heads conversations. Empty: the workspace's name."
              placeholder={session.workspace.name}
              maxLength={100}
              value={value.team_name}
              onChange={(team_name) => onChange({ team_name })}
            />
          </div>
          <TextAreaField
            field="customization.team_intro"
            label="Team intro"
            hint="A line under the greeting, e.g. what you help with."
            maxLength={500}
            value={value.team_intro}
            onChange={(team_intro) => onChange({ team_intro })}
          />
          <TeamAvatarsField teammates={teammates} value={value.team_avatar_teammate_ids} onChange={(team_avatar_teammate_ids) => onChange({ team_avatar_teammate_ids })} />
        </FormGroup>

        <FormGroup title="Language and availability">
          <div className="field-grid">
            <SelectField
              field="customization.locale"
              label="Language"
              hint="For the Messenger's own words; a visitor's language_override wins."
              value={value.locale}
              options={locales}
              onChange={(locale) => onChange({ locale })}
            />
            <SelectField
              field="customization.reply_time"
              label="Reply time"
              hint="What visitors are told to expect when office hours are not set or are closed."
              value={value.reply_time}
              options={replyTimes}
              onChange={(reply_time) => onChange({ reply_time })}
            />
          </div>
          <OfficeHoursField value={value.office_hours} onChange={(office_hours) => onChange({ office_hours })} />
        </FormGroup>

        <FormGroup title="Theming">
          <CssVariablesField value={value.css_variables} onChange={(css_variables) => onChange({ css_variables })} />
        </FormGroup>
      </fieldset>
    </Panel>
  );
}
