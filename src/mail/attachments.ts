/**
 * Attachments as the outbox keeps them: a lean read gives a stored file's bytes as a BSON Binary
 * (or a Buffer, by driver and server), so every reader takes them through `attachmentBytes`.
 */
export interface StoredAttachment {
  filename?: string | null;
  contentType?: string | null;
  content?: unknown;
}

/** The bytes of a stored attachment, whatever shape the driver gave them in. */
export function attachmentBytes(content: unknown): Buffer {
  if (Buffer.isBuffer(content)) return content;
  if (content instanceof Uint8Array)
    return Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  const binary = content as { buffer?: unknown; position?: number } | null | undefined;
  if (binary?.buffer instanceof Uint8Array) {
    return Buffer.from(binary.buffer.subarray(0, binary.position ?? binary.buffer.length));
  }
  return Buffer.alloc(0);
}

/** What nodemailer is given for the stored attachments. */
export function forTransport(
  attachments: StoredAttachment[] | null | undefined,
): { filename: string; contentType: string; content: Buffer }[] {
  return (attachments ?? []).map((a) => ({
    filename: a.filename ?? 'attachment',
    contentType: a.contentType ?? 'application/octet-stream',
    content: attachmentBytes(a.content),
  }));
}
