/**
 * Danish working days (hverdage) from a holiday calendar held as data (the `calendar.holidays`
 * rule): Easter-based holidays as offsets from Easter Sunday, fixed-date holidays, extra closed
 * dates a municipality may add, and the weekend. Pure functions on ISO dates (YYYY-MM-DD); the
 * time zone is handled by the callers (clocks.ts).
 */
import { DateTime } from 'luxon';
import { z } from 'zod';

export const HolidayCalendar = z.object({
  /** Days counted from Easter Sunday (−3 Maundy Thursday … +50 Whit Monday), optionally bounded by year. */
  easterOffsets: z.array(z.object({ offset: z.number().int().min(-60).max(60), name: z.string(), fromYear: z.number().int().optional(), untilYear: z.number().int().optional() })),
  fixed: z.array(z.object({ month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31), name: z.string(), fromYear: z.number().int().optional(), untilYear: z.number().int().optional() })),
  /** Single dates the municipality treats as closed (YYYY-MM-DD), e.g. a decided closing day. */
  extraClosedDates: z.array(z.iso.date()).default([]),
  /** ISO weekday numbers that are never working days (6 Saturday, 7 Sunday). */
  weekend: z.array(z.number().int().min(1).max(7)).default([6, 7]),
});
export type HolidayCalendar = z.infer<typeof HolidayCalendar>;

/**
 * Easter Sunday in the Gregorian calendar (the anonymous algorithm published in Nature, 1876,
 * also known as Meeus/Jones/Butcher). Returns an ISO date.
 */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function inYears(rule: { fromYear?: number; untilYear?: number }, year: number): boolean {
  return (rule.fromYear === undefined || year >= rule.fromYear) && (rule.untilYear === undefined || year <= rule.untilYear);
}

/** The public holidays of one year under a calendar, sorted, with their names. */
export function holidaysOf(calendar: HolidayCalendar, year: number): { date: string; name: string }[] {
  const easter = DateTime.fromISO(easterSunday(year), { zone: 'utc' });
  const days: { date: string; name: string }[] = [];
  for (const rule of calendar.easterOffsets) {
    if (inYears(rule, year)) days.push({ date: easter.plus({ days: rule.offset }).toISODate()!, name: rule.name });
  }
  for (const rule of calendar.fixed) {
    if (inYears(rule, year)) {
      const date = DateTime.fromObject({ year, month: rule.month, day: rule.day }, { zone: 'utc' });
      if (date.isValid) days.push({ date: date.toISODate()!, name: rule.name });
    }
  }
  for (const date of calendar.extraClosedDates) if (date.startsWith(`${year}-`)) days.push({ date, name: 'closed' });
  return days.sort((a, b) => a.date.localeCompare(b.date));
}

/** A fast membership test for a calendar, caching each year's holidays. */
export class WorkingDays {
  private readonly years = new Map<number, Set<string>>();
  constructor(private readonly calendar: HolidayCalendar) {}

  private holidaySet(year: number): Set<string> {
    let set = this.years.get(year);
    if (!set) {
      set = new Set(holidaysOf(this.calendar, year).map((holiday) => holiday.date));
      this.years.set(year, set);
    }
    return set;
  }

  /** Whether an ISO date is a working day (not a weekend day, not a holiday). */
  isWorkingDay(isoDate: string): boolean {
    const date = DateTime.fromISO(isoDate, { zone: 'utc' });
    if (this.calendar.weekend.includes(date.weekday)) return false;
    return !this.holidaySet(date.year).has(isoDate);
  }

  /**
   * The date `count` working days after `isoDate`; the start day itself is not counted (a
   * notification received on a Monday with 6 working days is due the following Tuesday).
   */
  addWorkingDays(isoDate: string, count: number): string {
    let date = DateTime.fromISO(isoDate, { zone: 'utc' });
    let left = count;
    while (left > 0) {
      date = date.plus({ days: 1 });
      if (this.isWorkingDay(date.toISODate()!)) left -= 1;
    }
    return date.toISODate()!;
  }
}
