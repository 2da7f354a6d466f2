package dev.slipway.deployment.appconfig;

import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * A cron schedule in the classic five fields, {@code minute hour day-of-month month day-of-week},
 * that runs no more often than every 5 minutes (CFG-2).
 *
 * <p>Each field is {@code *}, a number, a range {@code a-b}, any of those with a step
 * ({@code *}{@code /n}, {@code a-b/n}, {@code a/n} meaning a to the field's maximum), or a comma
 * list of them; months and weekdays may be named ({@code JAN}, {@code MON}), Sunday is 0 or 7.
 *
 * <p>The frequency rule looks at the minutes and hours the schedule can fire in. Two firing
 * minutes of one hour less than 5 minutes apart are refused ({@code *}, {@code *}{@code /2},
 * {@code 0,1,2}, {@code 0-10}). So is the gap from an hour's last minute to the next hour's first
 * ({@code 2,58}: 58 then 2 is 4 minutes) when the schedule can fire in two consecutive hours
 * (23 and 0 count as consecutive; the day fields are not consulted, which can only refuse a
 * schedule that would, on some calendars, have been rare enough). A single minute per hour is
 * at most hourly and always accepted.
 */
public record CronSpec(String value) {

    /** The shortest interval between two runs (CFG-2). */
    public static final int MIN_INTERVAL_MINUTES = 5;

    private static final List<String> MONTHS =
            List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    private enum Field {
        MINUTE("minute", 0, 59, List.of(), 0),
        HOUR("hour", 0, 23, List.of(), 0),
        DAY_OF_MONTH("day of month", 1, 31, List.of(), 0),
        MONTH("month", 1, 12, MONTHS, 1),
        DAY_OF_WEEK("day of week", 0, 7, DAYS, 0);

        final String label;
        final int min;
        final int max;
        final List<String> names;
        final int firstNameValue;

        Field(String label, int min, int max, List<String> names, int firstNameValue) {
            this.label = label;
            this.min = min;
            this.max = max;
            this.names = names;
            this.firstNameValue = firstNameValue;
        }
    }

    public CronSpec {
        String problem = problemWith(value);
        if (problem != null) {
            throw new IllegalArgumentException("cron spec '" + value + "' " + problem);
        }
        value = value.trim();
    }

    /** Why {@code spec} is not an acceptable schedule, as the end of a sentence ("must have 5 fields ..."), or null. */
    public static String problemWith(String spec) {
        if (spec == null || spec.isBlank()) {
            return "is empty";
        }
        String[] fields = spec.trim().split("\\s+");
        if (fields.length != 5) {
            return "must have 5 fields (minute hour day-of-month month day-of-week), not " + fields.length;
        }
        BitSet[] values = new BitSet[5];
        for (Field field : Field.values()) {
            values[field.ordinal()] = new BitSet();
            String problem = parse(fields[field.ordinal()], field, values[field.ordinal()]);
            if (problem != null) {
                return "has an invalid " + field.label + " field '" + fields[field.ordinal()] + "': " + problem;
            }
        }
        return tooFrequent(values[Field.MINUTE.ordinal()], values[Field.HOUR.ordinal()]);
    }

    private static String tooFrequent(BitSet minutes, BitSet hours) {
        int previous = -1;
        for (int minute = minutes.nextSetBit(0); minute >= 0; minute = minutes.nextSetBit(minute + 1)) {
            if (previous >= 0 && minute - previous < MIN_INTERVAL_MINUTES) {
                return "runs more often than every " + MIN_INTERVAL_MINUTES + " minutes (minutes " + previous + " and " + minute
                        + " are " + (minute - previous) + " minute" + (minute - previous == 1 ? "" : "s") + " apart)";
            }
            previous = minute;
        }
        int first = minutes.nextSetBit(0);
        int last = minutes.previousSetBit(59);
        int acrossHours = 60 - last + first;
        if (first != last && acrossHours < MIN_INTERVAL_MINUTES && firesInConsecutiveHours(hours)) {
            return "runs more often than every " + MIN_INTERVAL_MINUTES + " minutes (minute " + last
                    + " and minute " + first + " of the next hour are " + acrossHours + " minutes apart)";
        }
        return null;
    }

    private static boolean firesInConsecutiveHours(BitSet hours) {
        for (int hour = hours.nextSetBit(0); hour >= 0; hour = hours.nextSetBit(hour + 1)) {
            if (hours.get((hour + 1) % 24)) {
                return true;
            }
        }
        return false;
    }

    /** Adds the values of {@code text} to {@code into}; returns why it cannot, or null. */
    private static String parse(String text, Field field, BitSet into) {
        for (String item : text.split(",", -1)) {
            if (item.isEmpty()) {
                return "empty list item";
            }
            String range = item;
            int step = 1;
            int slash = item.indexOf('/');
            if (slash >= 0) {
                range = item.substring(0, slash);
                Integer parsed = number(item.substring(slash + 1));
                if (parsed == null || parsed < 1 || parsed > field.max) {
                    return "step '" + item.substring(slash + 1) + "' is not a number from 1 to " + field.max;
                }
                step = parsed;
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = field.min;
                to = field.max;
            } else {
                int dash = range.indexOf('-');
                Integer start = value(dash >= 0 ? range.substring(0, dash) : range, field);
                Integer end = dash >= 0 ? value(range.substring(dash + 1), field) : (slash >= 0 ? Integer.valueOf(field.max) : start);
                if (start == null || end == null) {
                    return "'" + range + "' is not a value from " + field.min + " to " + field.max
                            + (field.names.isEmpty() ? "" : " or a name") + " (nor a range of them)";
                }
                if (start > end) {
                    return "range '" + range + "' runs backwards";
                }
                from = start;
                to = end;
            }
            for (int value = from; value <= to; value += step) {
                into.set(field == Field.DAY_OF_WEEK && value == 7 ? 0 : value);
            }
        }
        return null;
    }

    private static Integer value(String text, Field field) {
        Integer number = number(text);
        if (number == null) {
            int index = field.names.indexOf(text.toUpperCase(Locale.ROOT));
            number = index < 0 ? null : index + field.firstNameValue;
        }
        return number == null || number < field.min || number > field.max ? null : number;
    }

    private static Integer number(String text) {
        if (text.isEmpty() || text.length() > 4 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        return Integer.valueOf(text);
    }

    @Override
    public String toString() {
        return value;
    }
}
