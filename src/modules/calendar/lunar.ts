/**
 * The Chinese lunisolar calendar and the solar terms, computed from the positions of the Sun and
 * the Moon. Pure TypeScript: no framework or database imports, no table of years.
 *
 * Why computed: beyond the last year the State Council has published, the holidays of the
 * 《全国年节及纪念日放假办法》 fall on lunar dates (Spring Festival, Dragon Boat, Mid-Autumn) and on a
 * solar term (Qingming), so a provisional year needs them; a table would run out like the calendar.
 *
 * Astronomy (Jean Meeus, "Astronomical Algorithms", 2nd ed.):
 * - true new moons: chapter 49 (periodic terms and planetary arguments; error well under a minute);
 * - the Sun's apparent longitude: chapter 25, low-accuracy method (about 0.01°, i.e. about a
 *   quarter of an hour of the Sun's motion), enough to find the day of a solar term;
 * - ΔT (TT − UT): the Espenak–Meeus polynomials.
 *
 * The calendar rules (GB/T 33661-2017 《农历的编算和颁行》), all in Beijing time (UTC+8):
 * - a month begins on the day of a new moon;
 * - the month holding the winter solstice is the 11th;
 * - when 13 months begin from one 11th month up to the next, the first of them without a principal
 *   solar term (中气, the Sun's longitude a multiple of 30°) is a leap month and repeats the
 *   number of the month before it.
 *
 * Days are numbered as in model.ts: days since 1970-01-01 (here: of the Beijing date).
 */

const DEG = Math.PI / 180;
/** Julian day of 1970-01-01 00:00 UT. */
const JD_UNIX_EPOCH = 2440587.5;
/** Beijing time is UTC+8, in days. */
const BEIJING_OFFSET_DAYS = 8 / 24;

function sinDeg(x: number): number {
  return Math.sin(x * DEG);
}

function normDeg(x: number): number {
  const r = x % 360;
  return r < 0 ? r + 360 : r;
}

/** ΔT = TT − UT in seconds (Espenak and Meeus, NASA five-millennium canon, 2005–2150). */
export function deltaTSeconds(year: number): number {
  if (year < 2050) {
    const t = year - 2000;
    return 62.92 + 0.32217 * t + 0.005589 * t * t;
  }
  const u = (year - 1820) / 100;
  return -20 + 32 * u * u - 0.5628 * (2150 - year);
}

/** The year (with fraction) of a Julian day, close enough for ΔT. */
function yearOfJd(jd: number): number {
  return 2000 + (jd - 2451545) / 365.25;
}

function ttToUt(jde: number): number {
  return jde - deltaTSeconds(yearOfJd(jde)) / 86_400;
}

function utToTt(jd: number): number {
  return jd + deltaTSeconds(yearOfJd(jd)) / 86_400;
}

/** The Beijing calendar day (days since 1970-01-01) of an instant given as a Julian day (UT). */
function beijingDayOfJdUt(jd: number): number {
  return Math.floor(jd - JD_UNIX_EPOCH + BEIJING_OFFSET_DAYS);
}

/** The instant (Julian day, UT) at which Beijing day `day` begins (00:00 UTC+8). */
function jdUtAtBeijingMidnight(day: number): number {
  return JD_UNIX_EPOCH + day - BEIJING_OFFSET_DAYS;
}

/**
 * The Sun's apparent geocentric longitude in degrees [0, 360) at a Julian Ephemeris Day
 * (Meeus ch. 25, low accuracy: the equation of the centre, then nutation and aberration).
 */
export function sunApparentLongitude(jde: number): number {
  const t = (jde - 2451545) / 36525;
  const l0 = 280.46646 + 36000.76983 * t + 0.0003032 * t * t;
  const m = 357.52911 + 35999.05029 * t - 0.0001537 * t * t;
  const c = (1.914602 - 0.004817 * t - 0.000014 * t * t) * sinDeg(m) + (0.019993 - 0.000101 * t) * sinDeg(2 * m) + 0.000289 * sinDeg(3 * m);
  const omega = 125.04 - 1934.136 * t;
  return normDeg(l0 + c - 0.00569 - 0.00478 * sinDeg(omega));
}

