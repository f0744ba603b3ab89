package io.lathe.server.valohai;

import java.util.List;

/**
 * A {@code valohai.yaml} that cannot be used: invalid YAML, or YAML that breaks the rules of the file. Carries every
 * error found; the first is the one named by {@link #fileName()}, {@link #line()} and {@link #problem()}.
 */
public final class ValohaiConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> errors;

    /**
     * @param errors the errors in the order they were found; at least one
     */
    public ValohaiConfigException(List<ConfigProblem> errors) {
        super(describe(errors));
        this.errors = List.copyOf(errors);
    }

    /** The file the (first) error is in. */
    public String fileName() {
        return errors.get(0).fileName();
    }

    /** The 1-based line of the first error, or 0 when it has no line. */
    public int line() {
        return errors.get(0).line();
    }

    /** The first error, without file and line. */
    public String problem() {
        return errors.get(0).problem();
    }

    /** Every error found, in file order; never empty. */
    public List<ConfigProblem> errors() {
        return errors;
    }

    private static String describe(List<ConfigProblem> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a ValohaiConfigException needs at least one error");
        }
        String first = errors.get(0).message();
        int more = errors.size() - 1;
        return more == 0 ? first : first + " (and " + more + " more " + (more == 1 ? "error" : "errors") + ")";
    }
}
