package io.lathe.server.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pf4j.DefaultVersionManager;

class LatheVersionTest {

    @Test
    void theVersionIsTheOneTheBuildGave() {
        assertEquals(System.getProperty("lathe.project.version"), LatheSettings.VERSION);
    }

    @Test
    void pluginsAreCheckedAgainstTheVersionWithoutItsQualifier() {
        assertEquals("0.1.0", LatheSettings.withoutQualifier("0.1.0-SNAPSHOT"));
        assertEquals("1.2.3", LatheSettings.withoutQualifier("1.2.3"));
        assertEquals("1.2.3", LatheSettings.withoutQualifier("1.2.3-rc.1+build.5"));
        assertEquals(LatheSettings.withoutQualifier(LatheSettings.VERSION), LatheSettings.SYSTEM_VERSION);
        assertThrows(IllegalStateException.class, () -> LatheSettings.withoutQualifier("1.2"));
    }

    @Test
    void aSnapshotBuildMeetsTheRangeItsOwnPluginsRequire() {
        // plugins/pom.xml gives every bundled plugin this Plugin-Requires; PF4J reads it the semantic-versioning way,
        // where 0.1.0-SNAPSHOT comes before 0.1.0.
        String bundledPluginsRequire = ">=0.1.0 & <1.0.0";
        DefaultVersionManager pf4j = new DefaultVersionManager();
        assertTrue(pf4j.checkVersionConstraint(LatheSettings.withoutQualifier("0.1.0-SNAPSHOT"),
                bundledPluginsRequire));
        assertTrue(pf4j.checkVersionConstraint(LatheSettings.SYSTEM_VERSION, bundledPluginsRequire));
    }
}
