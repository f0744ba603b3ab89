package io.lathe.server.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LimitsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        Limits limits = Limits.defaults();
        assertEquals(1024 * 1024, limits.maxRequestBytes());
        assertEquals(512L * 1024 * 1024, limits.maxPackageBytes());
        assertEquals(50_000, limits.maxPackageFiles());
        assertEquals(2L * 1024 * 1024 * 1024, limits.maxUnpackedBytes());
        assertEquals(1024 * 1024, limits.maxLogLineBytes());
        assertEquals(256 * 1024, limits.maxMetadataLineBytes());
        assertEquals(256L * 1024 * 1024, limits.maxPluginBytes());
    }

    @Test
    void aLimitBelowOneStopsTheServerNamingItsVariable() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> new Limits(0, 1, 1, 1, 1, 1));
        assertEquals("LATHE_MAX_REQUEST_BYTES must be 1 or more, not 0", zero.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> new Limits(1, 1, 1, 1, 1, -5));
        assertEquals("LATHE_MAX_METADATA_LINE_BYTES must be 1 or more, not -5", negative.getMessage());
    }

    @Test
    void eachLimitIsReadFromItsOwnSetting() {
        Limits limits = new Limits(11, 22, 33, 66, 44, 55, 77);
        assertEquals(11, limits.maxRequestBytes());
        assertEquals(22, limits.maxPackageBytes());
        assertEquals(33, limits.maxPackageFiles());
        assertEquals(66, limits.maxUnpackedBytes());
        assertEquals(44, limits.maxLogLineBytes());
        assertEquals(55, limits.maxMetadataLineBytes());
        assertEquals(77, limits.maxPluginBytes());
    }

    @Test
    void theBannerLineShowsEveryLimitInForce() {
        assertEquals("request 11 B, package 22 B and 33 files, 66 B unpacked, log line 44 B, metadata line 55 B,"
                + " plugin 77 B, http(s) input " + Limits.DEFAULT_MAX_INPUT_BYTES + " B",
                new Limits(11, 22, 33, 66, 44, 55, 77).describe());
    }

    @Test
    void aSettingThatIsNotAWholeNumberStopsTheServerNamingItsVariable() {
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class,
                () -> new Limits("1", "1", "abc", "1", "1", "1", "1", "1"));
        assertEquals("LATHE_MAX_PACKAGE_FILES must be a whole number from 1 to 2147483647, not 'abc'",
                typo.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new Limits("1", "1", "1", "1", "3000000000", "1", "1", "1"));
        assertEquals(1_000, new Limits(" 1000 ", "1", "1", "1", "1", "1", "1", "1").maxRequestBytes());
        assertEquals(5, new Limits("1", "1", "1", "1", "1", "1", "1", "5").maxInputBytes());
        assertThrows(IllegalArgumentException.class, () -> new Limits("1", "1", "1", "1", "1", "1", "1", "0"));
    }
}
