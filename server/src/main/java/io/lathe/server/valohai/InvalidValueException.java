package io.lathe.server.valohai;

/**
 * A value a parameter does not accept, described without naming the parameter ({@code must be an integer, not
 * 'abc'}), so that the caller can say whose value it is: a given value, or a default in the file.
 */
final class InvalidValueException extends Exception {

    private static final long serialVersionUID = 1L;

    InvalidValueException(String problem) {
        super(problem);
    }

    String problem() {
        return getMessage();
    }
}
