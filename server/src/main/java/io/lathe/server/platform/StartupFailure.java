package io.lathe.server.platform;

/**
 * Why the server cannot start, in the one sentence a person needs: what is wrong and which setting or file to change.
 * Start-up logs it as {@code Lathe cannot start: <sentence>} and the process ends with status 1; the cause's stack
 * trace goes to the server log (and to the console only with {@code LATHE_LOG_LEVEL=debug}).
 */
public class StartupFailure extends RuntimeException {

    public StartupFailure(String sentence, Throwable cause) {
        super(sentence, cause);
    }
}