/** The Sun's apparent longitude at the start (00:00 Beijing time) of Beijing day `day`. */
function sunLongitudeAtDayStart(day: number): number {
  return sunApparentLongitude(utToTt(jdUtAtBeijingMidnight(day)));
}

/**
 * The Julian Ephemeris Day of the true new moon of lunation `k` (k = 0 is the new moon of
 * 2000-01-06), Meeus ch. 49.
 */
export function newMoonJde(k: number): number {
  const t = k / 1236.85;
  const t2 = t * t;
  const t3 = t2 * t;
  const t4 = t3 * t;
  let jde = 2451550.09766 + 29.530588861 * k + 0.00015437 * t2 - 0.00000015 * t3 + 0.00000000073 * t4;
  const e = 1 - 0.002516 * t - 0.0000074 * t2;
  const m = 2.5534 + 29.1053567 * k - 0.0000014 * t2 - 0.00000011 * t3;
  const mp = 201.5643 + 385.81693528 * k + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4;
  const f = 160.7108 + 390.67050284 * k - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4;
  const om = 124.7746 - 1.56375588 * k + 0.0020672 * t2 + 0.00000215 * t3;

  jde +=
    -0.4072 * sinDeg(mp) +
    0.17241 * e * sinDeg(m) +
    0.01608 * sinDeg(2 * mp) +
    0.01039 * sinDeg(2 * f) +
    0.00739 * e * sinDeg(mp - m) -
    0.00514 * e * sinDeg(mp + m) +
    0.00208 * e * e * sinDeg(2 * m) -
    0.00111 * sinDeg(mp - 2 * f) -
    0.00057 * sinDeg(mp + 2 * f) +
    0.00056 * e * sinDeg(2 * mp + m) -
    0.00042 * sinDeg(3 * mp) +
    0.00042 * e * sinDeg(m + 2 * f) +
    0.00038 * e * sinDeg(m - 2 * f) -
    0.00024 * e * sinDeg(2 * mp - m) -
    0.00017 * sinDeg(om) -
    0.00007 * sinDeg(mp + 2 * m) +
    0.00004 * sinDeg(2 * mp - 2 * f) +
    0.00004 * sinDeg(3 * m) +
    0.00003 * sinDeg(mp + m - 2 * f) +
    0.00003 * sinDeg(2 * mp + 2 * f) -
    0.00003 * sinDeg(mp + m + 2 * f) +
    0.00003 * sinDeg(mp - m + 2 * f) -
    0.00002 * sinDeg(mp - m - 2 * f) -
    0.00002 * sinDeg(3 * mp + m) +
    0.00002 * sinDeg(4 * mp);

  // Planetary arguments: [argument at k = 0, rate per lunation, coefficient].
  const planetary: ReadonlyArray<readonly [number, number, number]> = [
    [299.77, 0.107408, 0.000325],
    [251.88, 0.016321, 0.000165],
    [251.83, 26.651886, 0.000164],
    [349.42, 36.412478, 0.000126],
    [84.66, 18.206239, 0.00011],
    [141.74, 53.303771, 0.000062],
    [207.14, 2.453732, 0.00006],
    [154.84, 7.30686, 0.000056],
    [34.52, 27.261239, 0.000047],
    [207.19, 0.121824, 0.000042],
    [291.34, 1.844379, 0.00004],
    [161.72, 24.198154, 0.000037],
    [239.56, 25.513099, 0.000035],
    [331.55, 3.592518, 0.000023],
  ];
  for (const [i, [a0, rate, coeff]] of planetary.entries()) {
    // A1 alone has a T² term.
    const a = a0 + rate * k - (i === 0 ? 0.009173 * t2 : 0);
    jde += coeff * sinDeg(a);
  }
  return jde;
}

/** The Beijing day of the new moon of lunation `k`. */
function newMoonDay(k: number): number {
  return beijingDayOfJdUt(ttToUt(newMoonJde(k)));
}

/**
 * The Beijing day on which the Sun's apparent longitude reaches `longitude` (degrees), searched
 * in the days [fromDay, fromDay + span). The term falls on day d when the longitude at the start
 * of d is below it and at the start of d + 1 is not.
 */
