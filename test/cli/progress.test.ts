import { describe, expect, it } from "vitest";
import { lineProgress, progressWanted } from "../../src/report/progress.js";

describe("progressWanted", () => {
  const tty = { stderrIsTTY: true, env: {}, reporter: "pretty" };
  it("only for a person at a terminal with the pretty reporter", () => {
    expect(progressWanted(tty)).toBe(true);
    expect(progressWanted({ ...tty, stderrIsTTY: false })).toBe(false);
    expect(progressWanted({ ...tty, reporter: "json" })).toBe(false);
    expect(progressWanted({ ...tty, reporter: "junit" })).toBe(false);
    expect(progressWanted({ ...tty, env: { CI: "true" } })).toBe(false);
    expect(progressWanted({ ...tty, env: { CI: "1" } })).toBe(false);
    expect(progressWanted({ ...tty, env: { CI: "false" } })).toBe(true);
    expect(progressWanted({ ...tty, env: { CI: "" } })).toBe(true);
  });
});

describe("lineProgress", () => {
  it("rewrites one line, at most once per interval, cut to the terminal width, and erases it at the end", () => {
    let out = "";
    let t = 0;
    const p = lineProgress((s) => void (out += s), { columns: 30, intervalMs: 100, now: () => t });
    p.update({ done: 0, total: 100, file: "specs/a-very-long-file-name.iamspec.yaml" });
    t = 50;
    p.update({ done: 1, total: 100, file: "skipped.yaml" });
    t = 150;
    p.update({ done: 2, total: 100, file: "b.yaml" });
    p.end();
    const frames = out.split("\r\x1b[2K").slice(1);
    expect(frames).toEqual(["iam-spec 0/100 specs/a-very-…", "iam-spec 2/100 b.yaml", ""]);
    expect(frames.every((f) => f.length <= 29)).toBe(true);
  });
  it("writes nothing at the end when nothing was drawn", () => {
    let out = "";
    lineProgress((s) => void (out += s)).end();
    expect(out).toBe("");
  });
});
