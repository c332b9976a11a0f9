/** An email body with replies, signature and greeting taken apart. */
export interface EmailBody {
  /** The author's own text. */
  text: string;
  /** Quoted earlier messages ("> ..." lines, "On ... wrote:" tails, forwarded blocks). */
  quoted: string;
  /** The signature block, sign-off included ("Best,\nAlice"). */
  signature: string | undefined;
  /** The opening line ("Hi Bob,"). */
  greeting: string | undefined;
}

const REPLY_MARKERS = [
  /^On\s.{4,200}\bwrote:\s*$/i,
  /^-{2,}\s*(?:Original|Forwarded) Message\s*-{2,}$/i,
  /^_{5,}$/,
  /^Begin forwarded message:?$/i,
];
const SIGN_OFF =
  /^(?:best|best regards|best wishes|regards|kind regards|warm regards|warmly|thanks|thanks again|thank you|many thanks|cheers|sincerely|yours|yours truly|all the best|talk soon|take care|love|xoxo|br)[,.!]?\s*$/i;
const GREETING =
  /^(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|greetings|hiya)\b[^.!?]{0,40}[,!:]?\s*$/i;
const MOBILE_FOOTER = /^sent from my \w+/i;

/**
 * Separates the author's text from quoted replies (cut at the first "On ... wrote:",
 * "Original Message", forwarded header or "> " line), the signature ("-- " or a
 * sign-off followed by at most four short lines) and a greeting line. Never throws.
 */
export function splitEmailBody(lines: readonly string[]): EmailBody {
  const own: string[] = [];
  const quoted: string[] = [];
  let cut = lines.length;
  for (let index = 0; index < lines.length; index += 1) {
    const line = (lines[index] ?? '').trim();
    const next = (lines[index + 1] ?? '').trim();
    const twoLineMarker =
      /^On\s.{4,200}$/.test(line) && /^.{0,120}wrote:\s*$/.test(next) && !line.endsWith('.');
    const forwardedHeader = /^From:\s/i.test(line) && own.some((text) => text !== '');
    if (REPLY_MARKERS.some((marker) => marker.test(line)) || twoLineMarker || forwardedHeader) {
      cut = index;
      break;
    }
    if (line.startsWith('>')) quoted.push(line.replace(/^>+\s?/, ''));
    else own.push(line);
  }
  quoted.push(...lines.slice(cut).map((line) => line.trim()));

  let signature: string | undefined;
  const delimiter = own.findIndex((line) => /^--\s*$/.test(line));
  if (delimiter >= 0) {
    signature = own
      .slice(delimiter + 1)
      .join('\n')
      .trim();
    own.length = delimiter;
  }
  for (let index = own.length - 1; index >= 0; index -= 1) {
    if (MOBILE_FOOTER.test(own[index] ?? '')) own.splice(index, 1);
  }
  for (let index = own.length - 1; index >= 0 && index >= own.length - 6; index -= 1) {
    if (!SIGN_OFF.test(own[index] ?? '')) continue;
    const tail = own.slice(index + 1).filter((line) => line !== '');
    if (tail.length <= 4 && tail.every((line) => line.length <= 60)) {
      signature = [own.slice(index).join('\n').trim(), signature].filter(Boolean).join('\n');
      own.length = index;
    }
    break;
  }
  let greeting: string | undefined;
  const first = own.findIndex((line) => line !== '');
  if (first >= 0 && GREETING.test(own[first] ?? '')) {
    greeting = own[first];
    own.splice(first, 1);
  }
  return { text: own.join('\n').trim(), quoted: quoted.join('\n').trim(), signature, greeting };
}
