// Generates a large, valid `.script` text for the parse.lines benchmark: a
// chain of ASSIGN, IF, CASE and SNIPPET actions (about 30 % of the lines are
// snippet code), ending in END.
export function generateScript(targetLines) {
  const out = ['// Generated for the parse.lines benchmark.', 'script Generated', 'type Generic', '', 'start: BEGIN {', '  Parameters = [a, b]', '} -> a0', ''];
  let i = 0;
  while (out.length < targetLines - 2) {
    const next = `a${i + 1}`;
    switch (i % 4) {
      case 0:
        out.push(`a${i}: ASSIGN "Set value ${i}" {`, `  Variable = v${i % 50}`, `  Value = "{a} and {b[1]} number ${i}"`, '  Type = String', `} -> ${next}`, '');
        break;
      case 1:
        out.push(`a${i}: IF "Check ${i}" {`, `  Expression = "v${i % 50} > ${i}"`, '}', `  True -> ${next}`, `  False -> ${next}`, '');
        break;
      case 2:
        out.push(`a${i}: CASE {`, `  Variable = "v${i % 50}"`, '}', `  "one" -> ${next}`, `  2 -> ${next}`, `  Default -> ${next}`, '');
        break;
      default:
        out.push(
          `a${i}: SNIPPET "Compute ${i}" (MaxStringSize = "4K") {`,
          `  ASSIGN total = v${i % 50} + ${i}`,
          '  IF total > 10 {',
          '    label = "big {total}" // a comment with } brace',
          '  } ELSE {',
          `    label = 'small'`,
          '  }',
          `  FOR k = 1 TO ${i % 7} {`,
          '    total = total + k',
          '  }',
          `} -> ${next}`,
          '',
        );
    }
    i++;
  }
  out.push(`a${i}: END`, '');
  return out.join('\n');
}
