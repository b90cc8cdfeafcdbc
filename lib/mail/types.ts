/**
 * A mail as the product composes it (lib/mail/*-mail.ts) and hands it to the transport
 * (server/mail/transport.ts), which adds From and the List-Unsubscribe pair. Every address and
 * subject has passed lib/mail/headers.ts before it gets here.
 */
export interface MailAttachment {
  filename: string;
  content: string | Buffer;
  contentType: string;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  html: string;
  text: string;
  attachments?: MailAttachment[];
  /** Extra headers; names and values are checked by the transport (no CR/LF can get through). */
  headers?: Record<string, string>;
  /** Sent as `List-Unsubscribe: <url>` with `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058). */
  listUnsubscribe?: { url: string };
}

/** What the mail server answered when it accepted the mail. */
export interface MailReceipt {
  /** The Message-ID the mail was sent with (`<…@host>`). */
  messageId: string;
  /** The server's final answer, e.g. `250 2.0.0 Ok: queued as 4F1A2`. */
  response: string;
}
