/**
 * Dates for the Date* condition operators
 * (IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Date): "You must
 * specify date/time values with one of the W3C implementations of the ISO 8601 date formats or in epoch
 * (UNIX) time." Epoch time is in seconds (aws:EpochTime, IAM/latest/UserGuide/reference_policies_condition-keys.html).
 *
 * W3C NOTE-datetime profile accepted here: YYYY-MM, YYYY-MM-DD, and YYYY-MM-DDThh:mm[:ss[.s+]]TZD with TZD
 * `Z` or `+hh:mm`/`-hh:mm`. The profile's year-only form `YYYY` is read as epoch seconds, because an
 * all-digit string is epoch time by the same page; the docs do not settle the clash and epoch is the form
 * AWS itself uses for aws:EpochTime. A time without a zone designator is refused (the W3C profile requires one).
 */

const EPOCH = /^-?\d+(\.\d+)?$/;
const W3C =
  /^(\d{4})-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|([+-])(\d{2}):(\d{2})))?)?$/;

/** The ECMAScript Date range, in milliseconds either side of the epoch. */
const MAX_MS = 8.64e15;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function utc(year: number, month: number, day: number, hour: number, minute: number, second: number, millis: number): number {
  if (year >= 100) return Date.UTC(year, month - 1, day, hour, minute, second, millis);
  // Date.UTC maps years 0..99 to 1900..1999; setUTCFullYear does not.
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, millis);
  return d.getTime();
}

/** Epoch milliseconds for an AWS date value, or undefined when it is not one. */
export function parseAwsDate(text: string): number | undefined {
  if (EPOCH.test(text)) {
    const ms = Math.trunc(Number(text) * 1000);
    return Number.isFinite(ms) && Math.abs(ms) <= MAX_MS ? ms : undefined;
  }
  const m = W3C.exec(text);
  if (m === null) return undefined;
  const num = (i: number): number => (m[i] === undefined ? 0 : Number(m[i]));
  const year = num(1);
  const month = num(2);
  const day = m[3] === undefined ? 1 : num(3);
  const hour = num(4);
  const minute = num(5);
  const second = num(6);
  const millis = m[7] === undefined ? 0 : Number((m[7] + "00").slice(0, 3));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetMinutes = 0;
  if (m[9] !== undefined) {
    const oh = num(10);
    const om = num(11);
    if (oh > 23 || om > 59) return undefined;
    offsetMinutes = (m[9] === "-" ? -1 : 1) * (oh * 60 + om);
  }
  const ms = utc(year, month, day, hour, minute, second, millis) - offsetMinutes * 60_000;
  return Number.isFinite(ms) && Math.abs(ms) <= MAX_MS ? ms : undefined;
}
