package io.lathe.server.valohai;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns composed YAML nodes into plain Java values as PyYAML's {@code safe_load} would: {@code null}, Boolean, Long
 * (BigInteger when too big), Double, String, ordered maps and lists. Timestamps stay the text they were written as.
 */
final class YamlValues {

    private static final int MAX_SHOWN_LENGTH = 60;
    /**
     * Aliases share nodes, so a small file can stand for a huge value; plain copies stop here rather than exhaust
     * memory.
     */
    private static final int MAX_PLAIN_VALUES = 200_000;
    /**
     * Merge keys ({@code <<: [*a, *a]}) can repeat a mapping exponentially too: merging stops after this many keys
     * have been merged in one file.
     */
    private static final int MAX_MERGED_KEYS = 100_000;

    private final Problems problems;
    private int plainValuesLeft = MAX_PLAIN_VALUES;
    private int mergedKeysLeft = MAX_MERGED_KEYS;

    YamlValues(Problems problems) {
        this.problems = problems;
    }

    /** The value of a scalar node; an unsupported tag is reported and gives the scalar's text. */
    Object scalar(ScalarNode node) {
        Tag tag = node.getTag();
        String text = node.getValue();
        if (Tag.NULL.equals(tag)) {
            return null;
        }
        if (Tag.BOOL.equals(tag)) {
            return Boolean.valueOf(PyYamlResolver.BOOL_11.matcher(text).matches() && isTrue(text));
        }
        if (Tag.INT.equals(tag)) {
            return integer(node, text);
        }
        if (Tag.FLOAT.equals(tag)) {
            return floating(node, text);
        }
        if (Tag.STR.equals(tag) || Tag.TIMESTAMP.equals(tag)) {
            return text;
        }
        problems.error(node, "unsupported YAML tag " + tag + "; write the value without a tag");
        return text;
    }

    /**
     * The value of a scalar that the model keeps: as {@link #scalar}, but NaN and infinities, which JSON cannot carry,
     * are reported and give the text as written.
     *
     * @param where what the value is, for the message
     */
    Object storable(ScalarNode node, String where) {
        Object value = scalar(node);
        if (value instanceof Double number && !Double.isFinite(number)) {
            problems.error(node, where + ": " + node.getValue() + " is not a finite number, which Lathe cannot store"
                    + " (it keeps values as JSON); write a number, or put it in quotes to make it text");
            return node.getValue();
        }
        return value;
    }

