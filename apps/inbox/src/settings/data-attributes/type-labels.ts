import type { DataAttribute, DataAttributeModel, DataAttributeType } from '@frontdesk/api-types';

export const typeLabels: Record<DataAttributeType, string> = {
  string: 'Text',
  integer: 'Number',
  float: 'Decimal number',
  boolean: 'True or false',
  date: 'Date',
  options: 'List',
};

export const modelLabels: Record<DataAttributeModel, string> = { contact: 'People', company: 'Companies', conversation: 'Conversations' };

export const typeLabel = (attribute: Pick<DataAttribute, 'data_type'>) =>
  attribute.data_type === 'datetime' ? typeLabels.date : typeLabels[attribute.data_type];
