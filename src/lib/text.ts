/**
 * Characters refused in any text a user sends: C0 controls except tab, line feed and carriage
 * return (NUL breaks PostgreSQL's text type and the log), DEL and C1 controls, and the Unicode
 * bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C) that make a
 * name or a file name read differently from what it is ("Trojan Source", CVE-2021-42574).
 */
const forbidden = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
const lineBreaksAndTabs = /[\t\n\r]/u;

/** True when `value` holds a character no field accepts; `singleLine` refuses tab and line breaks too. */
export function hasForbiddenCharacter(value: string, options: { singleLine?: boolean } = {}): boolean {
  return forbidden.test(value) || (options.singleLine === true && lineBreaksAndTabs.test(value));
}

/** The paths (as `a.b.0.c`) of every string, or object key, in `value` that holds a forbidden character. */
export function findForbiddenCharacters(value: unknown, maxDepth = 20): string[][] {
  const found: string[][] = [];
  const walk = (v: unknown, path: string[], depth: number) => {
    if (depth > maxDepth) return;
    if (typeof v === "string") {
      if (hasForbiddenCharacter(v)) found.push(path);
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => walk(item, [...path, String(i)], depth + 1));
    } else if (typeof v === "object" && v !== null && !(v instanceof Date)) {
      for (const [key, item] of Object.entries(v)) {
        if (hasForbiddenCharacter(key)) found.push([...path, key]);
        else walk(item, [...path, key], depth + 1);
      }
    }
  };
  walk(value, [], 0);
  return found;
}