    /**
     * The plain value of any node, maps keeping their order; recursive aliases are reported and become null.
     *
     * @param where what the value is, for messages
     */
    Object plain(Node node, String where) {
        return plain(node, where, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private Object plain(Node node, String where, Set<Node> enclosing) {
        if (--plainValuesLeft == 0) {
            problems.error(node, where + ": the file stands for more than " + MAX_PLAIN_VALUES + " values;"
                    + " are aliases (*name) repeating large parts of it?");
        }
        if (plainValuesLeft <= 0) {
            return null;
        }
        if (node instanceof ScalarNode scalar) {
            return storable(scalar, where);
        }
        if (!enclosing.add(node)) {
            problems.error(node, where + ": an alias refers to a value that contains it; a value cannot contain"
                    + " itself");
            return null;
        }
        try {
            if (node instanceof SequenceNode sequence) {
                List<Object> list = new ArrayList<>();
                for (Node item : sequence.getValue()) {
                    list.add(plain(item, where, enclosing));
                }
                return list;
            }
            Map<String, Object> map = new LinkedHashMap<>();
            YamlMapping mapping = YamlMapping.of(node, null, where, "", problems, this).orElseThrow();
            for (String key : mapping.keys()) {
                map.put(key, plain(mapping.value(key), where, enclosing));
            }
            return map;
        } finally {
            enclosing.remove(node);
        }
    }

    /**
     * Takes {@code keys} merged keys from the file's budget; false once it is spent, which is reported once, at
     * {@code source}.
     */
    boolean mayMerge(Node source, String where, int keys) {
        if (mergedKeysLeft <= 0) {
            return false;
        }
        mergedKeysLeft -= keys;
        if (mergedKeysLeft <= 0) {
            problems.error(source, where + ": merge keys (<<) stand for more than " + MAX_MERGED_KEYS + " keys;"
                    + " are aliases (*name) merging large parts of the file many times?");
            return false;
        }
        return true;
    }

    /** How a node reads in a message: {@code 'text'}, {@code the boolean 'yes'}, {@code a list}, ... */
    String describe(Node node) {
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        ScalarNode scalar = (ScalarNode) node;
        Tag tag = scalar.getTag();
        String quoted = "'" + shortened(scalar.getValue()) + "'";
        if (Tag.NULL.equals(tag)) {
            return "nothing";
        }
        if (Tag.BOOL.equals(tag)) {
            return "the boolean " + quoted;
        }
        if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
            return "the number " + scalar.getValue();
        }
        if (Tag.TIMESTAMP.equals(tag)) {
            return "the date " + quoted;
        }
        return quoted;
    }

    /** Like {@link #describe}, adding how to make YAML read a non-text scalar as text. */
    String describeForText(Node node) {
        String description = describe(node);
        boolean readAsOtherThanText = node instanceof ScalarNode scalar && !Tag.STR.equals(scalar.getTag())
                && !Tag.NULL.equals(scalar.getTag());
        if (readAsOtherThanText) {
            return description + "; put it in quotes to make it text";
        }
        return description;
    }

    static boolean isText(Node node) {
        return node instanceof ScalarNode scalar && Tag.STR.equals(scalar.getTag());
    }

    /** Long values (a whole command, say) would drown the message they appear in. */
    private static String shortened(String text) {
        String oneLine = text.strip().replace("\n", "\\n");
        return oneLine.length() <= MAX_SHOWN_LENGTH ? oneLine : oneLine.substring(0, MAX_SHOWN_LENGTH - 3) + "...";
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && Tag.NULL.equals(scalar.getTag());
    }

    private static boolean isTrue(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.equals("yes") || lower.equals("true") || lower.equals("on");
    }

    private Object integer(ScalarNode node, String text) {
        String digits = text.replace("_", "");
        int sign = 1;
        if (digits.startsWith("-") || digits.startsWith("+")) {
            sign = digits.startsWith("-") ? -1 : 1;
            digits = digits.substring(1);
        }
        try {
            BigInteger value;
            if (digits.equals("0")) {
                value = BigInteger.ZERO;
            } else if (digits.startsWith("0b")) {
                value = new BigInteger(digits.substring(2), 2);
            } else if (digits.startsWith("0x")) {
                value = new BigInteger(digits.substring(2), 16);
            } else if (digits.startsWith("0")) {
                value = new BigInteger(digits.substring(1), 8);
            } else if (digits.contains(":")) {
                value = BigInteger.ZERO;
                for (String part : digits.split(":")) {
                    value = value.multiply(BigInteger.valueOf(60)).add(new BigInteger(part));
                }
            } else {
                value = new BigInteger(digits);
            }
            value = sign < 0 ? value.negate() : value;
            return value.bitLength() < 64 ? (Object) value.longValueExact() : value;
        } catch (NumberFormatException e) {
            problems.error(node, "'" + text + "' is not a valid integer");
            return text;
        }
    }

    private Object floating(ScalarNode node, String text) {
        String value = text.replace("_", "").toLowerCase(Locale.ROOT);
        double sign = 1;
        if (value.startsWith("-") || value.startsWith("+")) {
            sign = value.startsWith("-") ? -1 : 1;
            value = value.substring(1);
        }
        if (value.equals(".inf")) {
            return sign * Double.POSITIVE_INFINITY;
        }
        if (value.equals(".nan")) {
            return Double.NaN;
        }
        try {
            if (value.contains(":")) {
                double total = 0;
                for (String part : value.split(":")) {
                    total = total * 60 + Double.parseDouble(part);
                }
                return sign * total;
            }
            return sign * Double.parseDouble(value);
        } catch (NumberFormatException e) {
            problems.error(node, "'" + text + "' is not a valid number");
            return text;
        }
    }
}
