import { describe, expect, it } from 'vitest';
import { type PlaceholderValues, renderPlaceholders } from './placeholders.ts';

const values: PlaceholderValues = {
  contact: { name: '  Ada   Lovelace ', email: 'ada@example.test', customAttributes: { plan: 'Pro', seats: 3, trial: false, empty: '', nested: { a: 1 } } },
  teammate: { name: 'Olivia Owner' },
  conversationId: '42',
};

describe('placeholders', () => {
  it('fills contact, teammate and conversation values', () => {
    expect(renderPlaceholders('{{contact.first_name}} {{contact.email}} {{teammate.first_name}} {{teammate.name}} #{{conversation.id}}', values)).toBe(
      'Ada ada@example.test Olivia Olivia Owner #42',
    );
  });

  it('reads custom attributes of every scalar type; others fall back', () => {
    expect(
      renderPlaceholders('{{contact.custom_attributes.plan}}/{{contact.custom_attributes.seats}}/{{contact.custom_attributes.trial}}/{{contact.custom_attributes.empty | "none"}}/{{contact.custom_attributes.nested | "obj"}}/{{contact.custom_attributes.constructor | "proto"}}', values),
    ).toBe('Pro/3/false/none/obj/proto');
  });

  it('uses the fallback, in any of its spellings, for unknown or empty values, and nothing without one', () => {
    const none: PlaceholderValues = { contact: null, teammate: null, conversationId: null };
    expect(renderPlaceholders('Hi {{contact.first_name | "there"}}!', none)).toBe('Hi there!');
    expect(renderPlaceholders('Hi {{contact.first_name|&quot;there&quot;}}!', none)).toBe('Hi there!');
    expect(renderPlaceholders('Hi {{ contact.first_name | fallback: "there" }}!', none)).toBe('Hi there!');
    expect(renderPlaceholders('Hi {{contact.first_name}}!{{no.such}}', none)).toBe('Hi !');
    expect(renderPlaceholders('{{ not closed', none)).toBe('{{ not closed');
  });

  it('escapes values and fallbacks', () => {
    const hostile: PlaceholderValues = { contact: { name: '<script>x</script>', email: '"a"@b', customAttributes: {} }, teammate: null, conversationId: null };
    expect(renderPlaceholders('<a href="mailto:{{contact.email}}">{{contact.name}}</a>', hostile)).toBe('<a href="mailto:&quot;a&quot;@b">&lt;script&gt;x&lt;/script&gt;</a>');
    expect(renderPlaceholders('{{teammate.name | "&lt;b&gt; &amp; co"}}', hostile)).toBe('&lt;b&gt; &amp; co');
  });
});

describe('placeholder names', () => {
  it('reads custom attributes whose names have spaces', () => {
    const values: PlaceholderValues = { contact: { name: null, email: null, customAttributes: { 'Account tier': 'Gold' } }, teammate: null, conversationId: null };
    expect(renderPlaceholders('{{ contact.custom_attributes.Account tier }}', values)).toBe('Gold');
  });
});
