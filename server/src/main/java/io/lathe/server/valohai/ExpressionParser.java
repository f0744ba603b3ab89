package io.lathe.server.valohai;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.List;

/**
 * Parses the small condition language of {@code stop-condition} and node action {@code if}:
 *
 * <pre>
 * or         := and ("or" and)*
 * and        := not ("and" not)*
 * not        := "not" not | comparison
 * comparison := operand (("&lt;" | "&lt;=" | "&gt;" | "&gt;=" | "==" | "!=") operand)?
 * operand    := number | 'text' | "text" | true | false | name ("." name)* | "(" or ")"
 * </pre>
 *
 * Names are letters, digits, {@code _} and {@code -} (metadata keys such as {@code val-loss}), not starting with a
 * digit; {@code True}/{@code False} are accepted as Python writes them. Comparisons do not chain ({@code a < b < c}
 * is an error). There are no calls, attributes beyond dotted names, or arithmetic: nothing can run.
 *
 * <p>Stateless and thread-safe.
 */
public final class ExpressionParser {

    /** Longer conditions are refused; real ones are a line. */
    static final int MAX_LENGTH = 1_000;
    /** Parentheses and {@code not} nest at most this deep, so a hostile text cannot exhaust the stack. */
    static final int MAX_DEPTH = 32;
    private static final List<String> COMPARISONS = List.of("<=", ">=", "==", "!=", "<", ">");

    private final String text;
    private int position;
    private int depth;

    private ExpressionParser(String text) {
        this.text = text;
    }

    /**
     * @param text the condition as written
     * @return its syntax tree
     * @throws InvalidExpressionException saying what is wrong and at which character (1-based)
     */
    public static Expression parse(String text) {
        requireNonNull(text, "text");
        if (text.length() > MAX_LENGTH) {
            throw new InvalidExpressionException(MAX_LENGTH + 1, "the condition is longer than " + MAX_LENGTH
                    + " characters");
        }
        ExpressionParser parser = new ExpressionParser(text);
        parser.skipSpace();
        if (parser.atEnd()) {
            throw new InvalidExpressionException(1, "the condition is empty");
        }
        Expression expression = parser.or();
        parser.skipSpace();
        if (!parser.atEnd()) {
            throw parser.error("unexpected '" + parser.describeHere() + "'; expected and, or or the end");
        }
        return expression;
    }

    private Expression or() {
        Expression left = and();
        while (keyword("or")) {
            left = new Expression.Logical(false, left, and());
        }
        return left;
    }

    private Expression and() {
        Expression left = not();
        while (keyword("and")) {
            left = new Expression.Logical(true, left, not());
        }
        return left;
    }

    private Expression not() {
        if (keyword("not")) {
            enter();
            Expression operand = not();
            depth--;
            return new Expression.Not(operand);
        }
        return comparison();
    }

    private Expression comparison() {
        Expression left = operand();
        String operator = comparisonOperator();
        if (operator == null) {
            return left;
        }
        Expression comparison = new Expression.Comparison(operator, left, operand());
        skipSpace();
        int chained = position;
        if (comparisonOperator() != null) {
            throw new InvalidExpressionException(chained + 1, "comparisons cannot be chained; join them with 'and'");
        }
        return comparison;
    }

    private String comparisonOperator() {
        skipSpace();
        for (String operator : COMPARISONS) {
            if (text.startsWith(operator, position)) {
                position += operator.length();
                return operator;
            }
        }
        if (!atEnd() && text.charAt(position) == '=') {
            throw error("'=' is not a comparison; write '=='");
        }
        return null;
    }

    private Expression operand() {
        skipSpace();
        if (atEnd()) {
            throw error("the condition ends too early; expected a value or a name");
        }
        char first = text.charAt(position);
        if (first == '(') {
            position++;
            enter();
            Expression inner = or();
            depth--;
            skipSpace();
            if (atEnd() || text.charAt(position) != ')') {
                throw error("expected ')'" + (atEnd() ? "" : " instead of '" + describeHere() + "'"));
            }
            position++;
            return inner;
        }
        if (first == '\'' || first == '"') {
            return new Expression.Literal(quoted(first));
        }
        if (Character.isDigit(first) || first == '.' || first == '-' || first == '+') {
            return new Expression.Literal(number());
        }
        if (Character.isLetter(first) || first == '_') {
            return nameOrConstant();
        }
        throw error("unexpected '" + describeHere() + "'; expected a value or a name");
    }

    private Expression nameOrConstant() {
        int start = position;
        StringBuilder name = new StringBuilder(word());
        while (!atEnd() && text.charAt(position) == '.') {
            position++;
            if (atEnd() || !(Character.isLetterOrDigit(text.charAt(position)) || text.charAt(position) == '_')) {
                throw error("expected a name after '.'");
            }
            name.append('.').append(word());
        }
        String written = name.toString();
        switch (written) {
            case "true", "True" -> {
                return new Expression.Literal(Boolean.TRUE);
            }
            case "false", "False" -> {
                return new Expression.Literal(Boolean.FALSE);
            }
            case "and", "or", "not" -> throw new InvalidExpressionException(start + 1,
                    "'" + written + "' needs a value before it");
            default -> {
                return new Expression.Name(written);
            }
        }
    }

    private String word() {
        int start = position;
        while (!atEnd() && (Character.isLetterOrDigit(text.charAt(position)) || text.charAt(position) == '_'
                || text.charAt(position) == '-')) {
            position++;
        }
        return text.substring(start, position);
    }

    private BigDecimal number() {
        int start = position;
        if (text.charAt(position) == '-' || text.charAt(position) == '+') {
            position++;
        }
        while (!atEnd() && (Character.isLetterOrDigit(text.charAt(position)) || text.charAt(position) == '.'
                || text.charAt(position) == '_' || ((text.charAt(position) == '-' || text.charAt(position) == '+')
                && Character.toLowerCase(text.charAt(position - 1)) == 'e'))) {
            position++;
        }
        String written = text.substring(start, position);
        try {
            return new BigDecimal(written.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new InvalidExpressionException(start + 1, "'" + written + "' is not a number");
        }
    }

    private String quoted(char quote) {
        int start = position;
        position++;
        int end = text.indexOf(quote, position);
        if (end < 0) {
            throw new InvalidExpressionException(start + 1, "the text starting here has no closing " + quote);
        }
        position = end + 1;
        return text.substring(start + 1, end);
    }

    /** Reads {@code word} if it comes next as a whole word. */
    private boolean keyword(String word) {
        skipSpace();
        int end = position + word.length();
        if (text.startsWith(word, position) && (end == text.length() || !isNamePart(text.charAt(end)))) {
            position = end;
            return true;
        }
        return false;
    }

    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw error("parentheses and 'not' nest deeper than " + MAX_DEPTH);
        }
    }

    private void skipSpace() {
        while (!atEnd() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }

    private boolean atEnd() {
        return position >= text.length();
    }

    private String describeHere() {
        int end = Math.min(text.length(), position + 10);
        return text.substring(position, end);
    }

    private InvalidExpressionException error(String problem) {
        return new InvalidExpressionException(position + 1, problem);
    }
}
