/** DuckDB writes column paths in stats as quoted identifiers: `"a"`, `"s"."f"`, `"we""ird"`. */
export function splitQuotedPath(text: string): string[] {
  const parts: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      let part = "";
      i++;
      while (i < text.length) {
        if (text[i] === '"' && text[i + 1] === '"') {
          part += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else {
          part += text[i];
          i++;
        }
      }
      parts.push(part);
    } else {
      let part = "";
      while (i < text.length && text[i] !== ".") {
        part += text[i];
        i++;
      }
      parts.push(part);
    }
    if (text[i] === ".") i++;
  }
  return parts;
}
