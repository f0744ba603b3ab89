package io.lathe.plugin.api.testkit;

import static java.util.Objects.requireNonNull;

import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link System.Logger} that keeps every message it is given and passes it on to the JDK's logger. */
final class RecordingLogger implements System.Logger {

    private final System.Logger delegate;
    private final List<String> messages = new CopyOnWriteArrayList<>();

    RecordingLogger(String name) {
        this.delegate = System.getLogger(requireNonNull(name, "name"));
    }

    List<String> messages() {
        return List.copyOf(messages);
    }

    @Override
    public String getName() {
        return delegate.getName();
    }

    @Override
    public boolean isLoggable(Level level) {
        return true;
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
        messages.add(level + " " + message);
        delegate.log(level, bundle, message, thrown);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        String message = params == null || params.length == 0 ? format : MessageFormat.format(format, params);
        messages.add(level + " " + message);
        delegate.log(level, bundle, format, params);
    }
}
