package io.lathe.plugins.notifier.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lathe.plugin.api.config.ConfigError;
import io.lathe.plugin.api.config.ConfigProperty;
import io.lathe.plugin.api.config.Settings;
import io.lathe.plugin.api.notify.Event;
import io.lathe.plugin.api.notify.Notifier;
import io.lathe.plugin.api.notify.NotifierFactory;
import io.lathe.plugin.api.testkit.ExtensionIndex;
import io.lathe.plugin.api.testkit.TestPluginContext;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestWebhookNotifierPlugin {

    private final NotifierFactory factory = new WebhookNotifierFactory();

    @Test
    void factoryDescribesItself() {
        assertEquals("webhook", factory.id());
        assertEquals("Webhook", factory.displayName());
        List<ConfigProperty> properties = factory.configProperties();
        assertEquals(List.of("url", "secret", "timeout-seconds"),
                properties.stream().map(ConfigProperty::name).toList());
        assertTrue(properties.get(0).required());
        assertTrue(properties.get(1).secret());
        assertFalse(properties.get(0).secret());
        assertEquals("10", properties.get(2).defaultValue().orElseThrow());
    }

    @Test
    void createsAWorkingNotifierAndClosesIt(@TempDir Path tempDir) throws IOException {
        try (RecordingReceiver receiver = new RecordingReceiver()) {
            Map<String, String> given = Map.of("url", receiver.url("/hook").toString(), "secret", "s");
            assertEquals(List.of(), factory.validate(given));

            try (Notifier notifier = factory.create(Settings.of(factory.configProperties(), given),
                    new TestPluginContext(tempDir))) {
                notifier.deliver(new Event("execution.complete", "demo", "done", "", "http://localhost:8080/",
                        Instant.EPOCH, Map.of()));
            }

            assertEquals(1, receiver.requests().size());
        }
    }

    @Test
    void theUrlIsRequired() {
        assertEquals(List.of("url"), fields(factory.validate(Map.of())));
    }

    @Test
    void theUrlMustBeHttpOrHttps() {
        assertEquals(List.of(), factory.validate(Map.of("url", "https://hooks.example.com/lathe")));
        assertEquals(List.of(), factory.validate(Map.of("url", "HTTP://127.0.0.1:9000/x?y=1")));
        assertEquals(List.of("url"), fields(factory.validate(Map.of("url", "ftp://example.com/x"))));
        assertEquals(List.of("url"), fields(factory.validate(Map.of("url", "file:///etc/passwd"))));
        assertEquals(List.of("url"), fields(factory.validate(Map.of("url", "hooks.example.com/lathe"))));
        assertEquals(List.of("url"), fields(factory.validate(Map.of("url", "http://"))));
        assertEquals(List.of("url"), fields(factory.validate(Map.of("url", "http://exa mple.com/"))));
    }

    @Test
    void theTimeoutMustBeAPositiveNumberOfSeconds() {
        String url = "https://hooks.example.com/lathe";
        assertEquals(List.of("timeout-seconds"), fields(factory.validate(Map.of("url", url, "timeout-seconds", "0"))));
        assertEquals(List.of("timeout-seconds"),
                fields(factory.validate(Map.of("url", url, "timeout-seconds", "3601"))));
        assertEquals(List.of("timeout-seconds"),
                fields(factory.validate(Map.of("url", url, "timeout-seconds", "soon"))));
        assertEquals(List.of(), factory.validate(Map.of("url", url, "timeout-seconds", "30")));
    }

    @Test
    void theExtensionIndexNamesTheFactory() {
        ExtensionIndex.assertListed(WebhookNotifierFactory.class);
    }

    private static List<String> fields(List<ConfigError> errors) {
        return errors.stream().map(ConfigError::field).toList();
    }
}