export function solarTermDay(longitude: number, fromDay: number, span = 40): number {
  const target = normDeg(longitude);
  // Degrees still to go before the Sun reaches the target, in (−180, 180].
  const ahead = (day: number): number => {
    const d = normDeg(target - sunLongitudeAtDayStart(day));
    return d > 180 ? d - 360 : d;
  };
  for (let day = fromDay; day < fromDay + span; day += 1) {
    if (ahead(day) > 0 && ahead(day + 1) <= 0) return day;
  }
  throw new RangeError(`No solar longitude ${longitude}° within ${span} days of day ${fromDay}`);
}

function dayOf(year: number, month: number, dayOfMonth: number): number {
  return Date.UTC(year, month - 1, dayOfMonth) / 86_400_000;
}

/** The Beijing day of the winter solstice (冬至, the Sun at 270°) of a Gregorian year. */
export function winterSolsticeDay(year: number): number {
  return solarTermDay(270, dayOf(year, 12, 15), 15);
}

/** The Beijing day of Qingming (清明, the Sun at 15°) of a Gregorian year. */
export function qingmingDay(year: number): number {
  return solarTermDay(15, dayOf(year, 3, 30), 15);
}

/** Whether the lunar month [start, end) holds no principal solar term (中气). */
function lacksPrincipalTerm(start: number, end: number): boolean {
  return Math.floor(sunLongitudeAtDayStart(start) / 30) === Math.floor(sunLongitudeAtDayStart(end) / 30);
}

/** One lunar month: its number (1–12), whether it is a leap month, and its first day. */
export interface LunarMonth {
  month: number;
  leap: boolean;
  /** Days since 1970-01-01 of its first day (初一), Beijing date. */
  start: number;
}

/** The first lunation index whose new moon falls on or before `day`, searching back from an estimate. */
function lunationOnOrBefore(day: number): number {
  // 2000-01-06 is day 10962; a lunation is about 29.53 days.
  let k = Math.floor((day - 10962) / 29.530588861) + 1;
  while (newMoonDay(k) > day) k -= 1;
  return k;
}

/**
 * The lunar months from the 11th month holding the winter solstice of `year − 1` up to (not
 * including) the 11th month holding the winter solstice of `year`: 12 or 13 months, numbered.
 * Every lunar date of the Gregorian `year` before mid-November lies in them.
 */
export function lunarMonthsOfSui(year: number): LunarMonth[] {
  const k11 = lunationOnOrBefore(winterSolsticeDay(year - 1));
  const kNext11 = lunationOnOrBefore(winterSolsticeDay(year));
  const starts: number[] = [];
  for (let k = k11; k <= kNext11; k += 1) starts.push(newMoonDay(k));
  const count = starts.length - 1;
  if (count !== 12 && count !== 13) throw new Error(`A lunar year of ${count} months between the winter solstices of ${year - 1} and ${year}`);
  let leapIndex = -1;
  if (count === 13) {
    for (let i = 1; i < count; i += 1) {
      if (lacksPrincipalTerm(starts[i]!, starts[i + 1]!)) {
        leapIndex = i;
        break;
      }
    }
  }
  const months: LunarMonth[] = [];
  let number = 11;
  for (let i = 0; i < count; i += 1) {
    const leap = i === leapIndex;
    if (i > 0 && !leap) number = (number % 12) + 1;
    months.push({ month: number, leap, start: starts[i]! });
  }
  return months;
}

/**
 * The Beijing day (days since 1970-01-01) of a day of a regular (not leap) lunar month in the
 * lunar year that begins in Gregorian `year`: month 1 day 1 is the Spring Festival.
 */
export function lunarDay(year: number, month: number, dayOfMonth: number): number {
  const months = lunarMonthsOfSui(year);
  // Months 11 and 12 at the head of the list belong to the previous lunar year.
  const firstOfYear = months.findIndex((m) => m.month === 1 && !m.leap);
  const found = months.slice(firstOfYear).find((m) => m.month === month && !m.leap);
  if (firstOfYear < 0 || !found) throw new RangeError(`Lunar month ${month} of ${year} is outside the computed months`);
  return found.start + dayOfMonth - 1;
}
