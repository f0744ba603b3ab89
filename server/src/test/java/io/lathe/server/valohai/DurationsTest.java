package io.lathe.server.valohai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The cases of valohai-yaml's test_duration_parsing.py, and what goes beyond it. */
class DurationsTest {

    static Stream<Arguments> durations() {
        return Stream.of(
                Arguments.of("60 minutes  ", Optional.of(Duration.ofHours(1))),
                Arguments.of("1h10m", Optional.of(Duration.ofMinutes(70))),
                Arguments.of("2w", Optional.of(Duration.ofDays(14))),
                Arguments.of("1.5d", Optional.of(Duration.ofHours(36))),
                Arguments.of("1.5d 2hörs", Optional.of(Duration.ofHours(38))),
                Arguments.of("1h 30m 5s", Optional.of(Duration.ofSeconds(5405))),
                Arguments.of("", Optional.empty()),
                Arguments.of("   ", Optional.empty()),
                Arguments.of(72, Optional.of(Duration.ofSeconds(72))),
                Arguments.of(72L, Optional.of(Duration.ofSeconds(72))),
                Arguments.of("1H 30M", Optional.of(Duration.ofMinutes(90))),
                Arguments.of("90", Optional.of(Duration.ofSeconds(90))),
                Arguments.of("0.5s", Optional.of(Duration.ofMillis(500))));
    }

    @ParameterizedTest
    @MethodSource("durations")
    void parsesSecondsAndDurationText(Object value, Optional<Duration> expected) {
        assertEquals(expected, Durations.parse(value));
    }

    @Test
    void nullIsNoDuration() {
        assertEquals(Optional.empty(), Durations.parse(null));
    }

    @Test
    void unknownUnitIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse("5 years"));

        assertEquals("unknown unit 'years' in '5 years'; use s, m, h, d or w, as in '1h 30m'", e.getMessage());
    }

    @Test
    void durationMustBePositive() {
        assertEquals("must be more than 0 seconds (got 0)",
                assertThrows(IllegalArgumentException.class, () -> Durations.parse(0)).getMessage());
        assertEquals("'0s' is not a positive duration; write e.g. '1h 30m' or a number of seconds",
                assertThrows(IllegalArgumentException.class, () -> Durations.parse("0s")).getMessage());
        assertEquals("'soon' is not a positive duration; write e.g. '1h 30m' or a number of seconds",
                assertThrows(IllegalArgumentException.class, () -> Durations.parse("soon")).getMessage());
    }

    @Test
    void fractionalSecondsAndBooleansAreNotDurations() {
        assertEquals("must be whole seconds or a duration such as '1h 30m' (got 1.5)",
                assertThrows(IllegalArgumentException.class, () -> Durations.parse(1.5)).getMessage());
        assertEquals("must be whole seconds or a duration such as '1h 30m' (got True)",
                assertThrows(IllegalArgumentException.class, () -> Durations.parse(true)).getMessage());
    }

    @Test
    void aNumberWithTwoDotsIsRejected() {
        assertEquals("'1.2.3' in '1.2.3h' is not a number",
                assertThrows(IllegalArgumentException.class, () -> Durations.parse("1.2.3h")).getMessage());
    }
}
