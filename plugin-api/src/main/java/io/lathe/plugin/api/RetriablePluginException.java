package io.lathe.plugin.api;

/** A {@link PluginException} whose cause is transient: the same call may succeed if repeated later. */
public class RetriablePluginException extends PluginException {

    /** @see PluginException#PluginException(String, String) */
    public RetriablePluginException(String code, String message) {
        super(code, message);
    }

    /** @see PluginException#PluginException(String, String, Throwable) */
    public RetriablePluginException(String code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
