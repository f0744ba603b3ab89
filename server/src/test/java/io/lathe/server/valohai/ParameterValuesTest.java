package io.lathe.server.valohai;

import static io.lathe.server.valohai.Fixtures.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParameterValuesTest {

    private static final Step STEP = step("""
            - step:
                name: train
                image: python:3.12
                command: python train.py {parameters}
                parameters:
                  - {name: epochs, type: integer, min: 0, max: 10, default: 5}
                  - {name: lr, type: float, min: 0.0001, default: 1e-4}
                  - {name: optimizer, choices: [blep, mlem], default: blep}
                  - {name: verbose, type: flag}
                  - {name: augment, type: flag, default: yes}
                  - {name: note, optional: true}
                  - {name: seed, type: integer}
                  - {name: tags, multiple: repeat, choices: [gauss, railgun, marshmallow]}
                  - {name: costs, type: float, multiple: separate, optional: true}
                  - {name: layers, type: integer, multiple: separate, optional: true}
            """);

    private static Map<String, Object> resolve(Map<String, ?> given) throws ParameterException {
        Map<String, Object> values = new HashMap<>(Map.of("seed", 1, "tags", List.of("gauss")));
        values.putAll(given);
        return ParameterValues.resolve(STEP, values);
    }

    private static ParameterException rejected(String name, Object value) {
        Map<String, Object> given = new HashMap<>();
        given.put(name, value);
        return assertThrows(ParameterException.class, () -> resolve(given));
    }

    @Test
    void fillsDefaultsAndTypesValuesInDeclarationOrder() throws ParameterException {
        Map<String, Object> values = resolve(Map.of());

        assertEquals(List.of("epochs", "lr", "optimizer", "verbose", "augment", "seed", "tags"),
                List.copyOf(values.keySet()));
        assertEquals(5L, values.get("epochs"));
        assertEquals(1.0e-4, values.get("lr"));
        assertEquals("blep", values.get("optimizer"));
        assertEquals(false, values.get("verbose"));
        assertEquals(true, values.get("augment"));
        assertEquals(1L, values.get("seed"));
        assertEquals(List.of("gauss"), values.get("tags"));
    }

    @Test
    void integersAcceptNumbersAndNumericText() throws ParameterException {
        for (Object given : List.of(3, 3L, 3.0, new BigDecimal("3"), new BigDecimal("3.00"), "3", " 3 ", "3.0")) {
            assertEquals(3L, resolve(Map.of("epochs", given)).get("epochs"), () -> "for " + given);
        }
    }

    @Test
    void integersRejectFractionsAndText() {
        assertEquals("parameter 'epochs' must be an integer, not 3.5", rejected("epochs", 3.5).getMessage());
        assertEquals("parameter 'epochs' must be an integer, not '5.3'", rejected("epochs", "5.3").getMessage());
        assertEquals("parameter 'epochs' must be an integer, not 'abc'", rejected("epochs", "abc").getMessage());
        assertEquals("parameter 'epochs' must be an integer, not true", rejected("epochs", true).getMessage());
        assertEquals("epochs", rejected("epochs", "abc").parameter());
    }

    @Test
    void floatsAcceptNumbersAndPythonFloatText() throws ParameterException {
        assertEquals(0.5, resolve(Map.of("lr", new BigDecimal("0.5"))).get("lr"));
        assertEquals(2.0, resolve(Map.of("lr", 2)).get("lr"));
        assertEquals(0.001, resolve(Map.of("lr", "1e-3")).get("lr"));
        assertEquals(1500.5, resolve(Map.of("lr", "1_500.5")).get("lr"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello", "nan", "inf", "0x10", "1.5f", "1e999"})
    void floatsRejectWhatIsNotAFiniteNumber(String given) {
        assertEquals("parameter 'lr' must be a number, not '" + given + "'", rejected("lr", given).getMessage());
    }

    @Test
    void valuesBelowTheMinimumOrAboveTheMaximumAreRejected() {
        assertEquals("parameter 'epochs' must be at least 0, not -5", rejected("epochs", -5).getMessage());
        assertEquals("parameter 'epochs' must be at most 10, not 15", rejected("epochs", 15).getMessage());
        assertEquals("parameter 'lr' must be at least 0.0001, not 0.00001", rejected("lr", 0.00001).getMessage());
    }

    @Test
    void valuesAtTheLimitsAreAccepted() throws ParameterException {
        assertEquals(0L, resolve(Map.of("epochs", 0)).get("epochs"));
        assertEquals(10L, resolve(Map.of("epochs", 10)).get("epochs"));
        assertEquals(0.0001, resolve(Map.of("lr", "0.0001")).get("lr"));
    }

    @Test
    void valuesOutsideTheChoicesAreRejected() throws ParameterException {
        assertEquals("parameter 'optimizer' must be one of 'blep', 'mlem', not 'blop'",
                rejected("optimizer", "blop").getMessage());
        assertEquals("mlem", resolve(Map.of("optimizer", "mlem")).get("optimizer"));
    }

    @Test
    void flagsAcceptBooleansAndTheirSpellings() throws ParameterException {
        for (Object yes : List.of(true, "true", "True", "yes", "on", "1")) {
            assertEquals(true, resolve(Map.of("verbose", yes)).get("verbose"), () -> "for " + yes);
        }
        for (Object no : List.of(false, "false", "no", "off", "0")) {
            assertEquals(false, resolve(Map.of("augment", no)).get("augment"), () -> "for " + no);
        }
        assertEquals("parameter 'verbose' must be true or false, not 'maybe'",
                rejected("verbose", "maybe").getMessage());
    }

    @Test
    void unknownParameterNamesTheStepsParameters() {
        ParameterException e = rejected("epoch", 3);

        assertEquals("epoch", e.parameter());
        assertEquals("step 'train' has no parameter 'epoch'; its parameters are epochs, lr, optimizer, verbose,"
                + " augment, note, seed, tags, costs, layers", e.getMessage());
    }

    @Test
    void requiredParameterWithoutDefaultMustBeGiven() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> ParameterValues.resolve(STEP, Map.of("tags", List.of())));

        assertEquals("seed", e.parameter());
        assertEquals("parameter 'seed' is required and has no default; give it a value", e.getMessage());
    }

    @Test
    void nullMeansNoValueWhichOnlyOptionalParametersMayHave() throws ParameterException {
        Map<String, Object> given = new HashMap<>();
        given.put("note", null);
        given.put("verbose", null);
        Map<String, Object> values = resolve(given);

        assertFalse(values.containsKey("note"));
        assertEquals(false, values.get("verbose"));
        assertEquals("parameter 'epochs' is required; give it a value", rejected("epochs", null).getMessage());
        assertEquals("parameter 'epochs' is required; give it a value", rejected("epochs", " ").getMessage());
    }

    @Test
    void aListForASingleValueParameterIsRejected() {
        assertEquals("parameter 'epochs' takes a single value, not a list; it is not declared 'multiple'",
                rejected("epochs", List.of(1)).getMessage());
    }

    @Test
    void multipleParametersWrapASingleValueIntoAList() throws ParameterException {
        assertEquals(List.of(0.2), resolve(Map.of("costs", 0.2)).get("costs"));
        assertEquals(List.of(1L, 2L), resolve(Map.of("layers", List.of("1", 2))).get("layers"));
        assertEquals(List.of(), resolve(Map.of("layers", List.of())).get("layers"));
    }

    @Test
    void everyValueOfAMultipleParameterIsChecked() {
        assertEquals("parameter 'costs' must be a number, not 'e'", rejected("costs", List.of(2, "e")).getMessage());
        assertEquals("parameter 'layers' must be an integer, not 1.133",
                rejected("layers", List.of(1.133)).getMessage());
        assertTrue(rejected("tags", List.of("gauss", "john")).getMessage().contains("not 'john'"));
        assertEquals("parameter 'layers' must be a list of single values, not a list",
                rejected("layers", List.of(List.of(1))).getMessage());
        assertEquals("parameter 'layers' must be a list of single values, not null",
                rejected("layers", Arrays.asList(1, null)).getMessage());
    }

    @Test
    void stringParametersTakeNumbersAsText() throws ParameterException {
        assertEquals("5", resolve(Map.of("note", 5)).get("note"));
        assertEquals("0.5", resolve(Map.of("note", new BigDecimal("0.5"))).get("note"));
        assertEquals("1e-05", resolve(Map.of("note", 0.00001)).get("note"));
        assertEquals("true", resolve(Map.of("note", true)).get("note"));
    }

    @Test
    void aBadDefaultIsBlamedOnTheFile() {
        Step step = step("""
                - step:
                    name: s
                    image: busybox
                    command: ls
                    parameters:
                      - {name: value, type: integer, default: zoom}
                """);

        ParameterException e = assertThrows(ParameterException.class, () -> ParameterValues.resolve(step, Map.of()));
        assertEquals("parameter 'value' must be an integer, not 'zoom' (this is the step's default; give a value,"
                + " or fix the default)", e.getMessage());
    }

    @Test
    void theResultCannotBeModified() throws ParameterException {
        Map<String, Object> values = resolve(Map.of());

        assertThrows(UnsupportedOperationException.class, () -> values.put("epochs", 1L));
    }
}
