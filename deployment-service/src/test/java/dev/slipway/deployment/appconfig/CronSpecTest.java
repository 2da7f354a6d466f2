package dev.slipway.deployment.appconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** CFG-2: crons run no more often than every 5 minutes. */
class CronSpecTest {

    @ParameterizedTest
    @ValueSource(strings = {"*/5 * * * *", "0 3 * * *", "0,5,10 * * * *", "0-59/5 * * * *",
            "3/7 */2 * * *", "0 * * * *", "15 2 1 JAN *", "30 4 * * MON-FRI", "0 0 * * 7", "2,58 8 * * *", "0,30 */2 * * sun"})
    void schedulesAtMostEveryFiveMinutesAreAccepted(String spec) {
        assertThat(CronSpec.problemWith(spec)).isNull();
        assertThat(new CronSpec(spec).value()).isEqualTo(spec);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "*/2 * * * *    | minutes 0 and 2 are 2 minutes apart",
            "* * * * *      | minutes 0 and 1 are 1 minute apart",
            "0,1,2 * * * *  | minutes 0 and 1 are 1 minute apart",
            "*/4 * * * *    | minutes 0 and 4 are 4 minutes apart",
            "0-10 3 * * *   | minutes 0 and 1 are 1 minute apart",
            "0,3 * * * *    | minutes 0 and 3 are 3 minutes apart",
            "2,58 * * * *   | minute 58 and minute 2 of the next hour are 4 minutes apart",
            "3/7 * * * *    | minute 59 and minute 3 of the next hour are 4 minutes apart",
            "1,57 23,0 * * * | minute 57 and minute 1 of the next hour are 4 minutes apart"})
    void schedulesMoreOftenThanEveryFiveMinutesAreRefused(String spec, String why) {
        assertThat(CronSpec.problemWith(spec)).isEqualTo("runs more often than every 5 minutes (" + why + ")");
        assertThatThrownBy(() -> new CronSpec(spec)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "60 * * * *    | has an invalid minute field '60': '60' is not a value from 0 to 59 (nor a range of them)",
            "0 24 * * *    | has an invalid hour field '24': '24' is not a value from 0 to 23 (nor a range of them)",
            "0 0 0 * *     | has an invalid day of month field '0': '0' is not a value from 1 to 31 (nor a range of them)",
            "0 0 * FOO *   | has an invalid month field 'FOO': 'FOO' is not a value from 1 to 12 or a name (nor a range of them)",
            "0 0 * * 8     | has an invalid day of week field '8': '8' is not a value from 0 to 7 or a name (nor a range of them)",
            "*/0 * * * *   | has an invalid minute field '*/0': step '0' is not a number from 1 to 59",
            "10-5 * * * *  | has an invalid minute field '10-5': range '10-5' runs backwards",
            "0,,5 * * * *  | has an invalid minute field '0,,5': empty list item",
            "@hourly       | must have 5 fields (minute hour day-of-month month day-of-week), not 1",
            "0 0 * * * *   | must have 5 fields (minute hour day-of-month month day-of-week), not 6"})
    void malformedSchedulesSayWhichField(String spec, String why) {
        assertThat(CronSpec.problemWith(spec)).isEqualTo(why);
    }

    @Test
    void emptyScheduleIsRefused() {
        assertThat(CronSpec.problemWith("  ")).isEqualTo("is empty");
        assertThat(CronSpec.problemWith(null)).isEqualTo("is empty");
    }
}
