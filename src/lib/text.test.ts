import { describe, expect, it } from "vitest";
import { findForbiddenCharacters, hasForbiddenCharacter } from "./text";

describe("forbidden characters", () => {
  it.each([
    ["NUL", "张\u0000三"],
    ["bell", "a\u0007"],
    ["escape", "\u001b[31m"],
    ["DEL", "a\u007f"],
    ["a C1 control", "a\u0085"],
    ["right-to-left override", "invoice\u202Efdp.exe"],
    ["left-to-right isolate", "\u2066x"],
    ["pop directional isolate", "x\u2069"],
    ["right-to-left mark", "x\u200f"],
    ["Arabic letter mark", "x\u061c"],
  ])("refuses %s", (_name, value) => {
    expect(hasForbiddenCharacter(value)).toBe(true);
  });

  it("accepts Chinese, punctuation, and tab and line breaks in multi-line text", () => {
    expect(hasForbiddenCharacter("石家庄市（长安区）·示例路 1 号")).toBe(false);
    expect(hasForbiddenCharacter("第一行\n第二行\r\n\t缩进")).toBe(false);
    expect(hasForbiddenCharacter("第一行\n第二行", { singleLine: true })).toBe(true);
  });

  it("names the path of each offending string and key", () => {
    expect(findForbiddenCharacters({ name: "a\u0000", formData: { ok: "fine", bad: "x\u202e" }, list: ["", "\u0001"], ["k\u0000"]: "v" })).toEqual([
      ["name"],
      ["formData", "bad"],
      ["list", "1"],
      ["k\u0000"],
    ]);
    expect(findForbiddenCharacters("plain")).toEqual([]);
    expect(findForbiddenCharacters(undefined)).toEqual([]);
  });
});
