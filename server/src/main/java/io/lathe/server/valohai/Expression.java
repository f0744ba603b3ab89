package io.lathe.server.valohai;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed condition such as {@code metadata.loss < 0.1 and not (epoch < 10)}: a {@code stop-condition} of a step or
 * task, or an {@code if} of a pipeline node action. Made by {@link ExpressionParser}; evaluating it runs no code of
 * the file, it only compares values the caller hands in.
 *
 * <p><b>Missing values.</b> A name the caller has no value for makes every comparison it is part of false, and is
 * false where a truth value is needed: {@code loss < 0.1} does not hold before {@code loss} is first logged, so a
 * stop condition never stops an execution on a metric it has not seen. {@code not (loss < 0.1)} is then true.
 *
 * <p><b>Comparing.</b> Numbers compare by value ({@code 1 == 1.0}); texts compare with texts; true and false only
 * with {@code ==} and {@code !=}. Values of different kinds are not equal, and ordering them is false.
 */
public sealed interface Expression {

    /**
     * Whether the condition holds for {@code values}.
     *
     * @param values by name as written in the expression, e.g. {@code metadata.loss} or {@code loss}; numbers,
     *     texts, booleans; a null value counts as missing
     */
    default boolean evaluate(Map<String, Object> values) {
        requireNonNull(values, "values");
        return truth(value(values));
    }

    /** The value of this part, or empty when it depends on a value that is missing. */
    Optional<Object> value(Map<String, Object> values);

    private static boolean truth(Optional<Object> value) {
        if (value.isEmpty()) {
            return false;
        }
        Object present = value.get();
        if (present instanceof Boolean bool) {
            return bool;
        }
        if (present instanceof BigDecimal number) {
            return number.signum() != 0;
        }
        return !present.toString().isEmpty();
    }

    /** A number (held exactly), a text or true/false as written. */
    record Literal(Object literal) implements Expression {
        public Literal {
            requireNonNull(literal, "literal");
        }

        @Override
        public Optional<Object> value(Map<String, Object> values) {
            return Optional.of(literal);
        }
    }

    /** A name such as {@code loss} or {@code metadata.loss}, looked up as written. */
    record Name(String name) implements Expression {
        public Name {
            requireNonNull(name, "name");
        }

        @Override
        public Optional<Object> value(Map<String, Object> values) {
            Object value = values.get(name);
            if (value instanceof Number number) {
                return Numbers.exact(number).map(exact -> (Object) exact);
            }
            return Optional.ofNullable(value);
        }
    }

    /** {@code not operand}. */
    record Not(Expression operand) implements Expression {
        public Not {
            requireNonNull(operand, "operand");
        }

        @Override
        public Optional<Object> value(Map<String, Object> values) {
            return Optional.of(!operand.evaluate(values));
        }
    }

    /** {@code left and right} or {@code left or right}; the right side is only looked at when it matters. */
    record Logical(boolean and, Expression left, Expression right) implements Expression {
        public Logical {
            requireNonNull(left, "left");
            requireNonNull(right, "right");
        }

        @Override
        public Optional<Object> value(Map<String, Object> values) {
            boolean first = left.evaluate(values);
            return Optional.of(and ? first && right.evaluate(values) : first || right.evaluate(values));
        }
    }

    /** {@code left op right} with op one of {@code < <= > >= == !=}. */
    record Comparison(String operator, Expression left, Expression right) implements Expression {
        public Comparison {
            requireNonNull(operator, "operator");
            requireNonNull(left, "left");
            requireNonNull(right, "right");
        }

        @Override
        public Optional<Object> value(Map<String, Object> values) {
            Optional<Object> a = left.value(values);
            Optional<Object> b = right.value(values);
            if (a.isEmpty() || b.isEmpty()) {
                return Optional.of(false);
            }
            return Optional.of(compare(a.get(), b.get()));
        }

        private boolean compare(Object a, Object b) {
            Integer order = null;
            if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
                order = x.compareTo(y);
            } else if (a instanceof String x && b instanceof String y) {
                order = x.compareTo(y);
            } else if (a instanceof Boolean && b instanceof Boolean) {
                order = a.equals(b) ? 0 : null;
                if (order == null) {
                    return operator.equals("!=");
                }
            }
            if (order == null) {
                return operator.equals("!=");
            }
            return switch (operator) {
                case "<" -> order < 0 && !(a instanceof Boolean);
                case "<=" -> order <= 0 && !(a instanceof Boolean);
                case ">" -> order > 0 && !(a instanceof Boolean);
                case ">=" -> order >= 0 && !(a instanceof Boolean);
                case "==" -> order == 0;
                default -> order != 0;
            };
        }
    }
}
