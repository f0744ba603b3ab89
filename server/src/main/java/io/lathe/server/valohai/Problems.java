package io.lathe.server.valohai;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.yaml.snakeyaml.nodes.Node;

/** Collects the errors and warnings of one parse, each tied to the line of the node it is about. */
final class Problems {

    private final String fileName;
    private final List<ConfigProblem> errors = new ArrayList<>();
    private final List<ConfigProblem> warnings = new ArrayList<>();

    Problems(String fileName) {
        this.fileName = fileName;
    }

    void error(Node at, String problem) {
        errors.add(new ConfigProblem(fileName, line(at), problem));
    }

    void warning(Node at, String problem) {
        warnings.add(new ConfigProblem(fileName, line(at), problem));
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    int errorCount() {
        return errors.size();
    }

    /** Errors sorted by line, so that the first reported is the first in the file; the sort is stable. */
    List<ConfigProblem> errors() {
        return sortedByLine(errors);
    }

    List<ConfigProblem> warnings() {
        return sortedByLine(warnings);
    }

    static int line(Node node) {
        return node == null || node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    private static List<ConfigProblem> sortedByLine(List<ConfigProblem> problems) {
        List<ConfigProblem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparingInt(ConfigProblem::line));
        return List.copyOf(sorted);
    }
}
