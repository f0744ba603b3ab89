package io.lathe.server.valohai;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML mapping read field by field. Each getter reports a value of the wrong shape as an error on that value's
 * line, prefixed with what the mapping is ({@code step 'train', parameter 'lr'}), and then answers "absent", so that
 * reading goes on and finds the other errors too. Merge keys ({@code <<: *defaults}) are applied like PyYAML does;
 * a repeated key is a warning and the later value wins.
 */
final class YamlMapping {

    private static final int MAX_MERGE_DEPTH = 20;

    private final MappingNode node;
    private final Node owner;
    private final Problems problems;
    private final YamlValues values;
    private final Map<String, NodeTuple> entries;
    private final List<Node> repeatedKeys = new ArrayList<>();
    private String where;

    /**
     * @param owner the node that names this mapping (such as the {@code step} key), whose line is given for keys that
     *     are missing; the mapping itself when null
     * @param where what the mapping is, for messages
     */
    private YamlMapping(MappingNode node, Node owner, String where, Problems problems, YamlValues values) {
        this.node = node;
        this.owner = owner == null ? node : owner;
        this.where = where;
        this.problems = problems;
        this.values = values;
        this.entries = entriesOf(node, 0);
    }

    /**
     * Reads {@code node} as a mapping, or reports that it is none and returns empty.
     *
     * @param expected what the mapping should hold, for the message when it is none: {@code " with a name"}
     */
    static Optional<YamlMapping> of(Node node, Node owner, String where, String expected, Problems problems,
            YamlValues values) {
        if (node instanceof MappingNode mapping) {
            YamlMapping read = new YamlMapping(mapping, owner, where, problems, values);
            read.reportRepeatedKeys();
            return Optional.of(read);
        }
        problems.error(node, where + " must be a mapping" + expected + " (got " + values.describe(node) + ")");
        return Optional.empty();
    }

    /**
     * Like {@link #of}, for a mapping with a {@code name} key: its messages then say which one it is, as in
     * {@code step 'train'} rather than {@code step}.
     */
    static Optional<YamlMapping> ofNamed(Node node, Node owner, String where, String expected, Problems problems,
            YamlValues values) {
        if (node instanceof MappingNode mapping) {
            YamlMapping read = new YamlMapping(mapping, owner, where, problems, values);
            Node name = read.value("name");
            if (YamlValues.isText(name)) {
                read.where = where + " '" + ((ScalarNode) name).getValue() + "'";
            }
            read.reportRepeatedKeys();
            return Optional.of(read);
        }
        return of(node, owner, where, expected, problems, values);
    }

    /**
     * The text under {@code name} in {@code node}, without reporting anything: how a reference finds an item that
     * was declared even when the item itself has errors (which are reported on the item, not on the reference).
     */
    static Optional<String> nameOf(Node node) {
        if (node instanceof MappingNode mapping) {
            return mapping.getValue().stream()
                    .filter(tuple -> tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals("name"))
                    .map(NodeTuple::getValueNode)
                    .filter(YamlValues::isText)
                    .map(name -> ((ScalarNode) name).getValue())
                    .findFirst();
        }
        return Optional.empty();
    }

    private void reportRepeatedKeys() {
        for (Node key : repeatedKeys) {
            problems.warning(key, where + ": key '" + ((ScalarNode) key).getValue()
                    + "' appears more than once; the last value is used");
        }
        repeatedKeys.clear();
    }

    String where() {
        return where;
    }

    MappingNode node() {
        return node;
    }

    Set<String> keys() {
        return entries.keySet();
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    /** The value node of {@code key}, or null. */
    Node value(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple == null ? null : tuple.getValueNode();
    }

    Node keyNode(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple == null ? null : tuple.getKeyNode();
    }

    /** Reports every key not in {@code allowed} as an error. */
    void allowOnly(Collection<String> allowed) {
        for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
            if (!allowed.contains(entry.getKey())) {
                problems.error(entry.getValue().getKeyNode(), where + ": unknown key '" + entry.getKey()
                        + "'; the keys allowed here are " + String.join(", ", allowed));
            }
        }
    }

    /** Reports a missing or empty {@code key}; true when it has a value. */
    boolean require(String key) {
        Node value = value(key);
        if (value == null) {
            problems.error(owner, where + ": missing required key '" + key + "'");
            return false;
        }
        if (YamlValues.isNull(value)) {
            problems.error(value, where + ": " + key + " needs a value");
            return false;
        }
        return true;
    }

    /** A text value; an empty value ({@code key:} or {@code ~}) counts as absent. */
    Optional<String> text(String key) {
        Node value = value(key);
        if (value == null || YamlValues.isNull(value)) {
            return Optional.empty();
        }
        if (!YamlValues.isText(value)) {
            problems.error(value, where + ": " + key + " must be text (got " + values.describeForText(value) + ")");
            return Optional.empty();
        }
        return Optional.of(((ScalarNode) value).getValue());
    }

    Optional<String> requiredText(String key) {
        return require(key) ? text(key) : Optional.empty();
    }

    Optional<Boolean> bool(String key) {
        Node value = value(key);
        if (value == null || YamlValues.isNull(value)) {
            return Optional.empty();
        }
        if (value instanceof ScalarNode scalar && Tag.BOOL.equals(scalar.getTag())) {
            return Optional.of((Boolean) values.scalar(scalar));
        }
        problems.error(value, where + ": " + key + " must be true or false (got " + values.describe(value) + ")");
        return Optional.empty();
    }

