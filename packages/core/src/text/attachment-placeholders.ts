// What chat exports write where a photo, sticker or file was sent: WhatsApp's
// "<Media omitted>", "image omitted", "<attached: 00000012-PHOTO-….jpg>",
// Telegram's and Signal's "[Photo]", "[Sticker]", iMessage's "(file attached)".
// They name no content, so they are neither a fact nor worth finding.
const PLACEHOLDER =
  /[\u200e\u200f]?(?:<\s*(?:media|image|video|audio|gif|sticker|document|file)s?\s+omitted\s*>|\b(?:image|video|audio|gif|sticker|document|photo)\s+omitted\b|<\s*attached:[^>]*>|\[(?:photo|image|video|sticker|gif|voice message|audio|file|attachment)\]|\((?:file|image|photo) attached\))/giu;

/** The text without chat-export attachment placeholders, whitespace collapsed where one stood. Pure. */
export function stripAttachmentPlaceholders(text: string): string {
  const stripped = text.replace(PLACEHOLDER, ' ');
  return stripped === text ? text : stripped.replace(/[ \t]{2,}/g, ' ').trim();
}
