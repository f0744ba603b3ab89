package io.lathe.server.valohai;

/** A condition that {@link ExpressionParser} cannot read; the message names the 1-based character where it failed. */
public final class InvalidExpressionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int position;
    private final String problem;

    InvalidExpressionException(int position, String problem) {
        super("at character " + position + ": " + problem);
        this.position = position;
        this.problem = problem;
    }

    /** The 1-based character where reading failed. */
    public int position() {
        return position;
    }

    /** What is wrong, without the position. */
    public String problem() {
        return problem;
    }
}
