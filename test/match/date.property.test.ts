/**
 * parseAwsDate against an independent reference: Date values formatted in each accepted form
 * (IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Date: W3C ISO 8601
 * or epoch seconds) must parse back to the instant they name, computed without the parser.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseAwsDate } from "../../src/match/date.js";

const pad = (n: number, w = 2): string => String(n).padStart(w, "0");

/** Instants from year 1000 to late 9999 (a day of margin so that adding an offset stays a 4-digit year). */
const instant = fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 11, 30, 0, 0, 0, 0) });
/** Offsets in minutes, -23:59..+23:59, in quarter hours and odd minutes alike. */
const offset = fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 });

function fields(ms: number) {
  const d = new Date(ms);
  return {
    y: d.getUTCFullYear(),
    mo: d.getUTCMonth() + 1,
    d: d.getUTCDate(),
    h: d.getUTCHours(),
    mi: d.getUTCMinutes(),
    s: d.getUTCSeconds(),
    ms: d.getUTCMilliseconds(),
  };
}

function tzd(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? "-" : "+";
  const a = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

describe("parseAwsDate agrees with the instant each form names", () => {
  it("YYYY-MM-DD is midnight UTC that day", () => {
    fc.assert(
      fc.property(instant, (ms) => {
        const f = fields(ms);
        return parseAwsDate(`${pad(f.y, 4)}-${pad(f.mo)}-${pad(f.d)}`) === Date.UTC(f.y, f.mo - 1, f.d);
      }),
    );
  });
  it("YYYY-MM is the first of the month", () => {
    fc.assert(fc.property(instant, (ms) => {
      const f = fields(ms);
      return parseAwsDate(`${pad(f.y, 4)}-${pad(f.mo)}`) === Date.UTC(f.y, f.mo - 1, 1);
    }));
  });
  it("hh:mmZ, hh:mm:ssZ and hh:mm:ss.sssZ", () => {
    fc.assert(
      fc.property(instant, (ms) => {
        const f = fields(ms);
        const day = `${pad(f.y, 4)}-${pad(f.mo)}-${pad(f.d)}`;
        return (
          parseAwsDate(`${day}T${pad(f.h)}:${pad(f.mi)}Z`) === ms - f.s * 1000 - f.ms &&
          parseAwsDate(`${day}T${pad(f.h)}:${pad(f.mi)}:${pad(f.s)}Z`) === ms - f.ms &&
          parseAwsDate(`${day}T${pad(f.h)}:${pad(f.mi)}:${pad(f.s)}.${pad(f.ms, 3)}Z`) === ms
        );
      }),
      { numRuns: 2000 },
    );
  });
  it("a local time with an offset names the UTC instant local - offset", () => {
    fc.assert(
      fc.property(instant, offset, (ms, off) => {
        // Format the instant as the wall clock of a zone `off` minutes ahead of UTC.
        const f = fields(ms + off * 60_000);
        const text = `${pad(f.y, 4)}-${pad(f.mo)}-${pad(f.d)}T${pad(f.h)}:${pad(f.mi)}:${pad(f.s)}.${pad(f.ms, 3)}${tzd(off)}`;
        return parseAwsDate(text) === ms;
      }),
      { numRuns: 2000 },
    );
  });
  it("agrees with Date.parse on ECMAScript-compatible strings", () => {
    fc.assert(
      fc.property(instant, offset, (ms, off) => {
        const text = new Date(ms).toISOString();
        const withOffset = text.replace("Z", tzd(off));
        return parseAwsDate(text) === Date.parse(text) && parseAwsDate(withOffset) === Date.parse(withOffset);
      }),
      { numRuns: 2000 },
    );
  });
  it("epoch SECONDS round-trip (not milliseconds)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -30_000_000_000, max: 250_000_000_000 }), (seconds) => parseAwsDate(String(seconds)) === seconds * 1000),
      { numRuns: 2000 },
    );
    expect(parseAwsDate("1577836800")).toBe(Date.UTC(2020, 0, 1));
    expect(parseAwsDate("1577836800000")).not.toBe(Date.UTC(2020, 0, 1));
  });
  it("fractions finer than a millisecond are truncated", () => {
    expect(parseAwsDate("2020-01-01T00:00:00.1239Z")).toBe(Date.UTC(2020, 0, 1, 0, 0, 0, 123));
    expect(parseAwsDate("2020-01-01T00:00:00.5Z")).toBe(Date.UTC(2020, 0, 1, 0, 0, 0, 500));
  });
  it("years before 100 are not shifted into the 1900s", () => {
    expect(parseAwsDate("0050-06-01")).toBe(new Date("0050-06-01T00:00:00Z").getTime());
  });
  it.each([
    "2020-13-01",
    "2020-02-30",
    "2019-02-29",
    "2020-01-01T24:00:00Z",
    "2020-01-01T00:60:00Z",
    "2020-01-01T00:00:60Z",
    "2020-01-01T00:00:00",
    "2020-01-01T00:00",
    "2020-01-01T00:00:00+2400",
    "2020-01-01T00:00:00+24:00",
    "2020-01-01 00:00:00Z",
    "2020-01-01t00:00:00z",
    "01/02/2020",
    "20200101",
    "",
    "now",
    "1e9",
  ])("refuses %j", (text) => {
    // "20200101" is all digits: it is epoch seconds, not a date, so it must not parse as 2020-01-01.
    const ms = parseAwsDate(text);
    if (text === "20200101") expect(ms).toBe(20200101 * 1000);
    else expect(ms).toBeUndefined();
  });
  it("2020-02-29 exists (leap year)", () => {
    expect(parseAwsDate("2020-02-29")).toBe(Date.UTC(2020, 1, 29));
  });
});
