import type { LanguageModelV3Content, LanguageModelV3Prompt } from '@ai-sdk/provider';

/** The text of the prompt's last user message (its text parts joined), or undefined when there is none. */
export function lastUserText(prompt: LanguageModelV3Prompt): string | undefined {
  for (let index = prompt.length - 1; index >= 0; index -= 1) {
    const message = prompt[index];
    if (message?.role !== 'user') continue;
    const text = message.content
      .flatMap((part) => (part.type === 'text' ? [part.text] : []))
      .join('\n')
      .trim();
    return text || undefined;
  }
  return undefined;
}

/** The text parts of a model's answer, joined. */
export function textOfContent(content: readonly LanguageModelV3Content[]): string {
  return content
    .flatMap((part) => (part.type === 'text' ? [part.text] : []))
    .join('')
    .trim();
}
