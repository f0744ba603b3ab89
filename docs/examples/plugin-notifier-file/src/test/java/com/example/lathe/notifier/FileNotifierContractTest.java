package com.example.lathe.notifier;

import io.lathe.plugin.api.config.Settings;
import io.lathe.plugin.api.notify.Notifier;
import io.lathe.plugin.api.notify.NotifierContract;
import io.lathe.plugin.api.testkit.TestPluginContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The notifier contract every Lathe notifier passes, run against this one: its receiver is the file. */
class FileNotifierContractTest extends NotifierContract {

    private Path file;

    @Override
    protected Notifier createNotifier(Path tempDir) {
        FileNotifierFactory factory = new FileNotifierFactory();
        file = tempDir.resolve("events.jsonl");
        return factory.create(Settings.of(factory.configProperties(), Map.of()), new TestPluginContext(tempDir));
    }

    @Override
    protected List<String> receivedMessages() {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void makeReceiverRefuse() {
        try {
            // A folder where the file should be: every later append fails.
            Files.deleteIfExists(file);
            Files.createDirectory(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
