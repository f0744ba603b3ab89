package io.lathe.server.valohai;

import static java.util.Objects.requireNonNull;

/** A parameter value that a step does not accept; the message says what is wrong and what is expected. */
public final class ParameterException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String parameter;

    /**
     * @param parameter the parameter's name as given (possibly one the step does not have)
     * @param message for a person, e.g. {@code parameter 'epochs' must be an integer, not 'abc'}
     */
    public ParameterException(String parameter, String message) {
        super(requireNonNull(message, "message"));
        this.parameter = requireNonNull(parameter, "parameter");
    }

    /** The name of the parameter at fault. */
    public String parameter() {
        return parameter;
    }
}
