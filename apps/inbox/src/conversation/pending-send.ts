/** A reply or note the teammate sent that the server has not confirmed yet (or refused). */
export interface PendingSend {
  key: string;
  /** The HTML sent. */
  body: string;
  note: boolean;
  attachments: { id: string; name: string }[];
  status: 'sending' | 'failed';
  error?: string;
  created_at: number;
}
