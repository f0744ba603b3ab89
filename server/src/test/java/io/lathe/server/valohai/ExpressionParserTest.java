package io.lathe.server.valohai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpressionParserTest {

    private static boolean holds(String condition, Map<String, Object> values) {
        return ExpressionParser.parse(condition).evaluate(values);
    }

    @Test
    void andBindsTighterThanOr() {
        Expression parsed = ExpressionParser.parse("a == 1 or b == 1 and c == 1");

        Expression.Logical or = (Expression.Logical) parsed;
        assertFalse(or.and());
        assertTrue(((Expression.Logical) or.right()).and(), "b == 1 and c == 1 is one operand of or");
        assertTrue(holds("a == 1 or b == 1 and c == 1", Map.of("a", 1, "b", 0, "c", 0)));
        assertFalse(holds("(a == 1 or b == 1) and c == 1", Map.of("a", 1, "b", 0, "c", 0)));
    }

    @Test
    void notBindsTighterThanAndButLooserThanComparison() {
        assertTrue(holds("not loss > 1 and epoch >= 2", Map.of("loss", 0.5, "epoch", 2)));
        assertEquals(new Expression.Not(new Expression.Comparison(">", new Expression.Name("loss"),
                new Expression.Literal(BigDecimal.ONE))), ExpressionParser.parse("not loss > 1"));
        assertTrue(holds("not not x == 1", Map.of("x", 1)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "loss < 0.1          | true",
        "loss <= 0.05        | true",
        "loss > 0.05         | false",
        "loss >= 0.05        | true",
        "loss == 5e-2        | true",
        "loss != .05         | false",
        "epoch >= 10 and accuracy > 0.9 | true",
        "metadata.loss < 1   | true",
        "parameter.optimizer == 'adam' | true",
        "parameter.optimizer == \"sgd\" | false",
        "done == True        | true",
        "done != false       | true",
        "parameter.optimizer < 'b' | true",
        "epoch == '10'       | false",
        "epoch != '10'       | true",
        "done                | true",
        "val-loss < 1        | true",
        "-1 < epoch          | true",
    })
    void comparesNumbersTextsAndBooleans(String condition, boolean expected) {
        Map<String, Object> values = Map.of("loss", 0.05, "epoch", 10L, "accuracy", 0.95, "metadata.loss", 0.5,
                "parameter.optimizer", "adam", "done", true, "val-loss", 0);

        assertEquals(expected, holds(condition, values), condition);
    }

    @Test
    void aMissingValueMakesItsComparisonFalse() {
        assertFalse(holds("loss < 0.1", Map.of()));
        assertFalse(holds("loss >= 0.1", Map.of()));
        assertFalse(holds("loss != 0.1", Map.of()), "even != does not hold on a value never seen");
        assertTrue(holds("not loss < 0.1", Map.of()));
        assertTrue(holds("loss < 0.1 or epoch > 1", Map.of("epoch", 2)));
        assertFalse(holds("missing", Map.of()));
        java.util.HashMap<String, Object> withNull = new java.util.HashMap<>();
        withNull.put("loss", null);
        assertFalse(holds("loss < 0.1", withNull), "a null value is missing");
    }

    @Test
    void nonFiniteNumbersAreMissing() {
        assertFalse(holds("loss < 1", Map.of("loss", Double.NaN)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                   | 1  | the condition is empty",
        "loss <               | 7  | the condition ends too early; expected a value or a name",
        "loss = 1             | 6  | '=' is not a comparison; write '=='",
        "a < b < c            | 7  | comparisons cannot be chained; join them with 'and'",
        "(loss < 1            | 10 | expected ')'",
        "loss < 1)            | 9  | unexpected ')'; expected and, or or the end",
        "loss < 'x            | 8  | the text starting here has no closing '",
        "__import__('os')     | 11 | unexpected '('os')'; expected and, or or the end",
        "loss * 2 > 1         | 6  | unexpected '* 2 > 1'; expected and, or or the end",
        "and loss             | 1  | 'and' needs a value before it",
        "loss < 1.2.3         | 8  | '1.2.3' is not a number",
        "metadata. < 1        | 10 | expected a name after '.'",
        "loss < 1 and         | 13 | the condition ends too early; expected a value or a name",
    })
    void errorsSayWhatAndWhere(String condition, int position, String problem) {
        InvalidExpressionException e = assertThrows(InvalidExpressionException.class,
                () -> ExpressionParser.parse(condition));

        assertEquals(problem, e.problem(), condition);
        assertEquals(position, e.position(), condition);
        assertEquals("at character " + position + ": " + problem, e.getMessage());
    }

    @Test
    void deepNestingAndLongTextsAreRefused() {
        String deep = "(".repeat(40) + "x" + ")".repeat(40);
        assertTrue(assertThrows(InvalidExpressionException.class, () -> ExpressionParser.parse(deep)).problem()
                .contains("nest deeper than 32"));
        assertTrue(assertThrows(InvalidExpressionException.class,
                () -> ExpressionParser.parse("not ".repeat(40) + "x")).problem().contains("nest deeper"));
        String longText = "x == 1" + " or x == 1".repeat(200);
        assertTrue(assertThrows(InvalidExpressionException.class, () -> ExpressionParser.parse(longText)).problem()
                .contains("longer than 1000"));
        assertTrue(holds("(".repeat(30) + "x" + ")".repeat(30), Map.of("x", 1)));
    }
}
