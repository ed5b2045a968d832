import { useId } from 'react';

const groups: { label: string; test: (topic: string) => boolean }[] = [
  { label: 'Conversations', test: (topic) => topic.startsWith('conversation') },
  { label: 'Contacts', test: (topic) => topic.startsWith('contact.') },
  { label: 'Companies', test: (topic) => topic.startsWith('company.') },
  { label: 'Events', test: (topic) => topic.startsWith('event.') },
];

/** Checkboxes of the supported topics, by object; `ping` is always delivered and not offered. */
export function TopicPicker({ topics, selected, onChange }: { topics: string[]; selected: string[]; onChange: (topics: string[]) => void }) {
  const id = useId();
  const offered = topics.filter((topic) => topic !== 'ping');
  return (
    <fieldset className="people-topic-picker">
      <legend>Topics</legend>
      <p className="field-hint">The server sends a notification for each event of these topics (and a “ping” when you test the endpoint).</p>
      <div className="people-topic-groups">
        {groups.map((group, index) => {
          const members = offered.filter(group.test);
          if (members.length === 0) return null;
          const all = members.every((topic) => selected.includes(topic));
          return (
            <fieldset key={group.label} className="people-topic-group">
              <legend id={`${id}-${index}`}>{group.label}</legend>
              <label className="people-checkbox-label people-checkbox-label-strong">
                <input
                  type="checkbox"
                  checked={all}
                  onChange={(event) =>
                    onChange(event.target.checked ? [...new Set([...selected, ...members])] : selected.filter((topic) => !members.includes(topic)))
                  }
                />
                <span>All {group.label.toLowerCase()} topics</span>
              </label>
              {members.map((topic) => (
                <label key={topic} className="people-checkbox-label">
                  <input
                    type="checkbox"
                    checked={selected.includes(topic)}
                    onChange={(event) => onChange(event.target.checked ? [...selected, topic] : selected.filter((item) => item !== topic))}
                  />
                  <code>{topic}</code>
                </label>
              ))}
            </fieldset>
          );
        })}
      </div>
    </fieldset>
  );
}
