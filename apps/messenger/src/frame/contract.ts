import type { LivePart, MessengerConversation } from '@frontdesk/api-types';

export type {
  MessengerAttachment as UploadedAttachment,
  MessengerBootResponse as BootAnswer,
  MessengerContact as VisitorContact,
  MessengerConversation,
  MessengerPublicConfig,
} from '@frontdesk/api-types';

/** POST /messenger-api/conversations and GET /messenger-api/conversations/:id. */
export interface ConversationAnswer {
  conversation: MessengerConversation;
  parts: LivePart[];
}
