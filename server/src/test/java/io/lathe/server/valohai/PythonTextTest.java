package io.lathe.server.valohai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PythonTextTest {

    @ParameterizedTest
    @CsvSource({
        "0.0001, 0.0001",
        "0.00001, 1e-05",
        "0.000015, 1.5e-05",
        "2.0, 2.0",
        "100.0, 100.0",
        "123.456, 123.456",
        "1e15, 1000000000000000.0",
        "1e16, 1e+16",
        "123456789012345678, 1.2345678901234568e+17",
        "-0.5, -0.5",
        "0.0, 0.0",
        "-0.0, -0.0"})
    void floatsAreWrittenAsPythonReprWritesThem(double value, String expected) {
        assertEquals(expected, PythonText.floatRepr(value));
    }

    @Test
    void specialFloatsAndOtherValuesAreWrittenAsPythonStrWritesThem() {
        assertEquals("inf", PythonText.str(Double.POSITIVE_INFINITY));
        assertEquals("nan", PythonText.str(Double.NaN));
        assertEquals("True", PythonText.str(true));
        assertEquals("None", PythonText.str(null));
        assertEquals("3", PythonText.str(new BigDecimal("3")));
        assertEquals("3.0", PythonText.str(new BigDecimal("3.0")));
        assertEquals("['a', \"it's\", 1, 0.5]", PythonText.str(List.of("a", "it's", 1L, 0.5)));
        assertEquals("{'k': 'v\\n'}", PythonText.str(Map.of("k", "v\n")));
    }

    @Test
    void truthinessFollowsPython() {
        assertFalse(PythonText.truthy(null));
        assertFalse(PythonText.truthy(""));
        assertFalse(PythonText.truthy(0L));
        assertFalse(PythonText.truthy(0.0));
        assertFalse(PythonText.truthy(List.of()));
        assertTrue(PythonText.truthy("false"));
        assertTrue(PythonText.truthy(true));
        assertTrue(PythonText.truthy(new BigDecimal("0.1")));
    }
}
