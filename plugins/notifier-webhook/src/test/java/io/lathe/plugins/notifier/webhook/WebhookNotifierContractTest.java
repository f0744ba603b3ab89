package io.lathe.plugins.notifier.webhook;

import io.lathe.plugin.api.config.Settings;
import io.lathe.plugin.api.notify.Notifier;
import io.lathe.plugin.api.notify.NotifierContract;
import io.lathe.plugin.api.testkit.TestPluginContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class WebhookNotifierContractTest extends NotifierContract {

    private RecordingReceiver receiver;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = new RecordingReceiver();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Override
    protected Notifier createNotifier(Path tempDir) {
        WebhookNotifierFactory factory = new WebhookNotifierFactory();
        Map<String, String> given = Map.of("url", receiver.url("/hooks/lathe").toString(), "secret", "s3cret");
        return factory.create(Settings.of(factory.configProperties(), given), new TestPluginContext(tempDir));
    }

    @Override
    protected List<String> receivedMessages() {
        return receiver.requests().stream().map(RecordingReceiver.Request::text).toList();
    }

    @Override
    protected void makeReceiverRefuse() {
        receiver.answerWith(403, "forbidden");
    }
}