    /** A finite number; text that reads as one (PyYAML leaves {@code 1e-4} as text) is accepted as well. */
    Optional<Number> number(String key) {
        Node value = value(key);
        if (value == null || YamlValues.isNull(value)) {
            return Optional.empty();
        }
        if (value instanceof ScalarNode scalar) {
            Optional<Number> number = Numbers.parse(values.scalar(scalar));
            if (number.isPresent() && Numbers.exact(number.get()).isPresent()) {
                return number;
            }
        }
        problems.error(value, where + ": " + key + " must be a number (got " + values.describe(value) + ")");
        return Optional.empty();
    }

    /** One of {@code allowed}, as written. */
    Optional<String> oneOf(String key, List<String> allowed) {
        Node value = value(key);
        if (value == null || YamlValues.isNull(value)) {
            return Optional.empty();
        }
        if (YamlValues.isText(value) && allowed.contains(((ScalarNode) value).getValue())) {
            return Optional.of(((ScalarNode) value).getValue());
        }
        problems.error(value, where + ": " + key + " must be one of " + String.join(", ", allowed)
                + " (got " + values.describe(value) + ")");
        return Optional.empty();
    }

    /** The items of a list; an empty value counts as an empty list. */
    Optional<List<Node>> list(String key) {
        Node value = value(key);
        if (value == null || YamlValues.isNull(value)) {
            return Optional.empty();
        }
        if (value instanceof SequenceNode sequence) {
            return Optional.of(sequence.getValue());
        }
        problems.error(value, where + ": " + key + " must be a list (got " + values.describe(value) + ")");
        return Optional.empty();
    }

    /** A list of text items, such as {@code cache-volumes}. */
    List<String> textList(String key) {
        List<String> texts = new ArrayList<>();
        for (Node item : list(key).orElse(List.of())) {
            if (YamlValues.isText(item)) {
                texts.add(((ScalarNode) item).getValue());
            } else {
                problems.error(item, where + ": every item of " + key + " must be text (got "
                        + values.describeForText(item) + ")");
            }
        }
        return texts;
    }

    /** A text or a list of texts ({@code when}, {@code then}, {@code server-command}), as the nodes that hold them. */
    List<ScalarNode> textOrTexts(String key) {
        Node value = value(key);
        if (value == null || YamlValues.isNull(value)) {
            return List.of();
        }
        List<Node> items = value instanceof SequenceNode sequence ? sequence.getValue() : List.of(value);
        List<ScalarNode> texts = new ArrayList<>();
        for (Node item : items) {
            if (YamlValues.isText(item)) {
                texts.add((ScalarNode) item);
            } else {
                problems.error(item, where + ": " + key + " must be text or a list of texts (got "
                        + values.describeForText(item) + ")");
            }
        }
        return texts;
    }

    /** The condition under {@code key}, parsed; an unreadable one is reported with where in it it fails. */
    Optional<Expression> condition(String key) {
        Optional<String> text = text(key);
        return text.flatMap(written -> condition(value(key), key, written));
    }

    /** {@code written}, the text of {@code at}, parsed as a condition; reported when it cannot be. */
    Optional<Expression> condition(Node at, String key, String written) {
        try {
            return Optional.of(ExpressionParser.parse(written));
        } catch (InvalidExpressionException e) {
            problems.error(at, where + ": " + key + " '" + written + "' is not a valid condition: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** The whole mapping as plain data: ordered maps, lists and scalars as PyYAML would give them. */
    Map<String, Object> plainMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        for (String key : entries.keySet()) {
            map.put(key, values.plain(value(key), where + ", " + key));
        }
        return map;
    }

    private Map<String, NodeTuple> entriesOf(MappingNode mapping, int depth) {
        Map<String, NodeTuple> merged = new LinkedHashMap<>();
        Map<String, NodeTuple> own = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node key = tuple.getKeyNode();
            if (key instanceof ScalarNode scalar && Tag.MERGE.equals(scalar.getTag())) {
                merge(tuple.getValueNode(), merged, depth);
            } else if (!(key instanceof ScalarNode scalar)) {
                problems.error(key, where + ": a key must be plain text (got " + values.describe(key) + ")");
            } else {
                if (own.containsKey(scalar.getValue()) && depth == 0) {
                    repeatedKeys.add(scalar);
                }
                own.put(scalar.getValue(), tuple);
            }
        }
        merged.putAll(own);
        return merged;
    }

    /** PyYAML's merge: the mapping's own keys win, and among merged mappings the first one wins. */
    private void merge(Node source, Map<String, NodeTuple> into, int depth) {
        if (depth >= MAX_MERGE_DEPTH) {
            problems.error(source, where + ": merge keys (<<) nest too deeply; is an alias referring to itself?");
            return;
        }
        List<Node> sources = source instanceof SequenceNode sequence ? sequence.getValue() : List.of(source);
        for (Node each : sources) {
            if (each instanceof MappingNode mapping) {
                if (!values.mayMerge(each, where, Math.max(1, mapping.getValue().size()))) {
                    return;
                }
                entriesOf(mapping, depth + 1).forEach(into::putIfAbsent);
            } else {
                problems.error(each, where + ": a merge key (<<) must refer to a mapping (got "
                        + values.describe(each) + ")");
            }
        }
    }
}
