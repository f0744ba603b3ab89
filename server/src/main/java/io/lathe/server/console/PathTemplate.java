package io.lathe.server.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A console URL's shape: {@code /projects/{project}/data/{datum}} is literal segments and named variables, each
 * variable matching one whole, non-empty segment. A trailing slash on a request's path is ignored.
 */
record PathTemplate(String text, List<String> segments) implements Comparable<PathTemplate> {

    private static final Pattern VARIABLE = Pattern.compile("\\{[A-Za-z][A-Za-z0-9]*}");

    PathTemplate {
        Objects.requireNonNull(text, "text");
        segments = List.copyOf(segments);
    }

    static PathTemplate parse(String text) {
        if (!text.startsWith("/") || text.contains("//") || (text.length() > 1 && text.endsWith("/"))) {
            throw new IllegalArgumentException("a path template starts with '/' and has no empty segment: " + text);
        }
        List<String> segments = split(text);
        for (String segment : segments) {
            if (isVariable(segment) ? !VARIABLE.matcher(segment).matches()
                    : segment.contains("{") || segment.contains("}")) {
                throw new IllegalArgumentException("a segment is a literal or one whole {variable}: " + text);
            }
        }
        PathTemplate template = new PathTemplate(text, segments);
        if (template.variables().stream().distinct().count() != template.variables().size()) {
            throw new IllegalArgumentException("a variable appears twice in " + text);
        }
        return template;
    }

    /** The names of the variables, in order. */
    List<String> variables() {
        return segments.stream().filter(PathTemplate::isVariable).map(s -> s.substring(1, s.length() - 1)).toList();
    }

    /** The variables' values when {@code path} has this shape. */
    Optional<Map<String, String>> match(String path) {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (!trimmed.startsWith("/") || trimmed.contains("//")) {
            return Optional.empty();
        }
        List<String> given = split(trimmed);
        if (given.size() != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (isVariable(segment)) {
                values.put(segment.substring(1, segment.length() - 1), given.get(i));
            } else if (!segment.equals(given.get(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(values);
    }

    /**
     * More specific first: at the first segment where two templates differ in kind, a literal comes before a
     * variable, so {@code /tasks/new} is tried before {@code /tasks/{counter}}.
     */
    @Override
    public int compareTo(PathTemplate other) {
        for (int i = 0; i < Math.min(segments.size(), other.segments.size()); i++) {
            boolean mine = isVariable(segments.get(i));
            boolean theirs = isVariable(other.segments.get(i));
            if (mine != theirs) {
                return mine ? 1 : -1;
            }
        }
        return Integer.compare(segments.size(), other.segments.size());
    }

    /** Whether both templates match exactly the same paths (they differ at most in their variables' names). */
    boolean sameShape(PathTemplate other) {
        if (segments.size() != other.segments.size()) {
            return false;
        }
        for (int i = 0; i < segments.size(); i++) {
            String mine = segments.get(i);
            String theirs = other.segments.get(i);
            if (isVariable(mine) ? !isVariable(theirs) : !mine.equals(theirs)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isVariable(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    private static List<String> split(String path) {
        List<String> segments = new ArrayList<>();
        if (path.equals("/")) {
            return segments;
        }
        for (String segment : path.substring(1).split("/", -1)) {
            segments.add(segment);
        }
        return segments;
    }
}
