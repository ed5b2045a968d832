/** Addresses of the conversations workspace. */
export const viewPath = (viewId: string) => `/inbox/${encodeURIComponent(viewId)}`;

export const conversationPath = (viewId: string, conversationId: string) => `${viewPath(viewId)}/${encodeURIComponent(conversationId)}`;
