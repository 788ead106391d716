// Word wrapping for captions inside boxes: lines of at most `width`
// characters, broken at spaces; a word longer than a line is cut with a hyphen
// so that no line is wider than the box drawn for it.

export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    for (const piece of splitLong(word, width)) {
      if (line === '') line = piece;
      else if (line.length + 1 + piece.length <= width) line += ' ' + piece;
      else {
        lines.push(line);
        line = piece;
      }
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

function splitLong(word: string, width: number): string[] {
  const chars = [...word];
  if (chars.length <= width) return [word];
  const pieces: string[] = [];
  for (let i = 0; i < chars.length; i += width - 1) {
    const rest = chars.length - i;
    if (rest <= width) {
      pieces.push(chars.slice(i).join(''));
      break;
    }
    pieces.push(chars.slice(i, i + width - 1).join('') + '-');
  }
  return pieces;
}
